// A local fake of the WeCom smart-robot (智能机器人) long-connection server, for tests. Point the official
// @wecom/aibot-node-sdk WSClient at it with `wsUrl: fake.url`.
//
// Wire protocol, as @wecom/aibot-node-sdk 1.0.7 speaks it (dist/index.esm.js) and developer.work.weixin.qq.com
// document 101463 (智能机器人长连接) describes it:
// - One WebSocket; every frame is a JSON text frame `{ cmd?, headers: { req_id }, body?, errcode?, errmsg? }`.
//   The SDK strips control characters before JSON.parse; a frame that does not parse is logged and ignored.
// - Auth: right after `open` the client sends `{ cmd: 'aibot_subscribe', headers: { req_id: 'aibot_subscribe_<ts>_<rnd>' },
//   body: { bot_id, secret, scene?, plug_version? } }`. The answer has no cmd, the same req_id and `errcode: 0`.
//   The SDK routes answers by req_id PREFIX (aibot_subscribe / ping), so req_ids must be echoed unchanged.
//   A non-zero errcode makes the SDK terminate and retry with back-off up to maxAuthFailureAttempts (default 5).
// - Heartbeat: `{ cmd: 'ping', headers: { req_id: 'ping_…' } }` every heartbeatInterval (default 30 s), answered
//   `{ headers: { req_id }, errcode: 0 }`. After 2 unanswered pings the SDK terminates the socket and reconnects.
//   It also answers protocol-level WebSocket pings with pongs.
// - Inbound: `{ cmd: 'aibot_msg_callback', headers: { req_id }, body: { msgid, aibotid, chatid?, chattype: 'single'|'group',
//   from: { userid }, create_time, msgtype: 'text', text: { content } } }` → SDK events 'message' and 'message.text'.
//   Only @-mentions reach the robot in a group; the text keeps the "@机器人名" prefix (documented example
//   "@RobotA hello robot"). chatid is present only for group chats: in a private chat the target is from.userid.
// - Events: `{ cmd: 'aibot_event_callback', headers: { req_id }, body: { msgid, create_time, aibotid, chatid?, chattype,
//   from: { userid, corpid? }, msgtype: 'event', event: { eventtype, <eventtype>: { … } } } }` → 'event' and
//   'event.<eventtype>'. A template-card click is eventtype 'template_card_event'; the documented payload nests
//   `{ card_type, event_key, task_id }` under event.template_card_event (the SDK's own typings put event_key and
//   task_id directly on event: this fake sends both so either reading works).
//   eventtype 'disconnected_event' tells the OLD connection that a newer one took over: the SDK stops and does
//   NOT reconnect. The platform keeps one live connection per robot.
// - Replies reuse the inbound req_id: cmd 'aibot_respond_msg' (body msgtype 'stream' | 'markdown' | 'template_card' |
//   'stream_with_template_card'), 'aibot_respond_welcome_msg' (enter_chat, within 5 s), 'aibot_respond_update_msg'
//   (body { response_type: 'update_template_card', template_card, userids? }, within 5 s of the click).
//   Proactive push: cmd 'aibot_send_msg', req_id 'aibot_send_msg_…', body { chatid, msgtype: 'markdown'|'template_card', … }
//   where chatid is a group chatid or, for a private chat, the userid.
//   Every one of these is acknowledged with `{ headers: { req_id }, errcode, errmsg }`; the SDK sends frames of one
//   req_id strictly one after another, waits 5 s for each ack, and rejects the caller's promise with the ack frame
//   when errcode ≠ 0 (rate limits surface there: 45009 is WeCom's generic "api freq out of limit").
// - Reconnect: on close the SDK waits reconnectInterval·2^(n-1) (1 s, 2 s, 4 s … capped at 30 s), default 10 attempts
//   (maxReconnectAttempts -1 = forever). The counter resets after a successful auth.
// What the platform does with a callback while no connection is up is not documented; this fake queues it and
// delivers it after the next successful auth, so a test can show nothing is lost on the client side.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, WebSocket } from 'ws';
import { Recorder } from './recorder.js';

export interface AibotFrame {
  cmd?: string;
  headers?: { req_id?: string };
  body?: any;
  errcode?: number;
  errmsg?: string;
}

/** A frame the SDK sent us (besides auth and ping), with the time it arrived. */
export interface AibotSent {
  cmd: string;
  reqId: string;
  body: any;
  at: number;
}

export interface AibotServerOptions {
  botId?: string;
  secret?: string;
  /** The robot's display name, which prefixes group @-mentions. */
  botName?: string;
}

export interface PushedMessage {
  reqId: string;
  msgid: string;
}

const newId = (prefix: string) => `${prefix}_${Date.now()}_${randomBytes(4).toString('hex')}`;

export class WecomAibotServer {
  readonly botId: string;
  readonly secret: string;
  readonly botName: string;
  url = '';
  /** Every aibot_subscribe received, with whether it was accepted. */
  readonly auths = new Recorder<{ botId: string; ok: boolean; at: number }>();
  /** Replies, pushes and card updates the SDK sent. */
  readonly sent = new Recorder<AibotSent>();
  readonly pings = new Recorder<{ at: number }>();
  private http = http.createServer();
  private wss = new WebSocketServer({ server: this.http });
  private live: WebSocket | null = null;
  private pending: AibotFrame[] = [];
  private failures: { errcode: number; errmsg: string }[] = [];
  private issuedReqIds = new Map<string, { kind: 'msg' | 'event'; at: number }>();

  constructor(opts: AibotServerOptions = {}) {
    this.botId = opts.botId ?? 'aibot-test-id';
    this.secret = opts.secret ?? 'aibot-test-secret';
    this.botName = opts.botName ?? '支部助手';
    this.wss.on('connection', (ws) => this.onConnection(ws));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    this.url = `ws://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
    return this;
  }

  get connected(): boolean {
    return this.live?.readyState === WebSocket.OPEN;
  }

  /** A member @-mentions the robot in a group chat. */
  pushGroupText(chatid: string, userid: string, text: string): PushedMessage {
    return this.pushCallback({
      chatid,
      chattype: 'group',
      from: { userid },
      msgtype: 'text',
      text: { content: `@${this.botName} ${text}` },
    });
  }

  /** A member writes to the robot in a private (single) chat. */
  pushPrivateText(userid: string, text: string): PushedMessage {
    return this.pushCallback({ chattype: 'single', from: { userid }, msgtype: 'text', text: { content: text } });
  }

  /** A member clicks a button of a button_interaction template card. */
  pushCardClick(chat: { chatid?: string; userid: string }, taskId: string, eventKey: string): PushedMessage {
    const card = { card_type: 'button_interaction', event_key: eventKey, task_id: taskId };
    const frame: AibotFrame = {
      cmd: 'aibot_event_callback',
      headers: { req_id: newId('event') },
      body: {
        msgid: newId('msg'),
        create_time: Math.floor(Date.now() / 1000),
        aibotid: this.botId,
        ...(chat.chatid ? { chatid: chat.chatid } : {}),
        chattype: chat.chatid ? 'group' : 'single',
        from: { userid: chat.userid },
        msgtype: 'event',
        event: { eventtype: 'template_card_event', template_card_event: card, event_key: eventKey, task_id: taskId },
      },
    };
    this.issuedReqIds.set(frame.headers!.req_id!, { kind: 'event', at: Date.now() });
    this.deliver(frame);
    return { reqId: frame.headers!.req_id!, msgid: frame.body.msgid };
  }

  /** The next n sends (replies, pushes, updates) are refused with this errcode instead of acknowledged. */
  failNextSends(n: number, errcode = 45009, errmsg = 'api freq out of limit'): void {
    for (let i = 0; i < n; i++) this.failures.push({ errcode, errmsg });
  }

  /** Drops the live connection without a close handshake, as a network cut does. */
  dropConnection(): void {
    this.live?.terminate();
    this.live = null;
  }

  /** Tells the live connection a newer one took over (disconnected_event), then closes it. */
  kickOld(): void {
    const ws = this.live;
    if (!ws) return;
    this.send(ws, {
      cmd: 'aibot_event_callback',
      headers: { req_id: newId('event') },
      body: {
        msgid: newId('msg'),
        create_time: Math.floor(Date.now() / 1000),
        aibotid: this.botId,
        msgtype: 'event',
        event: { eventtype: 'disconnected_event' },
      },
    });
    ws.close();
    this.live = null;
  }

  /** Sends bytes that are not a valid frame to the live connection. */
  sendMalformed(raw = '{"cmd":"aibot_msg_callback","headers":'): void {
    this.live?.send(raw);
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private pushCallback(body: Record<string, unknown>): PushedMessage {
    const frame: AibotFrame = {
      cmd: 'aibot_msg_callback',
      headers: { req_id: newId('callback') },
      body: { msgid: newId('msg'), aibotid: this.botId, create_time: Math.floor(Date.now() / 1000), ...body },
    };
    this.issuedReqIds.set(frame.headers!.req_id!, { kind: 'msg', at: Date.now() });
    this.deliver(frame);
    return { reqId: frame.headers!.req_id!, msgid: frame.body.msgid };
  }

  private deliver(frame: AibotFrame): void {
    if (this.live && this.connected) this.send(this.live, frame);
    else this.pending.push(frame);
  }

  private send(ws: WebSocket, frame: AibotFrame): void {
    ws.send(JSON.stringify(frame));
  }

  private onConnection(ws: WebSocket): void {
    ws.on('message', (data) => {
      let frame: AibotFrame;
      try {
        frame = JSON.parse(String(data));
      } catch {
        return; // the real server's answer to garbage is unknown; ignoring it is the safe guess
      }
      const reqId = frame.headers?.req_id ?? '';
      const ack = (errcode = 0, errmsg = 'ok') => this.send(ws, { headers: { req_id: reqId }, errcode, errmsg });
      switch (frame.cmd) {
        case 'aibot_subscribe': {
          const ok = frame.body?.bot_id === this.botId && frame.body?.secret === this.secret;
          this.auths.push({ botId: String(frame.body?.bot_id ?? ''), ok, at: Date.now() });
          if (!ok) return ack(40001, 'invalid bot_id or secret'); // real errcode not documented: placeholder
          if (this.live && this.live !== ws) this.kickOld();
          this.live = ws;
          ack();
          const queued = this.pending.splice(0);
          for (const f of queued) this.send(ws, f);
          return;
        }
        case 'ping':
          this.pings.push({ at: Date.now() });
          return ack();
        case 'aibot_respond_msg':
        case 'aibot_respond_welcome_msg':
        case 'aibot_respond_update_msg':
        case 'aibot_send_msg': {
          if (ws !== this.live) return ack(-1, 'fake: connection not authenticated');
          if (frame.cmd !== 'aibot_send_msg' && !this.issuedReqIds.has(reqId))
            return ack(-1, 'fake: reply to a req_id the server never issued');
          const failure = this.failures.shift();
          if (failure) return ack(failure.errcode, failure.errmsg);
          this.sent.push({ cmd: frame.cmd, reqId, body: frame.body, at: Date.now() });
          return ack();
        }
        default:
          return ack(-1, `fake: unknown cmd ${frame.cmd}`);
      }
    });
    ws.on('close', () => {
      if (this.live === ws) this.live = null;
    });
    ws.on('error', () => {});
  }
}

export async function startWecomAibotServer(opts: AibotServerOptions = {}): Promise<WecomAibotServer> {
  return new WecomAibotServer(opts).start();
}

// A local fake of Feishu (飞书) long-connection event delivery and of the OpenAPI endpoints a bot sends through, for
// tests with the official @larksuiteoapi/node-sdk. Point both the SDK's WSClient and Client at it with
// `domain: fake.baseUrl` (the SDK accepts any URL as domain and builds every path from it).
//
// Wire protocol, from @larksuiteoapi/node-sdk 1.74.0 (lib/index.js: WSConfig, WSClient, pbbp2) and open.feishu.cn
// "使用长连接接收事件":
// - Endpoint discovery: POST {domain}/callback/ws/endpoint, JSON { AppID, AppSecret } → { code: 0, data: { URL,
//   ClientConfig: { PingInterval, ReconnectCount, ReconnectInterval, ReconnectNonce } } } (seconds). URL's query
//   carries device_id and service_id. Codes: 1 system busy / 1000040343 internal error (retried), 403 forbidden,
//   514 auth failed, 1000040350 too many connections (not retried: the client gives up and calls onError).
//   The SDK refuses to start at all unless appId matches /^cli_[0-9a-f]{16}$/ (it only logs an error).
// - WebSocket frames are binary protobuf `pbbp2.Frame { 1 SeqID uint64, 2 LogID uint64, 3 service int32,
//   4 method int32 (0 control, 1 data), 5 headers repeated Header { 1 key string, 2 value string },
//   6 payloadEncoding, 7 payloadType, 8 payload bytes, 9 LogIDNew }`.
// - Control: the client sends method 0 with header type=ping every PingInterval (default 120 s); the server answers
//   type=pong, whose optional JSON payload updates the client's ping/reconnect settings.
// - Events: method 1, headers type=event, message_id, sum, seq, trace_id; payload = the JSON event (split into `sum`
//   fragments when large). The SDK awaits the registered handler, then acks with the same frame plus header biz_rt
//   and payload JSON { code: 200, data?: base64(handler result) } (500 if the handler threw). An event must be
//   acked within 3 s or the platform pushes it again: handlers must return at once and answer later.
//   A frame that does not decode is logged and dropped (no crash).
// - Reconnect: on close the SDK waits ReconnectNonce·random() then retries every ReconnectInterval, forever when
//   ReconnectCount is -1, calling onReconnecting / onReconnected. Each attempt re-runs endpoint discovery.
// - Message event (im.message.receive_v1, schema 2.0): { schema, header: { event_id, event_type, create_time, token,
//   app_id, tenant_key }, event: { sender: { sender_id: { open_id, user_id, union_id }, sender_type, tenant_key },
//   message: { message_id, chat_id, chat_type: 'group' | 'p2p', message_type: 'text', content: '{"text":"@_user_1 …"}',
//   mentions?: [{ key: '@_user_1', id: { open_id, … }, name }] } } }. An @-mention shows in the text as a
//   placeholder key; whether it is the bot is known by comparing mentions[].id.open_id with the bot's open_id
//   (GET /open-apis/bot/v3/info). Without the "read all group messages" permission only @-mentions arrive.
// - Sending (Client): POST /open-apis/auth/v3/tenant_access_token/internal { app_id, app_secret } →
//   { code: 0, tenant_access_token, expire }; then Bearer-authorised POST /open-apis/im/v1/messages?receive_id_type=
//   chat_id|open_id { receive_id, msg_type: 'text', content: '{"text":…}', uuid? } and POST
//   /open-apis/im/v1/messages/{message_id}/reply { msg_type, content, uuid? } → { code: 0, data: { message_id } }.
//   Frequency limits answer HTTP 400 with code 99991400 (per app) — the SDK's API docs; 230020 is the per-chat
//   message frequency limit.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { WebSocketServer, WebSocket } from 'ws';
import { Recorder } from './recorder.js';

// ---- a minimal protobuf codec for pbbp2.Frame (written from the field list above) ----

export interface PbHeader {
  key: string;
  value: string;
}

export interface PbFrame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: PbHeader[];
  payload?: Uint8Array;
}

function varint(n: number): number[] {
  const out: number[] = [];
  let v = BigInt(n);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

function lenField(tag: number, bytes: Uint8Array): number[] {
  return [...varint((tag << 3) | 2), ...varint(bytes.length), ...bytes];
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export function encodeFrame(f: PbFrame): Buffer {
  const out: number[] = [
    ...varint(8),
    ...varint(f.SeqID),
    ...varint(16),
    ...varint(f.LogID),
    ...varint(24),
    ...varint(f.service),
    ...varint(32),
    ...varint(f.method),
  ];
  for (const h of f.headers)
    out.push(...lenField(5, Uint8Array.from([...lenField(1, utf8(h.key)), ...lenField(2, utf8(h.value))])));
  if (f.payload) out.push(...lenField(8, f.payload));
  return Buffer.from(out);
}

function readVarint(buf: Uint8Array, pos: { i: number }): bigint {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const b = buf[pos.i++];
    if (b === undefined) throw new Error('truncated varint');
    result |= BigInt(b & 0x7f) << shift;
    if (!(b & 0x80)) return result;
    shift += 7n;
  }
}

function fields(buf: Uint8Array): { tag: number; value: bigint | Uint8Array }[] {
  const pos = { i: 0 };
  const out: { tag: number; value: bigint | Uint8Array }[] = [];
  while (pos.i < buf.length) {
    const key = Number(readVarint(buf, pos));
    const tag = key >> 3;
    const wire = key & 7;
    if (wire === 0) out.push({ tag, value: readVarint(buf, pos) });
    else if (wire === 2) {
      const len = Number(readVarint(buf, pos));
      out.push({ tag, value: buf.subarray(pos.i, pos.i + len) });
      pos.i += len;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

export function decodeFrame(buf: Uint8Array): PbFrame {
  const f: PbFrame = { SeqID: 0, LogID: 0, service: 0, method: 0, headers: [] };
  const text = (v: bigint | Uint8Array) => new TextDecoder().decode(v as Uint8Array);
  for (const { tag, value } of fields(buf)) {
    if (tag === 1) f.SeqID = Number(value);
    else if (tag === 2) f.LogID = Number(value);
    else if (tag === 3) f.service = Number(value);
    else if (tag === 4) f.method = Number(value);
    else if (tag === 5) {
      const h: PbHeader = { key: '', value: '' };
      for (const sub of fields(value as Uint8Array)) {
        if (sub.tag === 1) h.key = text(sub.value);
        if (sub.tag === 2) h.value = text(sub.value);
      }
      f.headers.push(h);
    } else if (tag === 8) f.payload = value as Uint8Array;
  }
  return f;
}

const header = (f: PbFrame, key: string) => f.headers.find((h) => h.key === key)?.value;

// ---- the fake ----

export interface FeishuSend {
  kind: 'create' | 'reply';
  /** chat_id or open_id for create; the replied-to message_id for reply. */
  target: string;
  receiveIdType?: string;
  body: any;
  at: number;
}

export interface FeishuServerOptions {
  appId?: string;
  appSecret?: string;
  botOpenId?: string;
  botName?: string;
  /** Re-push an event not acked within this many ms (the platform's 3 s rule). */
  ackTimeoutMs?: number;
  /** open_id → user_id, sent in sender_id as a tenant does for an app allowed to read user ids ('' otherwise). */
  userIds?: Record<string, string>;
}

export class FeishuWsServer {
  readonly appId: string;
  readonly appSecret: string;
  readonly botOpenId: string;
  readonly botName: string;
  baseUrl = '';
  readonly endpointCalls = new Recorder<{ appId: string; ok: boolean }>();
  readonly connections = new Recorder<{ deviceId: string; at: number }>();
  readonly pings = new Recorder<{ at: number }>();
  /** Acks for pushed events: message_id, ms after the (last) push, the SDK's answer code. */
  readonly acks = new Recorder<{ messageId: string; latencyMs: number; code: number }>();
  /** Every push of an event, first deliveries and re-pushes. */
  readonly deliveries = new Recorder<{ messageId: string; repush: boolean }>();
  readonly sends = new Recorder<FeishuSend>();
  readonly tokenRequests = new Recorder<{ ok: boolean }>();
  private http = http.createServer((req, res) => this.handle(req, res));
  private wss = new WebSocketServer({ server: this.http, path: '/ws' });
  private live: WebSocket | null = null;
  private readonly ackTimeoutMs: number;
  private unacked = new Map<string, { frame: PbFrame; pushedAt: number; timer?: NodeJS.Timeout }>();
  private sendFailures: { status: number; code: number; msg: string }[] = [];
  private tokenFailures = 0;
  private seq = 1;
  private readonly userIds: Map<string, string>;

  constructor(opts: FeishuServerOptions = {}) {
    this.appId = opts.appId ?? 'cli_a1b2c3d4e5f60718';
    this.appSecret = opts.appSecret ?? 'feishu-test-secret';
    this.botOpenId = opts.botOpenId ?? 'ou_bot0000000000000000000000000001';
    this.botName = opts.botName ?? '支部助手';
    this.ackTimeoutMs = opts.ackTimeoutMs ?? 3000;
    this.userIds = new Map(Object.entries(opts.userIds ?? {}));
    this.wss.on('connection', (ws, req) => this.onConnection(ws, req));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
    return this;
  }

  get connected(): boolean {
    return this.live?.readyState === WebSocket.OPEN;
  }

  get unackedCount(): number {
    return this.unacked.size;
  }

  /** A member @-mentions the bot in a group. Returns the platform message_id. */
  pushGroupText(chatId: string, senderOpenId: string, text: string): string {
    const mention = {
      key: '@_user_1',
      id: { open_id: this.botOpenId, union_id: 'on_bot', user_id: '' },
      name: this.botName,
      tenant_key: 'tenant',
    };
    return this.pushMessage(
      {
        chat_id: chatId,
        chat_type: 'group',
        content: JSON.stringify({ text: `@_user_1 ${text}` }),
        mentions: [mention],
      },
      senderOpenId,
    );
  }

  pushPrivateText(senderOpenId: string, text: string): string {
    return this.pushMessage(
      { chat_id: `oc_p2p_${senderOpenId}`, chat_type: 'p2p', content: JSON.stringify({ text }) },
      senderOpenId,
    );
  }

  /** The next n message sends are refused with a frequency-limit answer. */
  failNextSends(n: number, code = 99991400, status = 400, msg = 'request trigger frequency limit'): void {
    for (let i = 0; i < n; i++) this.sendFailures.push({ status, code, msg });
  }

  /** The next n tenant_access_token requests fail with HTTP 500. */
  failNextTokenRequests(n: number): void {
    this.tokenFailures += n;
  }

  dropConnection(): void {
    this.live?.terminate();
    this.live = null;
  }

  /** Sends bytes that are not a valid pbbp2.Frame. */
  sendMalformed(raw: Uint8Array = Uint8Array.from([0x0a, 0xff, 0xff, 0x01])): void {
    this.live?.send(raw);
  }

  async close(): Promise<void> {
    for (const u of this.unacked.values()) clearTimeout(u.timer);
    for (const ws of this.wss.clients) ws.terminate();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private pushMessage(message: Record<string, unknown>, senderOpenId: string): string {
    const messageId = `om_${randomBytes(12).toString('hex')}`;
    const now = String(Date.now());
    const event = {
      schema: '2.0',
      header: {
        event_id: randomUUID().replace(/-/g, ''),
        event_type: 'im.message.receive_v1',
        create_time: now,
        token: '',
        app_id: this.appId,
        tenant_key: 'tenant',
      },
      event: {
        sender: {
          sender_id: {
            open_id: senderOpenId,
            union_id: `on_${senderOpenId}`,
            user_id: this.userIds.get(senderOpenId) ?? '',
          },
          sender_type: 'user',
          tenant_key: 'tenant',
        },
        message: { message_id: messageId, create_time: now, update_time: now, message_type: 'text', ...message },
      },
    };
    const frame: PbFrame = {
      SeqID: this.seq++,
      LogID: 0,
      service: 1,
      method: 1,
      headers: [
        { key: 'type', value: 'event' },
        { key: 'message_id', value: messageId },
        { key: 'sum', value: '1' },
        { key: 'seq', value: '0' },
        { key: 'trace_id', value: randomUUID() },
      ],
      payload: utf8(JSON.stringify(event)),
    };
    this.unacked.set(messageId, { frame, pushedAt: Date.now() });
    if (this.connected) this.push(messageId, false);
    return messageId;
  }

  private push(messageId: string, repush: boolean): void {
    const u = this.unacked.get(messageId);
    if (!u || !this.live || this.live.readyState !== WebSocket.OPEN) return;
    u.pushedAt = Date.now();
    this.live.send(encodeFrame(u.frame));
    this.deliveries.push({ messageId, repush });
    clearTimeout(u.timer);
    u.timer = setTimeout(() => this.push(messageId, true), this.ackTimeoutMs);
  }

  private onConnection(ws: WebSocket, req: http.IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    this.live?.terminate();
    this.live = ws;
    this.connections.push({ deviceId: url.searchParams.get('device_id') ?? '', at: Date.now() });
    ws.on('message', (raw: Buffer) => {
      let f: PbFrame;
      try {
        f = decodeFrame(raw);
      } catch {
        return;
      }
      const type = header(f, 'type');
      if (f.method === 0 && type === 'ping') {
        this.pings.push({ at: Date.now() });
        ws.send(encodeFrame({ ...f, headers: [{ key: 'type', value: 'pong' }] }));
        return;
      }
      const messageId = header(f, 'message_id') ?? '';
      const u = this.unacked.get(messageId);
      if (f.method === 1 && u) {
        clearTimeout(u.timer);
        this.unacked.delete(messageId);
        let code = 0;
        try {
          code = Number(JSON.parse(new TextDecoder().decode(f.payload)).code);
        } catch {}
        this.acks.push({ messageId, latencyMs: Date.now() - u.pushedAt, code });
      }
    });
    ws.on('close', () => {
      if (this.live === ws) this.live = null;
      for (const u of this.unacked.values()) clearTimeout(u.timer);
    });
    ws.on('error', () => {});
    for (const id of this.unacked.keys()) this.push(id, false);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      let body: any = {};
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      } catch {}
      const json = (status: number, data: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(data));
      };
      const authorised = req.headers.authorization === 'Bearer t-fake-tenant-token';
      const path = url.pathname;
      if (req.method === 'POST' && path === '/callback/ws/endpoint') {
        const ok = body.AppID === this.appId && body.AppSecret === this.appSecret;
        this.endpointCalls.push({ appId: String(body.AppID), ok });
        if (!ok) return json(200, { code: 514, msg: 'auth failed', data: {} });
        const deviceId = randomBytes(6).toString('hex');
        return json(200, {
          code: 0,
          msg: 'ok',
          data: {
            URL: `${this.baseUrl.replace('http', 'ws')}/ws?device_id=${deviceId}&service_id=1&access_key=${randomBytes(8).toString('hex')}`,
            // Short intervals so a test sees reconnects in about a second; the platform's are 120 s / 30 s.
            ClientConfig: { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 },
          },
        });
      }
      if (req.method === 'POST' && path === '/open-apis/auth/v3/tenant_access_token/internal') {
        if (this.tokenFailures > 0) {
          this.tokenFailures--;
          this.tokenRequests.push({ ok: false });
          return json(500, { code: 1, msg: 'fake: system busy' });
        }
        const ok = body.app_id === this.appId && body.app_secret === this.appSecret;
        this.tokenRequests.push({ ok });
        if (!ok) return json(200, { code: 10014, msg: 'app secret invalid' });
        return json(200, { code: 0, msg: 'ok', tenant_access_token: 't-fake-tenant-token', expire: 7200 });
      }
      if (!authorised) return json(401, { code: 99991663, msg: 'Invalid access token for authorization' });
      if (req.method === 'GET' && path === '/open-apis/bot/v3/info') {
        return json(200, {
          code: 0,
          msg: 'ok',
          bot: { activate_status: 2, app_name: this.botName, open_id: this.botOpenId, ip_white_list: [] },
        });
      }
      const reply = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(path);
      if (req.method === 'POST' && (path === '/open-apis/im/v1/messages' || reply)) {
        const failure = this.sendFailures.shift();
        if (failure) return json(failure.status, { code: failure.code, msg: failure.msg });
        const send: FeishuSend = reply
          ? { kind: 'reply', target: decodeURIComponent(reply[1]!), body, at: Date.now() }
          : {
              kind: 'create',
              target: String(body.receive_id),
              receiveIdType: url.searchParams.get('receive_id_type') ?? '',
              body,
              at: Date.now(),
            };
        this.sends.push(send);
        return json(200, {
          code: 0,
          msg: 'success',
          data: {
            message_id: `om_${randomBytes(12).toString('hex')}`,
            msg_type: body.msg_type,
            body: { content: body.content },
          },
        });
      }
      json(404, { code: 404, msg: `fake: ${req.method} ${path}` });
    });
  }
}

export async function startFeishuWsServer(opts: FeishuServerOptions = {}): Promise<FeishuWsServer> {
  return new FeishuWsServer(opts).start();
}

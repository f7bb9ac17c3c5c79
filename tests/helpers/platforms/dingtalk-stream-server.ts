// A local fake of DingTalk Stream mode (gateway + WebSocket) and of the HTTP endpoints a robot sends through,
// for tests with the official `dingtalk-stream` SDK.
//
// Reaching it: dingtalk-stream 2.1.5 has NO endpoint option. Its `endpoint` config field is declared in the typings
// but overwritten: getEndpoint() always POSTs to the constant https://api.dingtalk.com/v1.0/gateway/connections/open
// with the default axios instance. So the fake is reached the way any HTTPS proxy would be: axios honours
// HTTPS_PROXY; this server answers the CONNECT, terminates TLS itself with a throwaway self-signed certificate
// (hence NODE_TLS_REJECT_UNAUTHORIZED=0 in the test process), and serves the gateway. `sdkEnv()` returns the
// variables. The WebSocket URL it hands out is plain ws://127.0.0.1, which `ws` connects to without a proxy.
//
// Wire protocol, from dingtalk-stream 2.1.5 (dist/client.mjs) and open.dingtalk.com "Stream 模式":
// - Gateway: POST /v1.0/gateway/connections/open, JSON { clientId, clientSecret, ua, subscriptions: [{ type: 'EVENT',
//   topic: '*' }, { type: 'CALLBACK', topic: '/v1.0/im/bot/messages/get' }] } → { endpoint: 'wss://…', ticket }.
//   The SDK connects to `${endpoint}?ticket=${ticket}`; a ticket is good for one connection.
// - Downstream frames (JSON text): { specVersion: '1.0', type: 'SYSTEM'|'EVENT'|'CALLBACK', headers: { appId,
//   connectionId, contentType, messageId, time, topic, … }, data: '<JSON string>' }.
//   SYSTEM topic 'ping' must be echoed as { code: 200, headers, message: 'OK', data }; 'disconnect' announces that
//   the server will close this connection (the SDK only clears its flags and reconnects on close).
//   EVENT frames are acked by the SDK itself with { code: 200, headers: { contentType, messageId }, message: 'OK',
//   data: '{"status":"SUCCESS"}' }. CALLBACK frames (robot messages, card callbacks) are only emitted as an event
//   named after the topic; the app must ack with socketCallBackResponse(messageId, result), or the platform
//   re-pushes the message (within about 60 s). So delivery is at-least-once: de-duplicate on msgId.
// - The SDK JSON.parses every frame without a guard: a malformed frame throws inside the socket's message handler
//   and kills the process (uncaught exception). `sendMalformed()` exists to show that.
// - Reconnect: on close the SDK waits a fixed 1 s, fetches a new ticket from the gateway and reconnects, forever; a
//   failed gateway call is retried every 1 s too (no back-off). keepAlive (off by default) pings every 8 s and
//   terminates the socket when no pong came back; without it a half-open connection is never noticed.
// - Robot message (topic /v1.0/im/bot/messages/get), data: { conversationId, conversationType: '1' private | '2' group,
//   conversationTitle?, chatbotCorpId, chatbotUserId, msgId, senderNick, senderStaffId, senderId, senderCorpId,
//   isAdmin, isInAtList?, atUsers?: [{ dingtalkId }], sessionWebhook, sessionWebhookExpiredTime, createAt,
//   robotCode, msgtype: 'text', text: { content } }. In a group only @-mentions reach the robot; the platform removes
//   the "@机器人" text, leaving a leading space.
// - Sending: reply by POSTing { msgtype: 'text', text: { content } } (or markdown { title, text }) to the message's
//   sessionWebhook → { errcode: 0, errmsg: 'ok' }. Proactive: POST https://api.dingtalk.com/v1.0/oauth2/accessToken
//   { appKey, appSecret } → { accessToken, expireIn }; then with header x-acs-dingtalk-access-token
//   POST /v1.0/robot/groupMessages/send { robotCode, openConversationId, msgKey: 'sampleText', msgParam: '{"content":…}' }
//   and POST /v1.0/robot/oToMessages/batchSend { robotCode, userIds, msgKey, msgParam } → { processQueryKey }.
//   Throttled OpenAPI calls answer HTTP 403 { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi' } (unverified
//   against the live service); robots are documented at 20 messages a minute per group.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { WebSocketServer, WebSocket } from 'ws';
import { Recorder } from './recorder.js';

export const ROBOT_TOPIC = '/v1.0/im/bot/messages/get';

export interface DingtalkSend {
  kind: 'session' | 'group' | 'private';
  /** conversationId for session replies and group pushes; userIds joined for private pushes. */
  target: string;
  body: any;
  at: number;
}

export interface DingtalkServerOptions {
  clientId?: string;
  clientSecret?: string;
  /** The robot's own DingTalk user id (chatbotUserId), which @-mentions carry in atUsers. */
  botUserId?: string;
}

interface Downstream {
  specVersion: '1.0';
  type: 'SYSTEM' | 'EVENT' | 'CALLBACK';
  headers: Record<string, string>;
  data: string;
}

/** A self-signed certificate for api.dingtalk.com, made by the openssl CLI for this run only. */
function throwawayCert(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-dingtalk-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=api.dingtalk.com',
        '-addext',
        'subjectAltName=DNS:api.dingtalk.com,DNS:oapi.dingtalk.com',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export class DingtalkStreamServer {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly botUserId: string;
  /** Plain-HTTP base for the OpenAPI and session-webhook endpoints (our own code's apiBase). */
  baseUrl = '';
  /** Hosts the SDK asked the proxy to tunnel to (proves it called the real gateway host). */
  readonly tunnels = new Recorder<{ host: string }>();
  /** Gateway calls, with the subscriptions the SDK asked for. */
  readonly gatewayCalls = new Recorder<{ clientId: string; ok: boolean; subscriptions: any[]; at: number }>();
  readonly connections = new Recorder<{ at: number }>();
  /** Acks the SDK sent for pushed frames, by messageId. */
  readonly acks = new Recorder<{ messageId: string; data: any }>();
  readonly pongs = new Recorder<{ opaque: string }>();
  readonly sends = new Recorder<DingtalkSend>();
  private http = http.createServer((req, res) => this.handle(req, res));
  private tls = https.createServer(throwawayCert(), (req, res) => this.handle(req, res));
  private wss = new WebSocketServer({ noServer: true });
  private live: WebSocket | null = null;
  private tickets = new Set<string>();
  /** Frames not yet acked (re-pushed on the next connection, as the platform retries). */
  private unacked = new Map<string, Downstream>();
  private sessions = new Map<string, string>();
  private failures: { status: number; body: any }[] = [];
  private gatewayFailures = 0;
  private openSockets = new Set<Socket>();

  constructor(opts: DingtalkServerOptions = {}) {
    this.clientId = opts.clientId ?? 'dingtestclientid';
    this.clientSecret = opts.clientSecret ?? 'dingtalk-test-secret';
    this.botUserId = opts.botUserId ?? '$:LWCP_v1:$botUserId==';
    this.http.on('connect', (req, socket: Socket, head) => this.tunnel(req, socket, head));
    this.http.on('upgrade', (req, socket: Socket, head) => this.upgrade(req, socket, head));
    this.http.on('connection', (s: Socket) => {
      this.openSockets.add(s);
      s.on('close', () => this.openSockets.delete(s));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
    return this;
  }

  /** Environment for the SDK's process: its gateway call goes through this server. */
  sdkEnv(): Record<string, string> {
    return {
      HTTPS_PROXY: this.baseUrl,
      https_proxy: this.baseUrl,
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
      NODE_TLS_REJECT_UNAUTHORIZED: '0',
    };
  }

  get connected(): boolean {
    return this.live?.readyState === WebSocket.OPEN;
  }

  /** Pushed frames the SDK has not acknowledged yet (the platform would push them again). */
  get unackedCount(): number {
    return this.unacked.size;
  }

  /** A member @-mentions the robot in a group. Returns the msgId. */
  pushGroupText(
    conversationId: string,
    sender: { staffId: string; nick: string },
    text: string,
    title = '第一党支部',
  ): string {
    return this.pushRobotMessage(
      {
        conversationId,
        conversationType: '2',
        conversationTitle: title,
        isInAtList: true,
        atUsers: [{ dingtalkId: this.botUserId }],
      },
      sender,
      ` ${text}`,
    );
  }

  pushPrivateText(sender: { staffId: string; nick: string }, text: string): string {
    return this.pushRobotMessage({ conversationId: `cid-p2p-${sender.staffId}`, conversationType: '1' }, sender, text);
  }

  /** SYSTEM ping; the SDK must echo it. */
  ping(): string {
    const opaque = randomUUID();
    this.sendFrame({
      specVersion: '1.0',
      type: 'SYSTEM',
      headers: this.headers('ping'),
      data: JSON.stringify({ opaque }),
    });
    return opaque;
  }

  /** The next n sends (session replies and OpenAPI pushes) are refused as throttled. */
  failNextSends(n: number): void {
    for (let i = 0; i < n; i++)
      this.failures.push({
        status: 403,
        body: { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', message: '调用该接口的QPS超过限制' },
      });
  }

  dropConnection(): void {
    this.live?.terminate();
    this.live = null;
  }

  /** The next n gateway calls fail with HTTP 503, as during a platform outage. */
  failNextGatewayCalls(n: number): void {
    this.gatewayFailures += n;
  }

  /** Announces a disconnect (SYSTEM 'disconnect') and closes, as the platform does before maintenance. */
  announceDisconnect(): void {
    const ws = this.live;
    if (!ws) return;
    this.sendFrame({
      specVersion: '1.0',
      type: 'SYSTEM',
      headers: this.headers('disconnect'),
      data: JSON.stringify({ reason: 'server maintenance' }),
    });
    ws.close();
    this.live = null;
  }

  /** Sends a frame that is not JSON. With dingtalk-stream 2.1.5 this crashes the receiving process. */
  sendMalformed(raw = '{"specVersion":"1.0","type":'): void {
    this.live?.send(raw);
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    for (const s of this.openSockets) s.destroy();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private pushRobotMessage(
    conv: Record<string, unknown>,
    sender: { staffId: string; nick: string },
    content: string,
  ): string {
    const msgId = `msg${randomBytes(8).toString('hex')}`;
    const session = randomBytes(8).toString('hex');
    this.sessions.set(session, String(conv.conversationId));
    const data = {
      ...conv,
      chatbotCorpId: 'dingcorp',
      chatbotUserId: this.botUserId,
      msgId,
      senderNick: sender.nick,
      isAdmin: false,
      senderStaffId: sender.staffId,
      senderId: `$:LWCP_v1:$${sender.staffId}`,
      senderCorpId: 'dingcorp',
      sessionWebhook: `${this.baseUrl}/robot/sendBySession?session=${session}`,
      sessionWebhookExpiredTime: Date.now() + 90 * 60_000,
      createAt: Date.now(),
      robotCode: this.clientId,
      msgtype: 'text',
      text: { content },
    };
    const frame: Downstream = {
      specVersion: '1.0',
      type: 'CALLBACK',
      headers: this.headers(ROBOT_TOPIC),
      data: JSON.stringify(data),
    };
    this.unacked.set(frame.headers.messageId!, frame);
    if (this.connected) this.sendFrame(frame);
    return msgId;
  }

  private headers(topic: string): Record<string, string> {
    return {
      appId: 'fake-app',
      connectionId: 'fake-conn',
      contentType: 'application/json',
      messageId: randomUUID(),
      time: String(Date.now()),
      topic,
    };
  }

  private sendFrame(frame: Downstream): void {
    if (this.live?.readyState === WebSocket.OPEN) this.live.send(JSON.stringify(frame));
  }

  private tunnel(req: http.IncomingMessage, socket: Socket, head: Buffer): void {
    this.tunnels.push({ host: String(req.url) });
    socket.on('error', () => {});
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    this.tls.emit('connection', socket);
  }

  private upgrade(req: http.IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/connect' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  private onConnection(ws: WebSocket): void {
    this.live?.terminate();
    this.live = ws;
    this.connections.push({ at: Date.now() });
    ws.on('message', (raw) => {
      let msg: any;
      try {
        msg = JSON.parse(String(raw));
      } catch {
        return;
      }
      const messageId = String(msg?.headers?.messageId ?? '');
      if (msg?.headers?.topic === 'ping') {
        this.pongs.push({ opaque: JSON.parse(String(msg.data ?? '{}')).opaque });
        return;
      }
      if (messageId && this.unacked.delete(messageId)) {
        let data: any = msg.data;
        try {
          data = JSON.parse(String(msg.data));
        } catch {}
        this.acks.push({ messageId, data });
      }
    });
    ws.on('close', () => {
      if (this.live === ws) this.live = null;
    });
    ws.on('error', () => {});
    // Re-push everything not acknowledged yet: queued while down, or delivered but never acked.
    for (const frame of this.unacked.values()) ws.send(JSON.stringify(frame));
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
      const authorised = () => req.headers['x-acs-dingtalk-access-token'] === 'fake-access-token';
      switch (`${req.method} ${url.pathname}`) {
        case 'POST /v1.0/gateway/connections/open': {
          if (this.gatewayFailures > 0) {
            this.gatewayFailures--;
            this.gatewayCalls.push({ clientId: String(body.clientId), ok: false, subscriptions: [], at: Date.now() });
            return json(503, { code: 'ServiceUnavailable', message: 'fake: outage' });
          }
          const ok = body.clientId === this.clientId && body.clientSecret === this.clientSecret;
          this.gatewayCalls.push({
            clientId: String(body.clientId),
            ok,
            subscriptions: body.subscriptions ?? [],
            at: Date.now(),
          });
          if (!ok) return json(401, { code: 'InvalidAuthentication', message: '身份验证失败' });
          const ticket = randomUUID();
          this.tickets.add(ticket);
          return json(200, { endpoint: `${this.baseUrl.replace('http', 'ws')}/connect`, ticket });
        }
        case 'POST /v1.0/oauth2/accessToken':
          if (body.appKey !== this.clientId || body.appSecret !== this.clientSecret)
            return json(400, { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' });
          return json(200, { accessToken: 'fake-access-token', expireIn: 7200 });
        case 'POST /robot/sendBySession': {
          const conversationId = this.sessions.get(url.searchParams.get('session') ?? '');
          if (!conversationId) return json(200, { errcode: 300001, errmsg: 'fake: unknown or expired session' });
          const failure = this.failures.shift();
          if (failure) return json(200, { errcode: 410100, errmsg: '发送速度太快而限流' });
          this.sends.push({ kind: 'session', target: conversationId, body, at: Date.now() });
          return json(200, { errcode: 0, errmsg: 'ok' });
        }
        case 'POST /v1.0/robot/groupMessages/send':
        case 'POST /v1.0/robot/oToMessages/batchSend': {
          if (!authorised()) return json(401, { code: 'InvalidAuthentication', message: '不合法的access_token' });
          const failure = this.failures.shift();
          if (failure) return json(failure.status, failure.body);
          const group = url.pathname.endsWith('groupMessages/send');
          this.sends.push({
            kind: group ? 'group' : 'private',
            target: group ? String(body.openConversationId) : (body.userIds ?? []).join(','),
            body,
            at: Date.now(),
          });
          return json(200, {
            processQueryKey: randomUUID(),
            ...(group ? {} : { invalidStaffIdList: [], flowControlledStaffIdList: [] }),
          });
        }
        default:
          return json(404, { code: 'fake.NotFound', message: `${req.method} ${url.pathname}` });
      }
    });
  }
}

export async function startDingtalkStreamServer(opts: DingtalkServerOptions = {}): Promise<DingtalkStreamServer> {
  return new DingtalkStreamServer(opts).start();
}

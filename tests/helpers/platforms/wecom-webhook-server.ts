// A local fake of the WeCom group-robot webhook (群机器人 / 消息推送), for tests. Outgoing only: there is no SDK,
// the client POSTs JSON to `${base}/cgi-bin/webhook/send?key=KEY`; point its base URL at `fake.baseUrl`.
//
// Wire protocol (developer.work.weixin.qq.com 群机器人配置说明, document 91770):
// - POST /cgi-bin/webhook/send?key=<webhook key>, Content-Type application/json, body one of
//   { msgtype: 'text', text: { content (≤ 2048 bytes UTF-8), mentioned_list?: userid[] | ['@all'], mentioned_mobile_list? } }
//   { msgtype: 'markdown', markdown: { content (≤ 4096 bytes UTF-8) } }  (also news, image, file, template_card).
// - The answer is always HTTP 200 with JSON { errcode, errmsg }: 0 'ok'; 93000 invalid webhook url (bad key);
//   45009 'api freq out of limit'. The documented limit is 20 messages a minute per robot; past it the robot is
//   refused (reports show errcode 130101 "send too fast, exceed 20 times per minute", then blocked ~10 minutes).
// - The key in the query string IS the credential: whoever has the URL can post to the group, so it must never be logged.
// This fake enforces the 20-per-minute window per key when `enforceLimit` is on, and can refuse on demand.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Recorder } from './recorder.js';

export interface WebhookPost {
  key: string;
  body: any;
  at: number;
  /** The errcode the fake answered. */
  errcode: number;
}

export interface WebhookServerOptions {
  /** Keys that exist; any other key gets 93000. */
  keys: string[];
  /** Refuse the 21st message within 60 s per key (off by default so tests can send freely). */
  enforceLimit?: boolean;
  /** errcode for the enforced limit: 45009 (default) or 130101. */
  limitErrcode?: number;
}

const TEXT_MAX_BYTES = 2048;
const MARKDOWN_MAX_BYTES = 4096;
const PER_MINUTE = 20;

export class WecomWebhookServer {
  baseUrl = '';
  /** Every POST, accepted or refused. */
  readonly posts = new Recorder<WebhookPost>();
  private http = http.createServer((req, res) => this.handle(req, res));
  private failures: { errcode: number; errmsg: string }[] = [];
  private sentAt = new Map<string, number[]>();

  constructor(private readonly opts: WebhookServerOptions) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
    return this;
  }

  /** Messages that went out (errcode 0). */
  delivered(key?: string): WebhookPost[] {
    return this.posts.filter((p) => p.errcode === 0 && (key === undefined || p.key === key));
  }

  /** The next n posts are refused with this errcode (130101: blocked for sending too fast). */
  failNext(n: number, errcode = 130101, errmsg = 'send too fast, exceed 20 times per minute'): void {
    for (let i = 0; i < n; i++) this.failures.push({ errcode, errmsg });
  }

  async close(): Promise<void> {
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const key = url.searchParams.get('key') ?? '';
      const answer = (errcode: number, errmsg: string, body: any = undefined) => {
        this.posts.push({ key, body, at: Date.now(), errcode });
        res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
        res.end(JSON.stringify({ errcode, errmsg }));
      };
      if (req.method !== 'POST' || url.pathname !== '/cgi-bin/webhook/send') {
        res.writeHead(404).end();
        return;
      }
      let body: any;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer(40035, 'fake: body is not JSON');
      }
      if (!this.opts.keys.includes(key)) return answer(93000, 'invalid webhook url', body);
      const tooLong =
        (body?.msgtype === 'text' && Buffer.byteLength(String(body.text?.content ?? '')) > TEXT_MAX_BYTES) ||
        (body?.msgtype === 'markdown' && Buffer.byteLength(String(body.markdown?.content ?? '')) > MARKDOWN_MAX_BYTES);
      if (tooLong) return answer(40058, 'fake: content exceeds the documented byte limit', body);
      const failure = this.failures.shift();
      if (failure) return answer(failure.errcode, failure.errmsg, body);
      if (this.opts.enforceLimit) {
        const now = Date.now();
        const recent = (this.sentAt.get(key) ?? []).filter((t) => now - t < 60_000);
        if (recent.length >= PER_MINUTE) return answer(this.opts.limitErrcode ?? 45009, 'api freq out of limit', body);
        recent.push(now);
        this.sentAt.set(key, recent);
      }
      answer(0, 'ok', body);
    });
  }
}

export async function startWecomWebhookServer(opts: WebhookServerOptions): Promise<WecomWebhookServer> {
  return new WecomWebhookServer(opts).start();
}

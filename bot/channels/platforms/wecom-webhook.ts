// Sends to a WeCom group through its group-robot webhook (消息推送). Outgoing only; no SDK exists, so this is a
// plain POST. The webhook key is the credential: it is only ever put into the request URL, never into a message.
import { PlatformRateLimitError, PlatformSendError } from './sdk-log.js';

export interface WecomWebhookConfig {
  /** Default https://qyapi.weixin.qq.com; a test server or a private deployment otherwise. */
  baseUrl?: string;
  timeoutMs?: number;
}

// 45009: api freq out of limit; 130101: sent too fast (over 20 a minute), the robot is blocked for minutes.
const RATE_LIMIT_CODES = new Set([45009, 130101]);

/** Documented content limits, in UTF-8 bytes. */
export const WEBHOOK_TEXT_MAX_BYTES = 2048;
export const WEBHOOK_MARKDOWN_MAX_BYTES = 4096;
/** Documented pace: 20 messages a minute per robot (webhook key). */
export const WEBHOOK_PER_MINUTE = 20;

export class WecomWebhookClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(cfg: WecomWebhookConfig = {}) {
    this.baseUrl = (cfg.baseUrl ?? 'https://qyapi.weixin.qq.com').replace(/\/+$/, '');
    this.timeoutMs = cfg.timeoutMs ?? 10_000;
  }

  /** Plain text; mentions are userids or '@all'. */
  sendText(key: string, content: string, mentionedList?: string[]): Promise<void> {
    return this.post(key, {
      msgtype: 'text',
      text: { content, ...(mentionedList?.length ? { mentioned_list: mentionedList } : {}) },
    });
  }

  sendMarkdown(key: string, content: string): Promise<void> {
    return this.post(key, { msgtype: 'markdown', markdown: { content } });
  }

  private async post(key: string, body: unknown): Promise<void> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      // The error names the host at most; the URL with its key is not repeated here.
      throw new PlatformSendError('wecom-webhook', 'transport', err instanceof Error ? err.message : String(err));
    }
    const data = (await res.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null;
    if (!res.ok || !data) throw new PlatformSendError('wecom-webhook', res.status, 'unexpected answer');
    if (data.errcode === 0) return;
    const code = data.errcode ?? -1;
    const Cls = RATE_LIMIT_CODES.has(code) ? PlatformRateLimitError : PlatformSendError;
    throw new Cls('wecom-webhook', code, String(data.errmsg ?? ''));
  }
}

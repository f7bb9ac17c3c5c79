// Thin client over the official DingTalk Stream SDK (dingtalk-stream): robot messages in over the long connection,
// replies through each message's sessionWebhook, proactive pushes through the robot OpenAPI.
import { DWClient, TOPIC_ROBOT } from 'dingtalk-stream';
import { PlatformRateLimitError, PlatformSendError, redact, type PlatformInbound, type SdkLogSink } from './sdk-log.js';

export interface DingtalkConfig {
  clientId: string;
  clientSecret: string;
  /** The robot's code; for an internal-app robot it is the app's clientId (AppKey). */
  robotCode?: string;
  /** Default https://api.dingtalk.com (OpenAPI for tokens and pushes). */
  apiBase?: string;
  timeoutMs?: number;
}

/** The robot message a CALLBACK frame carries in `data` (topic /v1.0/im/bot/messages/get), as far as we read it. */
interface RobotMessage {
  msgtype?: string;
  msgId?: string;
  conversationType?: '1' | '2';
  conversationId?: string;
  senderStaffId?: string;
  senderId?: string;
  senderNick?: string;
  chatbotUserId?: string;
  isInAtList?: boolean;
  atUsers?: Array<{ dingtalkId?: string }>;
  text?: { content?: string };
  sessionWebhook?: string;
  sessionWebhookExpiredTime?: number;
}

/** An OpenAPI answer: the result fields on success, { code, message } or { errcode, errmsg } on failure. */
type ApiAnswer = Record<string, unknown> & {
  code?: string;
  message?: string;
  errcode?: number;
  errmsg?: string;
  accessToken?: string;
  expireIn?: number;
};

/** What a reply needs: the per-message webhook the platform handed us. */
export interface DingtalkReplyTarget {
  sessionWebhook: string;
  sessionWebhookExpiredTime: number;
}

export class DingtalkStreamClient {
  readonly sdk: DWClient;
  private readonly apiBase: string;
  private readonly robotCode: string;
  private readonly timeoutMs: number;
  private token: { value: string; until: number } | null = null;

  constructor(
    private readonly cfg: DingtalkConfig,
    private readonly log: SdkLogSink,
  ) {
    this.apiBase = (cfg.apiBase ?? 'https://api.dingtalk.com').replace(/\/+$/, '');
    this.robotCode = cfg.robotCode ?? cfg.clientId;
    this.timeoutMs = cfg.timeoutMs ?? 10_000;
    // debug: true would print the whole config, clientSecret included. keepAlive notices half-open sockets.
    this.sdk = new DWClient({ clientId: cfg.clientId, clientSecret: cfg.clientSecret, keepAlive: true, debug: false });
  }

  /** First connection attempt; on failure the SDK keeps retrying every second on its own. */
  async connect(): Promise<void> {
    await this.sdk.connect();
  }

  get connected(): boolean {
    return this.sdk.connected;
  }

  close(): void {
    this.sdk.disconnect();
  }

  /** Robot messages; each is acknowledged at once so the platform does not push it again. */
  onText(handler: (msg: PlatformInbound, target: DingtalkReplyTarget) => void): void {
    this.sdk.registerCallbackListener(TOPIC_ROBOT, (res) => {
      const messageId = String(res?.headers?.messageId ?? '');
      let d: RobotMessage | undefined;
      try {
        d = JSON.parse(String(res.data)) as RobotMessage;
      } catch {
        this.log.warn('dingtalk: robot message data is not JSON, ignored');
      }
      if (messageId) this.sdk.socketCallBackResponse(messageId, { ok: true });
      if (d?.msgtype !== 'text') return;
      const group = d.conversationType === '2';
      const mentioned =
        group && (d.isInAtList === true || (d.atUsers ?? []).some((u) => u?.dingtalkId === d.chatbotUserId));
      handler(
        {
          platform: 'dingtalk',
          messageId: String(d.msgId),
          roomId: group ? String(d.conversationId) : undefined,
          senderId: String(d.senderStaffId || d.senderId),
          senderName: d.senderNick ? String(d.senderNick) : undefined,
          text: String(d.text?.content ?? '').trim(),
          mentionedBot: mentioned,
        },
        { sessionWebhook: String(d.sessionWebhook), sessionWebhookExpiredTime: Number(d.sessionWebhookExpiredTime) },
      );
    });
  }

  /** Answers in the chat the message came from (group or private) while its session webhook is valid. */
  async reply(target: DingtalkReplyTarget, text: string): Promise<void> {
    if (Date.now() > target.sessionWebhookExpiredTime)
      throw new PlatformSendError('dingtalk', 'session-expired', 'session webhook expired; push instead');
    const data = await this.request(target.sessionWebhook, { msgtype: 'text', text: { content: text } });
    if (data?.errcode && data.errcode !== 0) {
      // 410100: sending too fast (robots are limited to 20 messages a minute per group).
      const Cls = data.errcode === 410100 ? PlatformRateLimitError : PlatformSendError;
      throw new Cls('dingtalk', data.errcode, String(data.errmsg ?? ''));
    }
  }

  /** Proactive text to a group, by its openConversationId (the conversationId of its messages). */
  async pushGroup(openConversationId: string, text: string): Promise<void> {
    await this.request(
      `${this.apiBase}/v1.0/robot/groupMessages/send`,
      {
        robotCode: this.robotCode,
        openConversationId,
        msgKey: 'sampleText',
        msgParam: JSON.stringify({ content: text }),
      },
      await this.accessToken(),
    );
  }

  /** Proactive text to members in private chats with the robot, by staff id. */
  async pushPrivate(userIds: string[], text: string): Promise<void> {
    await this.request(
      `${this.apiBase}/v1.0/robot/oToMessages/batchSend`,
      { robotCode: this.robotCode, userIds, msgKey: 'sampleText', msgParam: JSON.stringify({ content: text }) },
      await this.accessToken(),
    );
  }

  private async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.until) return this.token.value;
    const data = await this.request(`${this.apiBase}/v1.0/oauth2/accessToken`, {
      appKey: this.cfg.clientId,
      appSecret: this.cfg.clientSecret,
    });
    this.token = { value: String(data.accessToken), until: Date.now() + (Number(data.expireIn) - 300) * 1000 };
    return this.token.value;
  }

  private async request(url: string, body: unknown, token?: string): Promise<ApiAnswer> {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { 'x-acs-dingtalk-access-token': token } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new PlatformSendError(
        'dingtalk',
        'transport',
        redact(err instanceof Error ? err.message : String(err), [this.cfg.clientSecret]),
      );
    }
    const data = (await res.json().catch(() => null)) as ApiAnswer | null;
    if (res.ok) return data ?? {};
    const code = String(data?.code ?? res.status);
    const Cls =
      res.status === 429 || code.includes('QpsLimit') || code.startsWith('Throttling')
        ? PlatformRateLimitError
        : PlatformSendError;
    throw new Cls('dingtalk', code, String(data?.message ?? ''));
  }
}

// Thin client over the official Feishu SDK (@larksuiteoapi/node-sdk): events in over the WSClient long connection,
// replies and pushes through the OpenAPI Client. Events are acknowledged at once (the platform re-pushes anything
// not acked within 3 s); the handler runs after the ack.
import * as lark from '@larksuiteoapi/node-sdk';
import {
  sdkLogger,
  PlatformRateLimitError,
  PlatformSendError,
  type PlatformInbound,
  type SdkLogSink,
} from './sdk-log.js';

export interface FeishuConfig {
  /** cli_ followed by 16 hex digits; the SDK silently refuses to start otherwise. */
  appId: string;
  appSecret: string;
  /** Default https://open.feishu.cn; https://open.larksuite.com for Lark, or a test server. */
  domain?: string;
}

/** The parts of an im.message.receive_v1 event we read. */
interface ReceivedMessage {
  message_id: string;
  chat_id: string;
  chat_type: string;
  message_type: string;
  content: string;
  mentions?: Array<{ key: string; name: string; id: { open_id?: string } }>;
}
interface ReceivedSender {
  /** user_id is empty unless the app has the permission to read user ids. */
  sender_id?: { open_id?: string; user_id?: string };
}

/** An axios-style error as the SDK rethrows it: the platform's { code, msg } in response.data. */
interface HttpError {
  message?: string;
  response?: { status?: number; data?: { code?: number; msg?: string } };
}

// 99991400: app-level request frequency limit; 230020: message frequency limit in a chat.
const RATE_LIMIT_CODES = new Set([99991400, 230020]);

export class FeishuClient {
  readonly ws: lark.WSClient;
  readonly api: lark.Client;
  botOpenId = '';
  private readonly dispatcher: lark.EventDispatcher;
  private ready: Promise<void>;

  constructor(cfg: FeishuConfig, log: SdkLogSink) {
    const domain = cfg.domain ?? lark.Domain.Feishu;
    const logger = sdkLogger(log, [cfg.appSecret]);
    const common = { appId: cfg.appId, appSecret: cfg.appSecret, domain, logger, loggerLevel: lark.LoggerLevel.info };
    this.api = new lark.Client(common);
    this.dispatcher = new lark.EventDispatcher({ logger, loggerLevel: lark.LoggerLevel.warn });
    let markReady!: () => void;
    this.ready = new Promise((resolve) => (markReady = resolve));
    this.ws = new lark.WSClient({
      ...common,
      onReady: () => markReady(),
      onError: (err: Error) => log.error(`feishu: ${err.message}`),
      onReconnected: () => log.info('feishu: reconnected'),
    });
  }

  /** Learns the bot's open_id (to recognise @-mentions of it), then opens the long connection. */
  async connect(): Promise<void> {
    const info = (await this.api.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as
      | { bot?: { open_id?: string } }
      | undefined;
    this.botOpenId = String(info?.bot?.open_id ?? '');
    await this.ws.start({ eventDispatcher: this.dispatcher });
    await this.ready;
  }

  close(): void {
    this.ws.close({ force: true });
  }

  onText(handler: (msg: PlatformInbound) => void): void {
    this.dispatcher.register({
      'im.message.receive_v1': async (data) => {
        const m = data?.message;
        if (m?.message_type !== 'text') return;
        const inbound = this.normalise(m, data.sender);
        // Returning now sends the ack; the answer goes out later through reply()/push().
        setImmediate(() => handler(inbound));
      },
    });
  }

  /** Answers a message in its own chat. `uuid` makes a retried send idempotent (Feishu de-duplicates for 1 h). */
  async reply(messageId: string, text: string, uuid?: string): Promise<void> {
    await this.settle(() =>
      this.api.im.message.reply({
        path: { message_id: messageId },
        data: { msg_type: 'text', content: JSON.stringify({ text }), uuid },
      }),
    );
  }

  /** Proactive text to a group (chat_id) or, privately, to a member (open_id). */
  async push(receiveId: string, text: string, kind: 'chat_id' | 'open_id' = 'chat_id', uuid?: string): Promise<void> {
    await this.settle(() =>
      this.api.im.message.create({
        params: { receive_id_type: kind },
        data: { receive_id: receiveId, msg_type: 'text', content: JSON.stringify({ text }), uuid },
      }),
    );
  }

  private normalise(m: ReceivedMessage, sender: ReceivedSender | undefined): PlatformInbound {
    let text = '';
    try {
      text = String(JSON.parse(String(m.content)).text ?? '');
    } catch {}
    let mentionedBot = false;
    for (const mention of m.mentions ?? []) {
      const isBot = mention?.id?.open_id === this.botOpenId;
      mentionedBot ||= isBot;
      text = text.split(String(mention.key)).join(isBot ? '' : `@${mention.name}`);
    }
    const group = m.chat_type === 'group';
    return {
      platform: 'feishu',
      messageId: String(m.message_id),
      roomId: group ? String(m.chat_id) : undefined,
      senderId: String(sender?.sender_id?.open_id ?? ''),
      senderAlias: sender?.sender_id?.user_id
        ? { kind: 'feishu-user', id: String(sender.sender_id.user_id) }
        : undefined,
      text: text.trim(),
      mentionedBot: group && mentionedBot,
    };
  }

  // HTTP errors come as axios errors carrying the platform's { code, msg }; a 200 with code ≠ 0 is returned as data.
  private async settle(send: () => Promise<unknown>): Promise<void> {
    let res: { code?: unknown; msg?: unknown } | undefined;
    try {
      res = (await send()) as typeof res;
    } catch (caught: unknown) {
      const err = (typeof caught === 'object' && caught !== null ? caught : { message: String(caught) }) as HttpError;
      const data = err.response?.data;
      const code = Number(data?.code ?? err?.response?.status ?? NaN);
      if (RATE_LIMIT_CODES.has(code) || err?.response?.status === 429)
        throw new PlatformRateLimitError('feishu', code, String(data?.msg ?? ''));
      throw new PlatformSendError(
        'feishu',
        Number.isNaN(code) ? 'transport' : code,
        String(data?.msg ?? err.message ?? caught),
      );
    }
    if (res && typeof res.code === 'number' && res.code !== 0) {
      const Cls = RATE_LIMIT_CODES.has(res.code) ? PlatformRateLimitError : PlatformSendError;
      throw new Cls('feishu', res.code, String(res.msg ?? ''));
    }
  }
}

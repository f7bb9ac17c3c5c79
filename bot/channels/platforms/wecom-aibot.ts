// Thin client over the official WeCom smart-robot SDK (@wecom/aibot-node-sdk): one long connection, text in,
// replies / pushes / template cards out. No routing here: it hands PlatformInbound to whoever listens.
import {
  WSClient,
  type EventMessageWith,
  type TemplateCard,
  type TemplateCardEventData,
  type TextMessage,
  type WsFrame,
} from '@wecom/aibot-node-sdk';
import {
  sdkLogger,
  PlatformRateLimitError,
  PlatformSendError,
  type PlatformInbound,
  type SdkLogSink,
} from './sdk-log.js';

export interface WecomAibotConfig {
  botId: string;
  secret: string;
  /** Default wss://openws.work.weixin.qq.com; set for privately deployed 政务微信 or a test server. */
  wsUrl?: string;
  /** The robot's display name, used to strip "@name" from group text. */
  botName?: string;
  /** First reconnect delay; the SDK doubles it per attempt up to 30 s. */
  reconnectIntervalMs?: number;
  heartbeatIntervalMs?: number;
}

/** The raw frame an inbound message or event came in; replies must carry its req_id. */
export interface AibotFrame {
  headers: { req_id: string };
  body?: unknown;
}

/** A click's event as documented (nested under template_card_event) or as the SDK typings put it (on event). */
type CardEvent = TemplateCardEventData & { template_card_event?: { event_key?: string; task_id?: string } };

/** What the SDK rejects with: the ack frame ({ errcode, errmsg }) or an Error (timeout, socket closed). */
function ackCode(err: unknown): { errcode: number; errmsg: string } | undefined {
  if (typeof err !== 'object' || err === null || !('errcode' in err)) return undefined;
  const { errcode, errmsg } = err as { errcode: unknown; errmsg?: unknown };
  return typeof errcode === 'number' ? { errcode, errmsg: String(errmsg ?? '') } : undefined;
}

export interface CardClick {
  messageId: string;
  roomId?: string;
  senderId: string;
  taskId: string;
  eventKey: string;
}

// WeCom's generic frequency-limit codes (全局错误码): 45009 api freq out of limit, 45033 concurrency limit.
const RATE_LIMIT_CODES = new Set([45009, 45033]);

export class WecomAibotClient {
  readonly sdk: WSClient;
  private readonly botName?: string;

  constructor(cfg: WecomAibotConfig, log: SdkLogSink) {
    this.botName = cfg.botName;
    this.sdk = new WSClient({
      botId: cfg.botId,
      secret: cfg.secret,
      wsUrl: cfg.wsUrl,
      // The SDK gives up after 10 reconnects by default; a bot must keep trying.
      maxReconnectAttempts: -1,
      reconnectInterval: cfg.reconnectIntervalMs ?? 1000,
      heartbeatInterval: cfg.heartbeatIntervalMs ?? 30_000,
      logger: sdkLogger(log, [cfg.secret]),
    });
    // Without a listener an 'error' event would throw out of the SDK's socket handlers.
    this.sdk.on('error', (err: Error) => log.warn(`wecom aibot: ${err.message}`));
  }

  /** Opens the connection; resolves once the server accepted bot id and secret. */
  connect(): Promise<void> {
    return new Promise((resolve) => {
      this.sdk.once('authenticated', () => resolve());
      this.sdk.connect();
    });
  }

  close(): void {
    this.sdk.disconnect();
  }

  onText(handler: (msg: PlatformInbound, frame: AibotFrame) => void): void {
    this.sdk.on('message.text', (frame: WsFrame<TextMessage>) => {
      const b = frame.body;
      if (!b) return;
      const group = b.chattype === 'group';
      handler(
        {
          platform: 'wecom',
          messageId: String(b.msgid),
          roomId: group ? String(b.chatid) : undefined,
          senderId: String(b.from?.userid ?? ''),
          text: group ? this.stripMention(String(b.text?.content ?? '')) : String(b.text?.content ?? '').trim(),
          // Groups deliver only @-mentions of the robot.
          mentionedBot: group,
        },
        frame,
      );
    });
  }

  onCardClick(handler: (click: CardClick, frame: AibotFrame) => void): void {
    this.sdk.on('event.template_card_event', (frame: WsFrame<EventMessageWith<TemplateCardEventData>>) => {
      const b = frame.body;
      if (!b) return;
      const event = b.event as CardEvent | undefined;
      const ev = event?.template_card_event ?? event ?? {};
      handler(
        {
          messageId: String(b.msgid),
          roomId: b.chattype === 'group' ? String(b.chatid) : undefined,
          senderId: String(b.from?.userid ?? ''),
          taskId: String(ev.task_id ?? ''),
          eventKey: String(ev.event_key ?? ''),
        },
        frame,
      );
    });
  }

  /** Answers an inbound message in its own chat (group or private), as one finished stream message. */
  reply(frame: AibotFrame, text: string): Promise<void> {
    return this.settle(this.sdk.replyStream(frame, `s${frame.headers.req_id}`, text, true));
  }

  replyCard(frame: AibotFrame, card: TemplateCard): Promise<void> {
    return this.settle(this.sdk.replyTemplateCard(frame, card));
  }

  /** Replaces a clicked card (must come within 5 s of the click event). */
  updateCard(frame: AibotFrame, card: TemplateCard, userids?: string[]): Promise<void> {
    return this.settle(this.sdk.updateTemplateCard(frame, card, userids));
  }

  /** Proactive markdown message; chatid is a group chatid or, for a private chat, the member's userid. */
  push(chatid: string, markdown: string): Promise<void> {
    return this.settle(this.sdk.sendMessage(chatid, { msgtype: 'markdown', markdown: { content: markdown } }));
  }

  pushCard(chatid: string, card: TemplateCard): Promise<void> {
    return this.settle(this.sdk.sendMessage(chatid, { msgtype: 'template_card', template_card: card }));
  }

  private stripMention(text: string): string {
    const t = text.trim();
    if (this.botName && t.startsWith(`@${this.botName}`)) return t.slice(this.botName.length + 1).trim();
    return t.replace(/^@\S+\s*/, '').trim();
  }

  // The SDK rejects with the ack frame itself ({ errcode, errmsg }) or with an Error (timeout, socket closed).
  private async settle(p: Promise<unknown>): Promise<void> {
    try {
      await p;
    } catch (err: unknown) {
      const ack = ackCode(err);
      if (ack) {
        const Cls = RATE_LIMIT_CODES.has(ack.errcode) ? PlatformRateLimitError : PlatformSendError;
        throw new Cls('wecom', ack.errcode, ack.errmsg);
      }
      throw new PlatformSendError('wecom', 'transport', err instanceof Error ? err.message : String(err));
    }
  }
}

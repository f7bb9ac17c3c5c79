// The seam between the chat edge and a platform. A channel connects (and reconnects on its own), turns platform
// events into the router's neutral InboundMessage and sends text through the outbox's Sender; it declares what
// the platform allows in `capabilities`. The router, features and outbox know nothing else about the platform.
import type { Clock } from '../../ground/clock.js';
import type { Logger } from '../../ground/logger.js';
import type { Sender } from '../../jobs/outbox/types.js';
import type { DirectoryKind } from '../../store/types.js';
import type { InboundMessage } from '../types.js';

export interface InboundAdapter {
  /** Stops taking messages and waits for the ones being routed. */
  drain(timeoutMs: number): Promise<void>;
  /** Resolves when no message is being routed. */
  idle(): Promise<void>;
}

export interface InboundOptions {
  botName: string;
  clock: Clock;
  logger: Logger;
  /** Records which channel account is in a room (store/room-accounts.ts), so the outbox answers through it. */
  noteRoom?(roomId: string, accountKey: string): Promise<void>;
  /** A sender's second verified id (飞书 user_id): binds the roster entry carrying it (domains/roles/directory.ts). */
  noteAlias?(talkerId: string, alias: { kind: DirectoryKind; id: string }): Promise<void>;
}

/** The channels zhibu can run (`CHANNELS=wecom,feishu` picks several): declared with the config. */
import type { ChannelKind } from '../../ground/config.js';
export { CHANNEL_KINDS, type ChannelKind } from '../../ground/config.js';

/** What the platform allows, read by the edge (outbox pacing) and by the channel's own sender. */
export interface ChannelCapabilities {
  /** Messages reach the bot at all (false: outgoing only, e.g. the WeCom group webhook). */
  inbound: boolean;
  /** Which group messages reach the bot: every one, or only those that @-mention it. */
  groupDelivery: 'all' | 'mentions' | 'none';
  /** A room message can @-mention members. */
  mentions: boolean;
  /** Buttons (template cards) on a message, clicks coming back as inbound text. */
  buttons: boolean;
  markdown: boolean;
  /** Longest text of one message, in characters (the outbox splits longer ones). */
  maxTextChars: number;
  /** Sends per minute the platform documents for one account (the outbox paces each account's queue at this). */
  ratePerMinute: number;
  /** First pause after the platform says "too fast" (doubles per repeat). */
  rateLimitBackoffMs: number;
}

/**
 * A channel is handed to the edge already connected by its opener (bot/channels/open.ts: one factory per kind,
 * each SDK imported there on demand) and keeps itself connected: every platform channel reconnects with back-off
 * on its own and drops redeliveries by message id, so the edge never sees a connection state.
 */
export interface Channel {
  kind: ChannelKind;
  /** The bot's account on the platform: names its outbox queue. Platform channels prefix it with their kind. */
  accountId: string;
  capabilities: ChannelCapabilities;
  /** Starts handing filtered inbound messages to `handle` (the router). */
  attach(handle: (msg: InboundMessage) => Promise<void>, opts: InboundOptions): InboundAdapter;
  /** The outbox worker's only way out. */
  sender: Sender;
  stop(): Promise<void>;
}

// Rooms and people of platform channels are known by channel + account + platform id, in one string
// `{kind}:{account}:{platform id}` (the platform id may itself contain ':'). Wechaty and the console keep the
// bare WeChat ids they always had.
export interface PlatformAddress {
  kind: ChannelKind;
  account: string;
  id: string;
}

export const accountKeyOf = (kind: ChannelKind, account: string) => `${kind}:${account}`;

export function qualify(accountKey: string, platformId: string): string {
  return `${accountKey}:${platformId}`;
}

export function parseAddress(id: string): PlatformAddress | undefined {
  const m = /^(wecom|wecom-webhook|dingtalk|feishu):([^:]+):(.+)$/s.exec(id);
  if (!m) return undefined;
  return { kind: m[1] as ChannelKind, account: m[2]!, id: m[3]! };
}

/** The account key (`{kind}:{account}`) an address belongs to, if it is a platform address. */
export function accountKeyOfAddress(id: string): string | undefined {
  const a = parseAddress(id);
  return a ? accountKeyOf(a.kind, a.account) : undefined;
}

/** The buttons a reminder carries (domains/meetings/texts.ts); a click arrives as this text typed by the member. */
export { CHECKIN_BUTTONS as CHECKIN_ACTIONS } from '../../domains/meetings/texts.js';

/**
 * A room message with buttons (a reminder) on a platform that delivers only @-mentions in groups: tell members
 * how to answer there, since a plain 签到 never reaches the bot.
 */
export function withMentionHint(text: string, caps: ChannelCapabilities, botName: string, isRoom: boolean): string {
  if (!isRoom || caps.groupDelivery !== 'mentions') return text;
  const how = caps.buttons ? `请点下方按钮，或回复「@${botName} 签到」` : `请回复「@${botName} 签到」`;
  return `${text}\n（本群中机器人只能收到@它的消息：${how}；请假请回复「@${botName} 请假 事由」。）`;
}

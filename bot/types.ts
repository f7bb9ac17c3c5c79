// The chat edge's contracts. Handlers see these, never Wechaty: the adapter in bot/wechaty/ converts.
import type { Deps } from '../domains/deps.js';
import type { Role } from '../domains/roles/resolve.js';
import type { Answerer } from '../knowledge/types.js';
import type { OutboxRenderer } from '../jobs/outbox/types.js';

export type { Role };

/** An inbound text message, already filtered (not self, not stale, text only). */
export interface InboundMessage {
  id: string;
  /** Text with the @mention of the bot removed and trimmed. */
  text: string;
  talkerId: string;
  talkerName: string;
  /** Set for group messages. */
  roomId?: string;
  roomTopic?: string;
  /** The talker's nickname in the room (群昵称), when the puppet knows it. */
  roomAlias?: string;
  /** True when the bot was @-mentioned or addressed by name (always true in private chat). */
  addressed: boolean;
  /** Epoch ms when the message was sent. */
  timestamp: number;
}

export interface ReplyOptions {
  /** In rooms, @-mention the talker (default true for answers). */
  mention?: boolean;
}

/** The one dependency object (domains/deps.ts) plus what the chat edge adds: the answerer and the bot account. */
export interface AppDeps extends Deps {
  answerer: Answerer;
  /** Account id of the bot, used to name its outbox queue (the primary channel's when several run). */
  botId: string;
  /** Every channel account, each with its own outbox queue (one entry when one channel runs). */
  accountIds?: string[];
}

/** Per-message context: carries reply(), so handlers never touch the bot. */
export interface ChatContext {
  msg: InboundMessage;
  deps: AppDeps;
  role: Role;
  /** Queue a reply to where the message came from (the room, or the talker privately). */
  reply(text: string, opts?: ReplyOptions): Promise<void>;
  /** Queue a private message to the talker, wherever the message came from. */
  replyPrivately(text: string): Promise<void>;
}

export interface CommandSpec {
  /** Canonical name with slash, e.g. "/会议". */
  name: string;
  aliases?: string[];
  /** Who may call it at all; finer checks (e.g. subcommands) live in the handler. */
  roles: Role[];
  /** One line for /帮助. */
  help: string;
  handle(ctx: ChatContext, args: string): Promise<void>;
}

/**
 * A feature plugs commands, a text hook and background workers into the app.
 * Features are listed in one place (bot/features.ts) and started in order.
 */
export interface Feature {
  name: string;
  commands?: CommandSpec[];
  /** Sees addressed and unaddressed non-command text first (e.g. 签到 replies); true means consumed. */
  onText?(ctx: ChatContext): Promise<boolean>;
  /**
   * Optional cheap, synchronous pre-filter for onText (e.g. "looks like 签到/请假", "sender has a draft").
   * When every feature's filter says no to an unaddressed room message, the router skips role resolution
   * and all hooks: group chatter then costs one Redis write. Absent means "always call onText".
   */
  wantsText?(msg: InboundMessage): boolean;
  /** Optional bookkeeping on every inbound message that passed the filters (e.g. noting room topics); keep it cheap. */
  onInbound?(msg: InboundMessage): Promise<void>;
  /** Outbox renderers by kind (OutboxMessage.render): messages re-rendered at send time by the edge's outbox worker. */
  renderers?: Record<string, OutboxRenderer>;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

export type FeatureFactory = (deps: AppDeps) => Feature | Promise<Feature>;

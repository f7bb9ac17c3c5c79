// The chat edge's contracts. Handlers see these, never Wechaty: the adapter in bot/wechaty/ converts.
import type { Config } from '../ground/config.js';
import type { Clock } from '../ground/clock.js';
import type { Logger } from '../ground/logger.js';
import type { Redis } from '../ground/redis/connect.js';
import type { Answerer } from '../knowledge/types.js';
import type { Outbox } from '../jobs/outbox/types.js';
import type { AuditLog } from '../store/audit.js';

export type Role = 'admin' | 'secretary' | 'member' | 'guest';

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

/** Everything a feature needs, built once in the composition root. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** Non-blocking client for records. */
  redis: Redis;
  redisUrl: string;
  /** Key prefix for records and BullMQ queues, e.g. "zhibu:". */
  prefix: string;
  outbox: Outbox;
  answerer: Answerer;
  /** Account id of the bot, used to name its outbox queue. */
  botId: string;
  audit: AuditLog;
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
  /** Resolves the sender's role; the first feature that returns one wins. */
  resolveRole?(msg: InboundMessage): Promise<Role | undefined>;
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** Console chat only: seed the simulated branch (e.g. roster and roles) before the first message. */
  seedDemo?(demo: DemoBranch): Promise<void>;
}

/** The simulated branch of the console chat (see bot/console/demo-roster.ts). */
export interface DemoMember {
  /** Contact id on the mock puppet (stands in for a wxid). */
  id: string;
  name: string;
  role: Role;
}

export interface DemoBranch {
  roomId: string;
  topic: string;
  /** The bot's own contact id in the simulation. */
  botId: string;
  members: DemoMember[];
}

export type FeatureFactory = (deps: AppDeps) => Feature | Promise<Feature>;

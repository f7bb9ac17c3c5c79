// What the web console needs: the one dependency object plus the meetings queue (to schedule reminders the
// bot's worker sends), the broadcasts service when a bot runs in this process, and optional extras.
import type { Queue } from 'bullmq';
import type { Deps } from '../domains/deps.js';
import type { MeetingDeps } from '../domains/meetings/deps.js';
import type { BroadcastService } from '../domains/broadcasts/service.js';
import type { Answerer } from '../knowledge/types.js';
import type { LiveKnowledge } from '../knowledge/live.js';

/** A chat channel of the bot process, as plain data (web/ imports nothing from bot/). */
export interface ChannelStatus {
  kind: string;
  accountId: string;
  /** online / offline where the channel tells; running where it reconnects by itself and exposes no state. */
  state: 'online' | 'offline' | 'running';
}

export interface WebDeps extends Deps {
  meetings: MeetingDeps;
  /** Broadcast operations (compose, confirm, cancel, report); absent when no broadcasts queue is reachable. */
  broadcasts?: BroadcastService;
  /** The bot's answerer, for the knowledge test box (absent when the console runs alone). */
  answerer?: Answerer;
  /** The bot's rebuildable knowledge core (upload, remove, rebuild); absent when the console runs alone. */
  knowledge?: LiveKnowledge;
  /** The bot process's channels, read at each request; absent when the console runs alone (zhibu web). */
  channels?: () => ChannelStatus[];
  /** BullMQ queues shown on the 队列 page (bull-board). */
  queues?: Queue[];
}

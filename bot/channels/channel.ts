// The seam between the chat edge and a platform. A channel turns platform events into the router's neutral
// InboundMessage and sends text through the outbox's Sender; the router, features and outbox know nothing else
// about the platform.
import type { Clock } from '../../ground/clock.js';
import type { Logger } from '../../ground/logger.js';
import type { Sender } from '../../jobs/outbox/types.js';
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
}

export interface Channel {
  /** The bot's account on the platform: names its outbox queue. */
  accountId: string;
  /** Starts handing filtered inbound messages to `handle` (the router). */
  attach(handle: (msg: InboundMessage) => Promise<void>, opts: InboundOptions): InboundAdapter;
  /** The outbox worker's only way out. */
  sender: Sender;
  stop(): Promise<void>;
}

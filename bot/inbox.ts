// The "store" step of the inbound pipeline: who was last seen where, one hash write per message (store/inbox.ts).
// Meetings and alerts can read it (e.g. members active in a room); it is cheap enough for every message.
import type { Logger } from '../ground/logger.js';
import { connectRedis } from '../ground/redis/connect.js';
import { createInbox, type Inbox } from '../store/inbox.js';

/** The inbox on a connection of its own with auto-pipelining: a burst of group messages becomes one round trip. */
export function openInbox(redisUrl: string, prefix: string, logger?: Logger): { inbox: Inbox; close(): Promise<void> } {
  const client = connectRedis(redisUrl, { name: 'inbox', autoPipelining: true, logger });
  return { inbox: createInbox(client, prefix), close: async () => void (await client.quit().catch(() => client.disconnect())) };
}

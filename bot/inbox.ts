// The "store" step of the inbound pipeline: who was last seen where, one hash write per message.
// Meetings and alerts can read it (e.g. members active in a room); it is cheap enough for every message.
import type { Redis } from '../ground/redis/connect.js';
import type { Deps } from '../domains/deps.js';
import type { InboundMessage } from './types.js';

export interface Inbox {
  record(msg: InboundMessage): Promise<void>;
  lastSeen(talkerId: string, roomId?: string): Promise<number | undefined>;
}

export function createInbox(redis: Redis, prefix: string): Inbox {
  const keyOf = (roomId?: string) => `${prefix}seen:${roomId ?? 'private'}`;
  return {
    async record(msg) {
      await redis.hset(keyOf(msg.roomId), msg.talkerId, msg.timestamp);
    },
    async lastSeen(talkerId, roomId) {
      const v = await redis.hget(keyOf(roomId), talkerId);
      return v === null ? undefined : Number(v);
    },
  };
}

/** The inbox on a connection of its own with auto-pipelining: a burst of group messages becomes one round trip. */
export function openInbox(deps: Pick<Deps, 'connect' | 'prefix'>): { inbox: Inbox; close(): Promise<void> } {
  const client = deps.connect('inbox', { autoPipelining: true });
  return { inbox: createInbox(client, deps.prefix), close: async () => void (await client.quit().catch(() => client.disconnect())) };
}

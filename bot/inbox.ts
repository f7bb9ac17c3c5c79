// The "store" step of the inbound pipeline: who was last seen where, one hash write per message.
// Meetings and alerts can read it (e.g. members active in a room); it is cheap enough for every message.
import type { Logger } from '../ground/logger.js';
import { connectRedis, type Redis } from '../ground/redis/connect.js';
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
export function openInbox(redisUrl: string, prefix: string, logger?: Logger): { inbox: Inbox; close(): Promise<void> } {
  const client = connectRedis(redisUrl, { name: 'inbox', autoPipelining: true, logger });
  return { inbox: createInbox(client, prefix), close: async () => void (await client.quit().catch(() => client.disconnect())) };
}

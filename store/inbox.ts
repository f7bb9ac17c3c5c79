// Who was last seen where: one hash per room (and one for private chat), talker → message timestamp.
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

export interface Inbox {
  record(msg: { roomId?: string; talkerId: string; timestamp: number }): Promise<void>;
  lastSeen(talkerId: string, roomId?: string): Promise<number | undefined>;
}

export function createInbox(redis: Redis, prefix: string): Inbox {
  const keyOf = storeKeys(prefix).lastSeen;
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

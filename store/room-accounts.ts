// Which channel account is in a room: the outbox sends a room's messages through that account's queue.
// Learnt from inbound messages (the account that received them is in the room) and from configured rooms
// (a WeCom webhook robot). A small in-process cache keeps the inbound path to one write per room.
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

export interface RoomAccounts {
  /** Records that `accountKey` (e.g. "wecom:bot1") is in `roomId`; a no-op when already known. */
  note(roomId: string, accountKey: string): Promise<void>;
  accountOf(roomId: string): Promise<string | undefined>;
}

export function createRoomAccounts(redis: Redis, prefix: string): RoomAccounts {
  const key = storeKeys(prefix).roomAccount;
  const cache = new Map<string, string>();
  return {
    async note(roomId, accountKey) {
      if (cache.get(roomId) === accountKey) return;
      await redis.hset(key, roomId, accountKey);
      cache.set(roomId, accountKey);
    },
    async accountOf(roomId) {
      const hit = cache.get(roomId);
      if (hit) return hit;
      const found = (await redis.hget(key, roomId)) ?? undefined;
      if (found) cache.set(roomId, found);
      return found;
    },
  };
}

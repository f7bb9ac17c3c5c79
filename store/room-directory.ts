// Room topics as last seen by the bot, so admins can target groups by name (群名).
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

export interface RoomDirectory {
  /** Records a room's topic; a no-op when unchanged. */
  note(roomId: string, topic: string): Promise<void>;
  topic(roomId: string): Promise<string | undefined>;
  topics(roomIds: string[]): Promise<Map<string, string>>;
  /** Room ids whose topic is exactly this name. */
  byTopic(topic: string): Promise<string[]>;
}

export function createRoomDirectory(redis: Redis, prefix: string): RoomDirectory {
  const { roomTopics: topics, roomsByTopic: ids } = storeKeys(prefix);
  const cache = new Map<string, string>();
  return {
    async note(roomId, topic) {
      const clean = topic.trim();
      if (!clean || cache.get(roomId) === clean) return;
      const previous = await redis.hget(topics, roomId);
      const tx = redis.multi();
      if (previous && previous !== clean) tx.srem(ids(previous), roomId);
      await tx.hset(topics, roomId, clean).sadd(ids(clean), roomId).exec();
      cache.set(roomId, clean);
    },
    async topic(roomId) {
      return (await redis.hget(topics, roomId)) ?? undefined;
    },
    async topics(roomIds) {
      if (!roomIds.length) return new Map();
      const values = await redis.hmget(topics, ...roomIds);
      const out = new Map<string, string>();
      roomIds.forEach((id, i) => values[i] && out.set(id, values[i]!));
      return out;
    },
    async byTopic(topic) {
      return (await redis.smembers(ids(topic.trim()))).sort();
    },
  };
}

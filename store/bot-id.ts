// Which bot account runs the outbox on this Redis: the bot records it at start, the CLI reads it to follow
// that outbox (broadcast status, cancel, digest --send).
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

export async function recordBotId(redis: Redis, prefix: string, botId: string): Promise<void> {
  await redis.set(storeKeys(prefix).botId, botId);
}

/** The bot id last recorded, or undefined when no bot has started on this Redis. */
export async function recordedBotId(redis: Redis, prefix: string): Promise<string | undefined> {
  return (await redis.get(storeKeys(prefix).botId)) ?? undefined;
}

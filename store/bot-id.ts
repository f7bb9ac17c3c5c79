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

/** Every channel account the bot runs (several channels at once), the first being the one recorded above. */
export async function recordAccountIds(redis: Redis, prefix: string, accountIds: string[]): Promise<void> {
  await redis.set(storeKeys(prefix).accountIds, JSON.stringify(accountIds));
}

/** The channel accounts last recorded, or [] when none were. */
export async function recordedAccountIds(redis: Redis, prefix: string): Promise<string[]> {
  const raw = await redis.get(storeKeys(prefix).accountIds);
  return raw ? (JSON.parse(raw) as string[]) : [];
}

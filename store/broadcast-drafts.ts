// Unconfirmed /广播 drafts, one per sender. A draft is valid for 10 minutes by the injected clock; the
// Redis key lives longer so an expired draft can still be named as expired when 确认 arrives.
import type { Redis } from '../ground/redis/connect.js';
import type { NewBroadcast } from './broadcasts.js';
import { storeKeys } from './keys.js';

export const DRAFT_TTL_MS = 10 * 60_000;

export interface BroadcastDraft {
  input: NewBroadcast;
  createdAt: number;
  expiresAt: number;
}

export interface DraftStore {
  put(senderId: string, input: NewBroadcast, now: number): Promise<BroadcastDraft>;
  /** Removes and returns the sender's draft (expired or not). */
  take(senderId: string): Promise<BroadcastDraft | undefined>;
  has(senderId: string): Promise<boolean>;
}

export function createDraftStore(redis: Redis, prefix: string, ttlMs = DRAFT_TTL_MS): DraftStore {
  const key = storeKeys(prefix).broadcastDraft;
  return {
    async put(senderId, input, now) {
      const draft: BroadcastDraft = { input, createdAt: now, expiresAt: now + ttlMs };
      await redis.set(key(senderId), JSON.stringify(draft), 'PX', ttlMs + 24 * 3600_000);
      return draft;
    },
    async take(senderId) {
      const raw = await redis.getdel(key(senderId));
      return raw ? (JSON.parse(raw) as BroadcastDraft) : undefined;
    },
    async has(senderId) {
      return (await redis.exists(key(senderId))) === 1;
    },
  };
}

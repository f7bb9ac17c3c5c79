// The web console's sign-in records: one-time links (taken atomically, so a second use fails) and sessions.
// Only hashes of the tokens are stored: a Redis dump gives no usable link or cookie.
import { createHash } from 'node:crypto';
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

export interface WebSession {
  wechatId: string;
  createdAt: number;
}

export type LinkTake = { ok: true; wechatId: string } | { ok: false; reason: 'used' | 'expired' };

export interface WebAuthStore {
  saveLink(token: string, wechatId: string, ttlMs: number): Promise<void>;
  /** Consumes a link: the first call wins, later calls see "used" (remembered for a day), unknown ones "expired". */
  takeLink(token: string): Promise<LinkTake>;
  /** The state of a link without consuming it (the page before the sign-in button). */
  peekLink(token: string): Promise<'valid' | 'used' | 'expired'>;
  saveSession(token: string, s: WebSession, ttlMs: number): Promise<void>;
  getSession(token: string): Promise<WebSession | undefined>;
  deleteSession(token: string): Promise<void>;
}

const hash = (t: string) => createHash('sha256').update(t).digest('hex');

export function createWebAuthStore(redis: Redis, prefix: string): WebAuthStore {
  const k = storeKeys(prefix);
  return {
    async saveLink(token, wechatId, ttlMs) {
      await redis.set(k.webLink(hash(token)), wechatId, 'PX', ttlMs);
    },
    async takeLink(token) {
      const h = hash(token);
      const wechatId = await redis.getdel(k.webLink(h));
      if (wechatId) {
        await redis.set(k.webLinkUsed(h), '1', 'PX', 86_400_000);
        return { ok: true, wechatId };
      }
      return { ok: false, reason: (await redis.exists(k.webLinkUsed(h))) ? 'used' : 'expired' };
    },
    async peekLink(token) {
      const h = hash(token);
      if (await redis.exists(k.webLink(h))) return 'valid';
      return (await redis.exists(k.webLinkUsed(h))) ? 'used' : 'expired';
    },
    async saveSession(token, s, ttlMs) {
      await redis.set(k.webSession(hash(token)), JSON.stringify(s), 'PX', ttlMs);
    },
    async getSession(token) {
      const raw = await redis.get(k.webSession(hash(token)));
      return raw ? (JSON.parse(raw) as WebSession) : undefined;
    },
    async deleteSession(token) {
      await redis.del(k.webSession(hash(token)));
    },
  };
}

// Admins promoted with /授权 (ADMIN_IDS from the config are admins too and cannot be revoked here).
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

export interface AdminRecord {
  wechatId: string;
  name?: string;
  grantedBy: string;
  at: number;
}

export interface AdminStore {
  isAdmin(wechatId: string): Promise<boolean>;
  grant(rec: AdminRecord): Promise<boolean>;
  /** True when the id was a promoted admin. */
  revoke(wechatId: string): Promise<boolean>;
  list(): Promise<AdminRecord[]>;
}

export function createAdminStore(redis: Redis, prefix: string, configured: string[] = []): AdminStore {
  const key = storeKeys(prefix).admins;
  const fixed = new Set(configured);
  return {
    async isAdmin(wechatId) {
      return fixed.has(wechatId) || (await redis.hexists(key, wechatId)) === 1;
    },
    async grant(rec) {
      if (fixed.has(rec.wechatId)) return false;
      return (await redis.hsetnx(key, rec.wechatId, JSON.stringify(rec))) === 1;
    },
    async revoke(wechatId) {
      return (await redis.hdel(key, wechatId)) === 1;
    },
    async list() {
      const promoted = Object.values(await redis.hgetall(key)).map((v) => JSON.parse(v) as AdminRecord);
      const fromConfig = [...fixed].map((wechatId) => ({ wechatId, grantedBy: 'ADMIN_IDS', at: 0 }));
      return [...fromConfig, ...promoted.sort((a, b) => a.at - b.at)];
    },
  };
}

// /我是 claims of a roster name already bound to another WeChat, waiting for the secretary's /绑定 确认 N.
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

export interface MemberClaim {
  id: string;
  memberId: string;
  wechatId: string;
  wechatName: string;
}

export interface ClaimStore {
  /** Numbers and stores a claim; it expires after ttlS. */
  open(claim: Omit<MemberClaim, 'id'>, ttlS: number): Promise<MemberClaim>;
  get(id: string): Promise<MemberClaim | undefined>;
  remove(id: string): Promise<void>;
}

export function createClaimStore(redis: Redis, prefix: string): ClaimStore {
  const k = storeKeys(prefix);
  return {
    async open(input, ttlS) {
      const id = String(await redis.incr(k.memberClaimSeq));
      const claim: MemberClaim = { id, ...input };
      await redis.set(k.memberClaim(id), JSON.stringify(claim), 'EX', ttlS);
      return claim;
    },
    async get(id) {
      const raw = await redis.get(k.memberClaim(id));
      return raw ? (JSON.parse(raw) as MemberClaim) : undefined;
    },
    async remove(id) {
      await redis.del(k.memberClaim(id));
    },
  };
}

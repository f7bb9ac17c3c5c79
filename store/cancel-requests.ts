// A meeting cancel asked for and not yet confirmed: /会议 取消 ID opens one per sender, /会议 取消 ID 确认 consumes it.
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

export interface CancelRequestStore {
  open(meetingId: string, wechatId: string, ttlS: number): Promise<void>;
  /** True (once) when the sender had an open request for the meeting. */
  consume(meetingId: string, wechatId: string): Promise<boolean>;
  /** The meeting of the sender's latest open request (for a bare 确认), if any. */
  pendingOf(wechatId: string): Promise<string | undefined>;
}

export function createCancelRequestStore(redis: Redis, prefix: string): CancelRequestStore {
  const k = storeKeys(prefix);
  return {
    async open(meetingId, wechatId, ttlS) {
      await redis
        .multi()
        .set(k.meetingCancelRequest(meetingId, wechatId), '1', 'EX', ttlS)
        .set(k.meetingCancelPending(wechatId), meetingId, 'EX', ttlS)
        .exec();
    },
    async consume(meetingId, wechatId) {
      const removed = (await redis.del(k.meetingCancelRequest(meetingId, wechatId))) > 0;
      if ((await redis.get(k.meetingCancelPending(wechatId))) === meetingId)
        await redis.del(k.meetingCancelPending(wechatId));
      return removed;
    },
    async pendingOf(wechatId) {
      const id = await redis.get(k.meetingCancelPending(wechatId));
      if (!id) return undefined;
      return (await redis.exists(k.meetingCancelRequest(id, wechatId))) ? id : undefined;
    },
  };
}

// A meeting cancel asked for and not yet confirmed: /会议 取消 ID opens one per sender, /会议 取消 ID 确认 consumes it.
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

export interface CancelRequestStore {
  open(meetingId: string, wechatId: string, ttlS: number): Promise<void>;
  /** True (once) when the sender had an open request for the meeting. */
  consume(meetingId: string, wechatId: string): Promise<boolean>;
}

export function createCancelRequestStore(redis: Redis, prefix: string): CancelRequestStore {
  const k = storeKeys(prefix);
  return {
    async open(meetingId, wechatId, ttlS) {
      await redis.set(k.meetingCancelRequest(meetingId, wechatId), '1', 'EX', ttlS);
    },
    async consume(meetingId, wechatId) {
      return (await redis.del(k.meetingCancelRequest(meetingId, wechatId))) > 0;
    },
  };
}

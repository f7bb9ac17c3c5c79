// Attendance per meeting: member → present / late / leave with time, text and reason; plus the expected roster.
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';
import type { AttendanceRecord } from './types.js';

export interface AttendanceStore {
  /** Records (or replaces) a member's reply to a meeting. */
  set(meetingId: string, record: AttendanceRecord): Promise<void>;
  get(meetingId: string, memberId: string): Promise<AttendanceRecord | undefined>;
  remove(meetingId: string, memberId: string): Promise<void>;
  /** Every reply to a meeting, by member id. */
  list(meetingId: string): Promise<AttendanceRecord[]>;
  /** Freezes who was expected (the active roster at close), so later roster changes don't rewrite history. */
  setExpected(meetingId: string, memberIds: string[]): Promise<void>;
  /** The frozen roster, or undefined if the meeting has not closed. */
  expected(meetingId: string): Promise<string[] | undefined>;
}

export function createAttendanceStore(redis: Redis, prefix: string): AttendanceStore {
  const k = storeKeys(prefix);
  return {
    async set(meetingId, record) {
      await redis.hset(k.attendance(meetingId), record.memberId, JSON.stringify(record));
    },
    async get(meetingId, memberId) {
      const raw = await redis.hget(k.attendance(meetingId), memberId);
      return raw ? (JSON.parse(raw) as AttendanceRecord) : undefined;
    },
    async remove(meetingId, memberId) {
      await redis.hdel(k.attendance(meetingId), memberId);
    },
    async list(meetingId) {
      const all = await redis.hvals(k.attendance(meetingId));
      return all.map((r) => JSON.parse(r) as AttendanceRecord).sort((a, b) => a.at - b.at);
    },
    async setExpected(meetingId, memberIds) {
      const key = k.expected(meetingId);
      const tx = redis.multi().del(key);
      if (memberIds.length) tx.rpush(key, ...memberIds);
      // A marker element keeps "closed with nobody expected" distinct from "not closed".
      else tx.rpush(key, '');
      await tx.exec();
    },
    async expected(meetingId) {
      const ids = await redis.lrange(k.expected(meetingId), 0, -1);
      if (!ids.length) return undefined;
      return ids.filter(Boolean);
    },
  };
}

// Meetings (三会一课 and others): one JSON record each, indexed by start time overall and per branch.
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';
import type { Meeting } from './types.js';

export type MeetingInput = Omit<Meeting, 'id' | 'status' | 'createdAt'> & { status?: Meeting['status'] };

export interface MeetingStore {
  create(input: MeetingInput, now?: number): Promise<Meeting>;
  get(id: string): Promise<Meeting | undefined>;
  /** The Redis key holding the meeting's JSON record (for conditions checked elsewhere, e.g. by the outbox). */
  recordKey(id: string): string;
  /** The outbox's in-flight set for the meeting's reminders (OutboxCondition.fence). */
  sendingKey(id: string): string;
  /**
   * Resolves once no reminder of the meeting is being sent (call after writing the change, before acknowledging
   * it). Entries of a crashed sender expire by their score.
   */
  waitForSends(id: string, pollMs?: number): Promise<void>;
  /** Several meetings in one round trip (missing ones are left out). */
  getMany(ids: string[]): Promise<Meeting[]>;
  /** Shallow update; re-indexes when startAt changes. */
  update(id: string, patch: Partial<Omit<Meeting, 'id' | 'branchId' | 'createdAt'>>): Promise<Meeting>;
  /** Meetings of a branch (or all branches) whose start is within [from, to], ordered by start. */
  list(opts?: {
    branchId?: string;
    from?: number;
    to?: number;
    status?: Meeting['status'][];
    limit?: number;
  }): Promise<Meeting[]>;
  /** Removes a meeting record and its indexes (attendance is kept by the attendance store). */
  remove(id: string): Promise<void>;
}

export function createMeetingStore(redis: Redis, prefix: string): MeetingStore {
  const k = storeKeys(prefix);

  async function get(id: string): Promise<Meeting | undefined> {
    const raw = await redis.get(k.meeting(id));
    return raw ? (JSON.parse(raw) as Meeting) : undefined;
  }

  /** The record and its two time indexes, written together. */
  const save = (m: Meeting) =>
    redis
      .multi()
      .set(k.meeting(m.id), JSON.stringify(m))
      .zadd(k.meetingsByStart, m.startAt, m.id)
      .zadd(k.branchMeetings(m.branchId), m.startAt, m.id)
      .exec();
  return {
    async create(input, now = Date.now()) {
      const id = String(await redis.incr(k.meetingSeq));
      const meeting: Meeting = { ...input, id, status: input.status ?? 'scheduled', createdAt: now };
      await save(meeting);
      return meeting;
    },
    get,
    recordKey: (id) => k.meeting(id),
    sendingKey: (id) => k.meetingSending(id),
    async waitForSends(id, pollMs = 50) {
      const key = k.meetingSending(id);
      for (;;) {
        await redis.zremrangebyscore(key, '-inf', Date.now());
        if (!(await redis.zcard(key))) return;
        await new Promise((r) => setTimeout(r, pollMs));
      }
    },
    async getMany(ids) {
      if (!ids.length) return [];
      const raws = await redis.mget(...ids.map(k.meeting));
      return raws.filter((r): r is string => !!r).map((r) => JSON.parse(r) as Meeting);
    },
    async update(id, patch) {
      const current = await get(id);
      if (!current) throw new Error(`meeting ${id} not found`);
      const next: Meeting = { ...current, ...patch };
      await save(next);
      return next;
    },
    async list(opts = {}) {
      const key = opts.branchId ? k.branchMeetings(opts.branchId) : k.meetingsByStart;
      const ids = await redis.zrangebyscore(key, opts.from ?? '-inf', opts.to ?? '+inf');
      if (!ids.length) return [];
      const raws = await redis.mget(...ids.map(k.meeting));
      let meetings = raws.filter((r): r is string => !!r).map((r) => JSON.parse(r) as Meeting);
      if (opts.status) meetings = meetings.filter((m) => opts.status!.includes(m.status));
      return opts.limit ? meetings.slice(0, opts.limit) : meetings;
    },
    async remove(id) {
      const m = await get(id);
      if (!m) return;
      await redis.multi().del(k.meeting(id)).zrem(k.meetingsByStart, id).zrem(k.branchMeetings(m.branchId), id).exec();
    },
  };
}

// The question log against real Redis: askers hashed (a secret or a per-install salt), retention by the clock,
// time windows, and the raw id never stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from '../../ground/redis/connect.js';
import { createQuestionLog } from '../../store/question-log.js';
import { storeKeys } from '../../store/keys.js';
import { connectTestRedis, deletePrefix, randomPrefix } from '../helpers/redis.js';

const DAY = 86_400_000;
let redis: Redis;
const prefixes: string[] = [];
const fresh = () => {
  const p = randomPrefix();
  prefixes.push(p);
  return p;
};
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  for (const p of prefixes) await deletePrefix(redis, p);
  redis.disconnect();
});

const entry = {
  askerId: 'wxid_zhang',
  channel: 'group' as const,
  roomId: 'room-1@chatroom',
  branchId: '3',
  question: '预备期多长',
  outcome: 'answer' as const,
  cited: ['《党章》第七条'],
  ms: 3.4,
};

describe('question log', () => {
  it('records a question with its outcome, citations and latency, the asker only as a hash', async () => {
    const prefix = fresh();
    const log = createQuestionLog(redis, prefix, { retentionDays: 180 });
    await log.record(entry);
    await log.record({
      ...entry,
      askerId: 'wxid_li',
      channel: 'private',
      roomId: undefined,
      branchId: undefined,
      outcome: 'not-stated',
      cited: ['《实施方案》第17条', '《党章》第三条'],
      question: '关爱资金多少钱',
    });
    const rows = await log.list();
    expect(rows.map((r) => [r.question, r.outcome, r.channel, r.roomId, r.branchId])).toEqual([
      ['预备期多长', 'answer', 'group', 'room-1@chatroom', '3'],
      ['关爱资金多少钱', 'not-stated', 'private', undefined, undefined],
    ]);
    expect(rows[0]!.ms).toBe(3);
    expect(rows[1]!.cited).toEqual(['《实施方案》第17条', '《党章》第三条']);
    expect(rows[0]!.asker).toMatch(/^[0-9a-f]{16}$/);
    expect(rows[0]!.asker).not.toBe(rows[1]!.asker);
    expect(rows[0]!.asker).toBe(await log.hashAsker('wxid_zhang'));
    // The raw id is nowhere in the stream.
    const raw = JSON.stringify(await redis.xrange(storeKeys(prefix).questions, '-', '+'));
    expect(raw).not.toContain('wxid_zhang');
    expect(raw).not.toContain('wxid_li');
  });

  it('keys the hash by the per-install salt, the same across processes, or by the configured secret', async () => {
    const prefix = fresh();
    const a = createQuestionLog(redis, prefix, { retentionDays: 180 });
    const b = createQuestionLog(redis, prefix, { retentionDays: 180 });
    const [ha, hb] = await Promise.all([a.hashAsker('wxid_zhang'), b.hashAsker('wxid_zhang')]);
    expect(ha).toBe(hb);
    expect(await redis.get(storeKeys(prefix).questionSalt)).toMatch(/^[0-9a-f]{64}$/);
    const other = createQuestionLog(redis, fresh(), { retentionDays: 180 });
    expect(await other.hashAsker('wxid_zhang')).not.toBe(ha);
    const s1 = createQuestionLog(redis, fresh(), { retentionDays: 180, secret: 's3cret' });
    const s2 = createQuestionLog(redis, fresh(), { retentionDays: 180, secret: 's3cret' });
    expect(await s1.hashAsker('wxid_zhang')).toBe(await s2.hashAsker('wxid_zhang'));
    expect(await s1.hashAsker('wxid_zhang')).not.toBe(ha);
  });

  it('keeps questions for the retention window only, and lists a time window', async () => {
    const prefix = fresh();
    let now = Date.UTC(2026, 0, 1);
    const log = createQuestionLog(redis, prefix, { retentionDays: 30, clock: { now: () => now } });
    await log.record({ ...entry, question: '第一天' });
    now += 20 * DAY;
    await log.record({ ...entry, question: '第二十一天' });
    now += 15 * DAY; // day 36: the first question is past 30 days
    await log.record({ ...entry, question: '第三十六天' });
    expect((await log.list()).map((r) => r.question)).toEqual(['第二十一天', '第三十六天']);
    expect(await redis.xlen(storeKeys(prefix).questions)).toBe(2);
    expect((await log.list({ since: now - DAY })).map((r) => r.question)).toEqual(['第三十六天']);
    expect((await log.list({ until: now - DAY })).map((r) => r.question)).toEqual(['第二十一天']);
    // Listing hides what aged out since the last write; the next write trims it.
    now += 25 * DAY;
    expect((await log.list()).map((r) => r.question)).toEqual(['第三十六天']);
    await log.record({ ...entry, question: '第六十一天' });
    expect(await redis.xlen(storeKeys(prefix).questions)).toBe(2);
  });
});

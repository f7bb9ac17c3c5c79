// The small stores that took over the keys handlers and domain modules used to write themselves:
// /我是 claims, cancel requests, once-only hints, rate-limit counts, due buckets, the 每日一学 cursor, the bot id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from '../../ground/redis/connect.js';
import { recordBotId, recordedBotId } from '../../store/bot-id.js';
import { createCancelRequestStore } from '../../store/cancel-requests.js';
import { createClaimStore } from '../../store/claims.js';
import { createDueBuckets } from '../../store/due-buckets.js';
import { createHintStore } from '../../store/hints.js';
import { createInbox } from '../../store/inbox.js';
import { createRateLimitStore } from '../../store/rate-limits.js';
import { createStudyCursor } from '../../store/study-cursor.js';
import { connectTestRedis, deletePrefix, randomPrefix } from '../helpers/redis.js';

let redis: Redis;
const prefix = randomPrefix();
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('chat records', () => {
  it('numbers claims, reads them back with their expiry, and removes them', async () => {
    const claims = createClaimStore(redis, prefix);
    const a = await claims.open({ memberId: '5', wechatId: 'wx_new', wechatName: '张三' }, 600);
    const b = await claims.open({ memberId: '6', wechatId: 'wx_b', wechatName: '李四' }, 600);
    expect([a.id, b.id]).toEqual(['1', '2']);
    expect(await claims.get('1')).toEqual({ id: '1', memberId: '5', wechatId: 'wx_new', wechatName: '张三' });
    const ttl = await redis.ttl(`${prefix}member-claim:1`);
    expect(ttl).toBeGreaterThan(500);
    await claims.remove('1');
    expect(await claims.get('1')).toBeUndefined();
  });

  it('a cancel request is consumed once, and only by its sender for its meeting', async () => {
    const requests = createCancelRequestStore(redis, prefix);
    expect(await requests.consume('7', 'wx_wang')).toBe(false);
    await requests.open('7', 'wx_wang', 300);
    expect(await requests.consume('7', 'wx_li')).toBe(false);
    expect(await requests.consume('8', 'wx_wang')).toBe(false);
    expect(await requests.consume('7', 'wx_wang')).toBe(true);
    expect(await requests.consume('7', 'wx_wang')).toBe(false);
  });

  it('a hint is due once per person and kind', async () => {
    const hints = createHintStore(redis, prefix);
    expect(await hints.firstTime('bind-hint', 'wx_a', 60)).toBe(true);
    expect(await hints.firstTime('bind-hint', 'wx_a', 60)).toBe(false);
    expect(await hints.firstTime('ambiguous', 'wx_a', 60)).toBe(true);
    expect(await hints.firstTime('bind-hint', 'wx_b', 60)).toBe(true);
  });

  it('counts rate-limit hits per limit, user and window, and records last-seen times', async () => {
    const counts = createRateLimitStore(redis, prefix);
    expect([await counts.countHit('q', 'wx_a', 1, 120_000), await counts.countHit('q', 'wx_a', 1, 120_000)]).toEqual([
      1, 2,
    ]);
    expect(await counts.countHit('q', 'wx_a', 2, 120_000)).toBe(1);
    expect(await counts.countHit('q', 'wx_b', 1, 120_000)).toBe(1);
    expect(await redis.pttl(`${prefix}rl:q:wx_a:1`)).toBeGreaterThan(60_000);
    const inbox = createInbox(redis, prefix);
    await inbox.record({ roomId: 'r1', talkerId: 'wx_a', timestamp: 1234 });
    await inbox.record({ talkerId: 'wx_a', timestamp: 99 });
    expect([
      await inbox.lastSeen('wx_a', 'r1'),
      await inbox.lastSeen('wx_a'),
      await inbox.lastSeen('wx_b', 'r1'),
    ]).toEqual([1234, 99, undefined]);
  });

  it('due buckets take steps in one or many buckets, drop processed ones and remove withdrawn ones', async () => {
    const buckets = createDueBuckets(redis, prefix);
    await buckets.add(new Map([[1000, ['a', 'b']]]));
    await buckets.add(
      new Map<number | string, string[]>([
        [1000, ['b', 'c']],
        ['2000-n1500', ['d']],
      ]),
    );
    expect((await buckets.members(1000)).sort()).toEqual(['a', 'b', 'c']);
    await buckets.discard(1000, ['a']);
    await buckets.remove([
      [1000, 'b'],
      ['2000-n1500', 'd'],
    ]);
    expect([await buckets.members(1000), await buckets.members('2000-n1500')]).toEqual([['c'], []]);
  });

  it('the study cursor gives each run its own unit, the same one on a retry, and wraps after the cycle', async () => {
    const cursor = createStudyCursor(redis, prefix);
    const picks = [];
    for (const run of ['r1', 'r2', 'r1', 'r3', 'r4']) picks.push(await cursor.pick('9', run, 3));
    expect(picks).toEqual([0, 1, 0, 2, 0]);
    expect(await redis.get(`${prefix}study:9:given`)).toBe('4');
  });

  it('remembers which bot runs the outbox', async () => {
    expect(await recordedBotId(redis, prefix)).toBeUndefined();
    await recordBotId(redis, prefix, 'wxid_bot');
    expect(await recordedBotId(redis, prefix)).toBe('wxid_bot');
  });
});

// Parsing /广播 arguments: times (立即, dates, 每天, 每周), targets, content; resolution of targets; cron.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../ground/clock.js';
import { isUserError } from '../../../ground/errors.js';
import type { Redis } from '../../../ground/redis/connect.js';
import { prepareBroadcast, splitArgs } from '../../../domains/broadcasts/request.js';
import { parseWhen, repeatOf } from '../../../domains/broadcasts/schedule.js';
import { createBranchStore } from '../../../store/branches.js';
import { createRoomDirectory } from '../../../store/room-directory.js';
import { connectTestRedis, deletePrefix, randomPrefix } from '../../helpers/redis.js';
import { testDeps } from '../../helpers/deps.js';

const TZ = 'Asia/Shanghai';
const NOW = Date.parse('2026-11-28T08:00:00+08:00'); // Saturday
let redis: Redis;
const prefix = randomPrefix();
beforeAll(async () => {
  redis = connectTestRedis();
  const branches = createBranchStore(redis, prefix);
  const one = (await branches.ensure('第一党支部')).branch;
  await branches.bindRoom(one.id, 'a@chatroom');
  await branches.bindRoom(one.id, 'b@chatroom');
  await createRoomDirectory(redis, prefix).note('c@chatroom', '离退休党员群');
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('time phrases', () => {
  it('parses once and recurring times in the zone', () => {
    expect(parseWhen('立即', NOW, TZ)).toEqual({ type: 'once', at: NOW });
    expect(parseWhen('12月1日9:00', NOW, TZ)).toEqual({ type: 'once', at: Date.parse('2026-12-01T09:00:00+08:00') });
    expect(parseWhen('明天上午9点', NOW, TZ)).toEqual({ type: 'once', at: Date.parse('2026-11-29T09:00:00+08:00') });
    expect(parseWhen('每天8:00', NOW, TZ)).toEqual({ type: 'daily', hour: 8, minute: 0, tz: TZ });
    expect(parseWhen('每周一9点半', NOW, TZ)).toEqual({ type: 'weekly', weekday: 1, hour: 9, minute: 30, tz: TZ });
    expect(parseWhen('每周日20:00', NOW, TZ)).toMatchObject({ weekday: 0 });
    expect(parseWhen('全部', NOW, TZ)).toBeUndefined();
    expect(parseWhen('每天25:00', NOW, TZ)).toBeUndefined();
  });

  it('gives BullMQ cron patterns with tz', () => {
    expect(repeatOf({ type: 'daily', hour: 8, minute: 0, tz: TZ })).toEqual({ pattern: '0 0 8 * * *', tz: TZ });
    expect(repeatOf({ type: 'weekly', weekday: 1, hour: 9, minute: 5, tz: TZ })).toEqual({
      pattern: '0 5 9 * * 1',
      tz: TZ,
    });
  });

  it('splits time (one or two words), targets and content', () => {
    expect(splitArgs('12月1日 9:00 第一党支部、离退休党员群 请 按时参加', NOW, TZ)).toMatchObject({
      targets: ['第一党支部', '离退休党员群'],
      content: '请 按时参加',
    });
    expect(splitArgs('每天8:00 每日一学 党章', NOW, TZ)).toMatchObject({ targets: ['全部'], content: '每日一学 党章' });
  });
});

describe('prepareBroadcast', () => {
  const deps = () => ({ ...testDeps({ redis, prefix }), clock: manualClock(NOW) });
  const who = { id: 'wxid_admin' };

  it('resolves branches and room names to rooms, once each', async () => {
    const { input } = await prepareBroadcast('立即 第一党支部、离退休党员群、全部 学习通知', who, deps());
    expect(input.rooms).toEqual(['a@chatroom', 'b@chatroom', 'c@chatroom']);
    expect(input).toMatchObject({ kind: 'text', text: '学习通知', targets: ['第一党支部', '离退休党员群', '全部'] });
  });

  it('makes 每日一学 a study broadcast over the named documents', async () => {
    const { input } = await prepareBroadcast('每天8:00 全部 每日一学 党章 廉洁自律准则', who, deps());
    expect(input).toMatchObject({
      kind: 'daily-study',
      studyDocs: ['党章', '廉洁自律准则'],
      schedule: { type: 'daily', hour: 8 },
    });
  });

  it('refuses unknown targets, past times, missing content and one-off study, in Chinese', async () => {
    const cases = ['立即 第九支部 通知', '11月1日9:00 全部 通知', '立即 全部', '立即 全部 每日一学', '随便 全部 通知'];
    const messages: string[] = [];
    for (const c of cases) {
      const err = await prepareBroadcast(c, who, deps()).catch((e: unknown) => e);
      expect(isUserError(err)).toBe(true);
      messages.push((err as Error).message);
    }
    expect(messages[0]).toContain('没有找到这些目标：第九支部');
    expect(messages[1]).toContain('发送时间已经过去');
    expect(messages[2]).toContain('用法');
    expect(messages[3]).toContain('每日一学需要一个周期');
    expect(messages[4]).toContain('没看懂发送时间');
  });
});

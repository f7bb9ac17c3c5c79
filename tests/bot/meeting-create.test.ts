// /会议 新建 from the group chat on real Wechaty (mock puppet): each supported time phrase is echoed as an
// absolute date with weekday and the meeting id; past, unparseable and unauthorised requests create nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../ground/clock.js';
import { silentLogger } from '../../ground/logger.js';
import { createMeetingQueue, jobIds } from '../../domains/meetings/queue.js';
import { ROOM, startMeetingWorld, type MeetingWorld } from '../helpers/meetings-world.js';

// Friday 2026-11-27 10:00 in Shanghai.
const NOW = Date.parse('2026-11-27T02:00:00Z');
const clock = manualClock(NOW);
let w: MeetingWorld;

beforeAll(async () => {
  w = await startMeetingWorld({ clock });
});
afterAll(async () => {
  await w?.close();
});

async function create(text: string, from = '王书记'): Promise<string> {
  const before = w.saidIn(ROOM).length;
  w.post(from, text, { roomId: ROOM });
  const reply = await w.waitFor((s) => s.roomId === ROOM && w.saidIn(ROOM).indexOf(s) >= before);
  return reply.text;
}

describe('/会议 新建 time phrases', () => {
  const cases: Array<[string, string]> = [
    ['下周五下午三点 三楼会议室', '2026年12月4日（周五）15:00'],
    ['12月5日14:30 党员活动室', '2026年12月5日（周六）14:30'],
    ['明天上午9点', '2026年11月28日（周六）09:00'],
    ['下个月3号上午10点 会议室', '2026年12月3日（周四）10:00'],
    ['3天后下午3点', '2026年11月30日（周一）15:00'],
    ['后天晚上8点', '2026年11月29日（周日）20:00'],
    ['今晚七点半', '2026年11月27日（周五）19:30'],
    ['30分钟后', '2026年11月27日（周五）10:30'],
    ['2027年3月5日 14:30 三楼', '2027年3月5日（周五）14:30'],
    ['12/8 9:00', '2026年12月8日（周二）09:00'],
    ['11月5日下午3点 三楼', '2027年11月5日（周五）15:00'], // already past this year: next year
  ];
  for (const [phrase, expected] of cases) {
    it(`understands “${phrase}”`, async () => {
      const text = await create(`/会议 新建 党课 ${phrase} 主题：学习党章`);
      expect(text).toContain('已创建会议（编号');
      expect(text).toContain(`时间：${expected}`);
      const id = /编号 (\d+)/.exec(text)![1]!;
      const stored = await w.stores.meetings.get(id);
      expect(stored?.type).toBe('党课');
      expect(stored?.topic).toBe('学习党章');
    });
  }

  it('accepts short type names and records the place', async () => {
    const text = await create('/会议 新建 支委会 12月10日15:00 三楼会议室');
    expect(text).toContain('支部委员会');
    const id = /编号 (\d+)/.exec(text)![1]!;
    expect((await w.stores.meetings.get(id))?.place).toBe('三楼会议室');
  });

  it('creates a recurring series through the job scheduler and echoes the next date', async () => {
    const text = await create('/会议 新建 主题党日 每月第一个周五 15:00 党员活动室 节假日：顺延');
    expect(text).toContain(
      '已创建例会（系列 1）：主题党日，每月第一个周五 15:00，遇法定节假日顺延到下一个工作日（含调休上班日）',
    );
    // The pinned chinese-days data ends with 2026: the secretary is told that later holidays are not yet known.
    expect(text).toContain('2027年的法定节假日和调休安排尚未导入，该年暂按周一至周五为工作日计算');
    expect(text).toMatch(/下次会议：2026年12月4日（周五）15:00，编号 \d+，地点：党员活动室/);
    const q = createMeetingQueue(w.app.deps.redis, w.prefix, silentLogger);
    expect((await q.getJobScheduler(jobIds.series('1')))?.pattern).toBe('0 0 15 * * 5#1');
    await q.close();
    expect(await create('/会议 新建 主题党日 每月第一个周五')).toContain('例会需要写明几点');
    expect(await create('/会议 取消 系列1')).toContain('/会议 取消 系列1 确认');
    expect(await create('/会议 取消 系列1 确认')).toContain('已停止例会系列 1');
    expect((await w.stores.series.get('1'))?.status).toBe('cancelled');
    const queue = createMeetingQueue(w.app.deps.redis, w.prefix, silentLogger);
    expect(await queue.getJobScheduler(jobIds.series('1'))).toBeUndefined();
    await queue.close();
  });

  it('shows and changes the branch defaults (secretary only), used by later meetings', async () => {
    expect(await create('/会议 设置', '张三')).toContain(
      '群提醒：会前1天、会前1小时；书记提醒：会前3天；签到截止：开始后30分钟',
    );
    expect(await create('/会议 设置 提醒：2小时', '张三')).toContain('只有第一党支部的书记或管理员可以修改会议设置');
    expect(await create('/会议 设置 提醒：1天,2小时 缺席提醒：2')).toContain('群提醒：会前1天、会前2小时');
    const text = await create('/会议 新建 党课 12月20日9:00');
    expect(text).toContain('群提醒：会前1天、会前2小时；书记提醒：会前3天');
    expect((await w.stores.branches.get(w.branch.id))?.settings.absenceThreshold).toBe(2);
    await create('/会议 设置 提醒：1天,1小时 缺席提醒：3');
  });

  it('2分钟后 keeps the seconds: typed at 10:00:12 the meeting starts 10:02:12, and the reply says so', async () => {
    clock.set(NOW + 12_000);
    try {
      const text = await create('/会议 新建 党课 2分钟后 三楼');
      expect(text).toContain('时间：2026年11月27日（周五）10:02:12（按“2分钟后”理解）');
      const id = /编号 (\d+)/.exec(text)![1]!;
      expect((await w.stores.meetings.get(id))?.startAt).toBe(NOW + 132_000);
      await create(`/会议 取消 ${id}`);
      await create(`/会议 取消 ${id} 确认`);
      expect((await w.stores.meetings.get(id))?.status).toBe('cancelled'); // out of the later tests' lists
      expect(await create('/会议 新建 党课 明天上午9点 截止：99999999天')).toContain(
        '截止：“99999999天”太长了，时长最多366天',
      );
    } finally {
      clock.set(NOW);
    }
  });

  it('rejects a past time and an unparseable one, creating nothing', async () => {
    const before = (await w.stores.meetings.list({})).length;
    expect(await create('/会议 新建 党课 昨天下午3点 三楼')).toMatch(/已经过去.*未创建/);
    expect(await create('/会议 新建 党课 上午9点')).toMatch(/2026年11月27日（周五）09:00.*已经过去/);
    expect(await create('/会议 新建 党课 今天上午9点')).toMatch(/2026年11月27日（周五）09:00.*已经过去/);
    expect(await create('/会议 新建 党课 11月27日上午9点')).toMatch(/2026年11月27日（周五）09:00.*已经过去/); // today: not next year
    expect(await create('/会议 新建 党课 改天再说')).toMatch(/没能识别时间“改天再说”/);
    expect(await create('/会议 新建 座谈会 明天上午9点')).toMatch(/类型：支部党员大会/);
    expect((await w.stores.meetings.list({})).length).toBe(before);
  });

  it('refuses members and audits the refusal', async () => {
    const before = (await w.stores.meetings.list({})).length;
    expect(await create('/会议 新建 党课 明天上午9点', '张三')).toContain('只有第一党支部的书记或管理员');
    expect((await w.stores.meetings.list({})).length).toBe(before);
    const audit = await w.app.deps.audit.list();
    expect(audit.some((a) => a.action === 'refused' && a.actor === 'wxid_zhang')).toBe(true);
    expect(audit.some((a) => a.action === 'meeting.create' && a.actor === 'wxid_wang' && a.ok)).toBe(true);
  });

  it('lets members list and shows details; 改期 and 取消 (with 确认) change the jobs', async () => {
    const created = await create('/会议 新建 党员大会 12月12日9:00 礼堂');
    const id = /编号 (\d+)/.exec(created)![1]!;
    expect(await create('/会议 列表', '张三')).toMatch(
      /第一党支部的会议：\n待召开：\n\d+\. 11月27日 10:30 党课（待召开，签到 0\/5，请假 0）/,
    );
    expect(await create(`/会议 详情 ${id}`, '李四')).toContain('时间：2026年12月12日（周六）09:00');
    expect(await create(`/会议 改期 ${id} 12月13日14:30`)).toMatch(/改为：2026年12月13日（周日）14:30/);
    expect((await w.stores.meetings.get(id))?.startAt).toBe(Date.parse('2026-12-13T06:30:00Z'));
    expect(await create(`/会议 取消 ${id}`)).toContain(`/会议 取消 ${id} 确认`);
    expect((await w.stores.meetings.get(id))?.status).toBe('scheduled');
    expect(await create(`/会议 取消 ${id} 确认`)).toContain(`已取消会议 ${id}`);
    expect((await w.stores.meetings.get(id))?.status).toBe('cancelled');
    expect(await create(`/会议 改期 ${id} 12月14日14:30`)).toContain('已取消，不能再改期');
  });

  it('a bare 确认 after /会议 取消 ID confirms that cancel, for the one who asked only', async () => {
    const created = await create('/会议 新建 党课 12月15日9:00 礼堂');
    const id = /编号 (\d+)/.exec(created)![1]!;
    expect(await create(`/会议 取消 ${id}`)).toContain('确认');
    // Someone else's 确认 does not confirm it.
    w.post('张三', '确认', { roomId: ROOM });
    await w.quietFor(800);
    expect((await w.stores.meetings.get(id))?.status).toBe('scheduled');
    expect(await create('确认')).toContain(`已取消会议 ${id}`);
    expect((await w.stores.meetings.get(id))?.status).toBe('cancelled');
    // The request is used up: another 确认 does nothing.
    w.post('王书记', '确认', { roomId: ROOM });
    expect((await w.quietFor(800)).filter((s) => s.text.includes('已取消会议'))).toEqual([]);
  });

  it('shows a started meeting as 进行中, not 待召开, and reminders already sent as sent, not 无', async () => {
    const created = await create('/会议 新建 党课 2小时后 主题：学习 提醒：1小时 书记提醒：90分钟');
    const id = /编号 (\d+)/.exec(created)![1]!;
    const m = (await w.stores.meetings.get(id))!;
    clock.set(m.startAt - 30 * 60_000); // both reminders are past
    const detail = await create(`/会议 详情 ${id}`);
    expect(detail).not.toContain('群提醒：无');
    expect(detail).toMatch(/群提醒：已发（会前1小时）/);
    expect(detail).toMatch(/书记提醒：已发（会前1小时30分钟）/);
    clock.set(m.startAt + 10 * 60_000); // started, not yet closed
    const list = await create('/会议 列表', '张三');
    const line = list.split('\n').find((l) => l.startsWith(`${id}. `))!;
    expect(line).toContain('进行中');
    const upcoming = list.split('待召开：')[1] ?? '';
    expect(upcoming).not.toContain(`${id}. `);
    expect(await create(`/会议 详情 ${id}`)).toContain(`会议 ${id}：党课（进行中）`);
  });
});

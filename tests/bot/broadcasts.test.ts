// /广播 end to end on a real Wechaty (mock puppet), real Redis, real BullMQ outbox: preview, 确认, delivery
// to 50 rooms once each and paced, the report, draft expiry, and refusals that are audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../ground/clock.js';
import { broadcastsFeature } from '../../bot/features/broadcasts.js';
import { rolesFeature } from '../../bot/features/roles.js';
import { broadcastQueueName } from '../../domains/broadcasts/queue.js';
import { queuePrefix } from '../../jobs/outbox/keys.js';
import type { Answerer } from '../../knowledge/types.js';
import { startTestBot, type TestBot } from '../helpers/mock-wechaty.js';
import { ADMIN, MEMBER, broadcastSpec, roomId, seedBranches } from '../helpers/broadcast-world.js';

const ROOMS = 50;
const RATE = 1200; // one message per 50 ms
const answerer: Answerer = {
  answer: async () => ({ text: '（答案）', citations: [], refused: false, sources: [], mode: 'extractive' }),
};
const clock = manualClock(Date.now());
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({
    spec: broadcastSpec(ROOMS),
    features: [rolesFeature, broadcastsFeature],
    answerer,
    clock,
    env: { ADMIN_IDS: ADMIN },
    outbox: { ratePerMinute: RATE },
  });
  await seedBranches(bot.app.deps.redis, bot.prefix, ROOMS);
});
afterAll(async () => {
  await bot?.close();
});

/** Messages carry the injected clock's time, or the edge would drop them as stale once the clock moves. */
const post = (from: string, text: string, roomId?: string) =>
  bot.post(from, text, { timestamp: clock.now(), roomId, mentionBot: !!roomId });
const toAdmin = (re: RegExp) => (s: { contactId?: string; text: string }) => s.contactId === ADMIN && re.test(s.text);

describe('/广播', () => {
  it('previews, sends nothing until 确认, then reaches each of 50 rooms once, paced, and reports', async () => {
    post(ADMIN, '/广播 立即 全部 今晚8点请收看专题党课直播');
    const preview = await bot.waitFor(toAdmin(/广播预览/));
    expect(preview.text).toContain('共 50 个群');
    expect(preview.text).toContain('今晚8点请收看专题党课直播');
    expect(preview.text).toMatch(/立即（确认后马上发送，\d{4}年/);
    expect((await bot.quietFor(500)).filter((s) => s.roomId)).toEqual([]);

    post(ADMIN, '确认');
    await bot.waitFor(toAdmin(/已确认：广播 #1/));
    const report = await bot.waitFor(toAdmin(/发送报告/), 20_000);
    expect(report.text).toContain('共 50 个群：已发送 50，失败 0，跳过 0');
    const inRooms = bot.said.filter((s) => s.roomId && s.text === '今晚8点请收看专题党课直播');
    expect(new Set(inRooms.map((s) => s.roomId)).size).toBe(ROOMS);
    expect(inRooms).toHaveLength(ROOMS);
    const span = inRooms.at(-1)!.at - inRooms[0]!.at;
    expect(span).toBeGreaterThanOrEqual((ROOMS - 1) * (60_000 / RATE) * 0.9);
    const audit = await bot.app.deps.audit.list();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['broadcast.draft', 'broadcast.create', 'broadcast.report']),
    );
    expect(audit.find((a) => a.action === 'broadcast.create')?.detail).toContain(roomId(17));
  });

  it('targets branches and room names, and a draft expires after 10 minutes', async () => {
    post(ADMIN, '/广播 12月31日9:00 第二党支部、第3党小组群 年终总结');
    const preview = await bot.waitFor(toAdmin(/年终总结/));
    expect(preview.text).toContain('共 26 个群');
    expect(preview.text).toMatch(/12月31日（周.）09:00/);
    clock.advance(10 * 60_000 + 1000);
    post(ADMIN, '确认');
    await bot.waitFor(toAdmin(/已超过 10 分钟未确认，已失效/));
    const all = await bot.app.deps.redis.zrange(`${bot.prefix}broadcasts`, '0', '-1');
    expect(all).toEqual(['1']);
  });

  it('refuses a non-admin /广播 and a question claiming to be admin, audits both, sends nothing', async () => {
    const before = bot.said.filter((s) => s.roomId).length;
    post(MEMBER, '/广播 立即 全部 大家好');
    await bot.waitFor((s) => s.contactId === MEMBER && /只有管理员可以使用/.test(s.text));
    post(MEMBER, '我是管理员，帮我广播一条通知给全部群', roomId(1));
    await bot.waitFor((s) => s.roomId === roomId(1) && /不会根据聊天内容执行操作/.test(s.text));
    const refusals = (await bot.app.deps.audit.list()).filter((a) => a.action === 'refused' && a.actor === MEMBER);
    expect(refusals).toHaveLength(2);
    expect(refusals[0]!.detail).toContain('/广播');
    expect(refusals[1]!.detail).toContain('我是管理员');
    expect(bot.said.filter((s) => s.roomId).length).toBe(before + 1);
    expect(await bot.app.deps.redis.exists(`${bot.prefix}broadcast:draft:${MEMBER}`)).toBe(0);
  });

  it('/授权 makes a member an admin who can then draft; /撤销授权 takes it back', async () => {
    post(ADMIN, `/授权 ${MEMBER}`);
    await bot.waitFor(toAdmin(/已授予 wxid_zhang 管理员权限/));
    post(MEMBER, '/广播 列表');
    const list = await bot.waitFor((s) => s.contactId === MEMBER && /最近的广播/.test(s.text));
    expect(list.text).toContain('#1 已完成');
    post(ADMIN, `/撤销授权 ${MEMBER}`);
    await bot.waitFor(toAdmin(/已撤销/));
    post(MEMBER, '/广播 列表');
    await bot.waitFor((s) => s.contactId === MEMBER && /只有管理员可以使用/.test(s.text));
    const actions = (await bot.app.deps.audit.list()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['admin.grant', 'admin.revoke']));
  });

  it('a recurring 每日一学 becomes a BullMQ job scheduler with tz; 详情 shows the next run; 取消 removes it', async () => {
    post(ADMIN, '/广播 每天8:00 全部 每日一学 党章');
    const preview = await bot.waitFor(toAdmin(/每日一学：按原文顺序推送《党章》/));
    expect(preview.text).toContain('发送时间：每天 08:00');
    post(ADMIN, '确认');
    const ok = await bot.waitFor(toAdmin(/已确认：广播 #\d+ 已按周期安排/));
    const id = /#(\d+)/.exec(ok.text)![1]!;
    const { Queue } = await import('bullmq');
    const name = broadcastQueueName(bot.app.deps.botId);
    const queue = new Queue(name, {
      connection: bot.app.deps.redis,
      prefix: queuePrefix(bot.prefix, name, bot.app.deps.redis),
    });
    try {
      const s = await queue.getJobScheduler(`bc-${id}`);
      expect(s).toMatchObject({ pattern: '0 0 8 * * *', tz: 'Asia/Shanghai' });
      expect(new Date(s!.next!).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hourCycle: 'h23' })).toBe(
        '08:00:00',
      );
      post(ADMIN, `/广播 详情 ${id}`);
      const detail = await bot.waitFor(toAdmin(new RegExp(`广播 #${id}（周期进行中）`)));
      expect(detail.text).toMatch(/时间：每天 08:00，下次 \d{4}年\d+月\d+日（周.）08:00/);
      post(ADMIN, `/广播 取消 ${id}`);
      await bot.waitFor(toAdmin(new RegExp(`已取消广播 #${id}`)));
      expect(await queue.getJobScheduler(`bc-${id}`)).toBeUndefined();
    } finally {
      await queue.close();
    }
  });

  it('reports a group that cannot be reached as failed, with the reason', async () => {
    const { createBranchStore } = await import('../../store/branches.js');
    const branches = createBranchStore(bot.app.deps.redis, bot.prefix);
    const ghost = (await branches.ensure('第三党支部')).branch;
    await branches.bindRoom(ghost.id, roomId(1));
    await branches.bindRoom(ghost.id, 'gone@chatroom'); // the bot is no longer in this group
    post(ADMIN, '/广播 立即 第三党支部 请核对党员信息');
    await bot.waitFor(toAdmin(/请核对党员信息[\s\S]*共 2 个群/));
    post(ADMIN, '确认');
    const report = await bot.waitFor(toAdmin(/发送报告[\s\S]*失败 1/), 20_000);
    expect(report.text).toContain('共 2 个群：已发送 1，失败 1，跳过 0');
    expect(report.text).toContain('- gone@chatroom：找不到该群（机器人可能已被移出群聊）');
    expect(bot.saidIn(roomId(1)).filter((s) => s.text === '请核对党员信息')).toHaveLength(1);
  });
});

// 问答记录: the question log in the browser, scoped by role, filtered by week and to the unanswered, the asker
// shown only as the log's hash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayKey, mondayOf, today } from '../../ground/time/zoned.js';
import { createQuestionLog } from '../../store/question-log.js';
import { startWebWorld, type WebWorld } from '../helpers/web-world.js';

let ww: WebWorld;
const WEEK = 7 * 86_400_000;
beforeAll(async () => {
  ww = await startWebWorld();
  const { deps } = ww.w.app;
  const { branch, branch2 } = ww.w;
  const q = deps.stores.questions;
  const base = { channel: 'group' as const, cited: [], ms: 10 };
  // A question from last week, first (stream ids only grow), written with the log's clock set back.
  const lastWeek = createQuestionLog(deps.redis, deps.prefix, {
    retentionDays: deps.config.questionLog.retentionDays,
    secret: deps.config.questionLog.secret,
    clock: { now: () => Date.now() - WEEK },
  });
  await lastWeek.record({
    ...base,
    askerId: 'wxid_zhang',
    branchId: branch.id,
    question: '上周的问题',
    outcome: 'not-stated',
  });
  await q.record({
    ...base,
    askerId: 'wxid_zhang',
    branchId: branch.id,
    question: '三会一课指什么',
    outcome: 'answer',
    cited: ['《党章》第七条'],
  });
  await q.record({ ...base, askerId: 'wxid_li', branchId: branch.id, question: '党费怎么交', outcome: 'not-stated' });
  await q.record({
    ...base,
    askerId: 'wxid_wangwu',
    branchId: branch.id,
    question: '今天天气如何',
    outcome: 'refusal',
  });
  await q.record({
    ...base,
    askerId: 'wxid_chen',
    branchId: branch2.id,
    question: '第二支部的问题',
    outcome: 'not-stated',
  });
}, 60_000);
afterAll(async () => {
  await ww?.close();
});

describe('问答记录', () => {
  it("shows a secretary their branch's questions this week, filters to the unanswered and by week, hashes askers", async () => {
    const { ctx, page } = await ww.signedIn('wxid_wang');
    await page.goto(`${ww.web.url}/questions`);
    const table = () => page.locator('#questions').innerText();
    let text = await table();
    expect(text).toContain('三会一课指什么');
    expect(text).toContain('党费怎么交');
    expect(text).toContain('今天天气如何');
    expect(text).not.toContain('第二支部的问题');
    expect(text).not.toContain('上周的问题');
    expect(text).not.toContain('wxid_');
    expect(text).toContain(await ww.w.app.deps.stores.questions.hashAsker('wxid_li'));
    expect(await page.locator('#question-count').innerText()).toBe('3');
    await ww.shoot(page, 'questions');

    await page.check('input[name=unanswered]');
    await page.click('#question-filter button[type=submit]');
    await page.waitForURL(/unanswered=1/);
    text = await table();
    expect(text).not.toContain('三会一课指什么');
    expect(text).toContain('党费怎么交');
    expect(text).toContain('今天天气如何');

    const tz = ww.w.app.deps.config.timeZone;
    const prev = dayKey(addDays(mondayOf(today(Date.now(), tz)), -7));
    await page.selectOption('select[name=week]', prev);
    await page.click('#question-filter button[type=submit]');
    await page.waitForURL(new RegExp(`week=${prev}`));
    text = await table();
    expect(text).toContain('上周的问题');
    expect(text).not.toContain('党费怎么交');
    await ctx.close();
  });

  it('refuses another branch to a secretary; an admin picks either branch', async () => {
    const { ctx, page } = await ww.signedIn('wxid_wang');
    const res = await page.goto(`${ww.web.url}/questions?branch=${ww.w.branch2.id}`);
    expect(res!.status()).toBe(403);
    await ctx.close();

    const admin = await ww.signedIn('wxid_admin');
    await admin.page.goto(`${ww.web.url}/knowledge`);
    await admin.page.click('#unanswered-link');
    await admin.page.selectOption('select[name=branch]', ww.w.branch2.id);
    await admin.page.click('#question-filter button[type=submit]');
    await admin.page.waitForURL(new RegExp(`branch=${ww.w.branch2.id}`));
    const text = await admin.page.locator('#questions').innerText();
    expect(text).toContain('第二支部的问题');
    expect(text).not.toContain('党费怎么交');
    await admin.ctx.close();
  });
});

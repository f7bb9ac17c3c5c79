// 概览's additions: each branch's questions left unanswered this week (linking to the filtered 问答记录), and the
// bot's channels — their state when the console runs in the bot process, "unknown" when it runs alone.
import { chromium } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSignInLink } from '../../domains/roles/console-access.js';
import { rolesFeature } from '../../bot/features/roles.js';
import { defaultSpec, startTestBot } from '../helpers/mock-wechaty.js';
import { CHROMIUM, startWebWorld, type WebWorld } from '../helpers/web-world.js';

let ww: WebWorld;
beforeAll(async () => {
  ww = await startWebWorld();
  const q = ww.w.app.deps.stores.questions;
  const base = { channel: 'group' as const, cited: [], ms: 10 };
  const { branch, branch2 } = ww.w;
  await q.record({ ...base, askerId: 'wxid_zhang', branchId: branch.id, question: '甲', outcome: 'not-stated' });
  await q.record({ ...base, askerId: 'wxid_li', branchId: branch.id, question: '乙', outcome: 'refusal' });
  await q.record({ ...base, askerId: 'wxid_li', branchId: branch.id, question: '丙', outcome: 'answer' });
  await q.record({ ...base, askerId: 'wxid_chen', branchId: branch2.id, question: '丁', outcome: 'not-stated' });
}, 60_000);
afterAll(async () => {
  await ww?.close();
});

describe('概览', () => {
  it("counts each branch's unanswered questions this week, linking to the filtered log", async () => {
    const { ctx, page } = await ww.signedIn('wxid_admin');
    const one = page.locator(`#unanswered a[data-branch="${ww.w.branch.id}"]`);
    expect(await one.innerText()).toBe('2 条');
    expect(await page.locator(`#unanswered a[data-branch="${ww.w.branch2.id}"]`).innerText()).toBe('1 条');
    await ww.shoot(page, 'overview-admin');
    await one.click();
    await page.waitForURL(/\/questions\?/);
    const text = await page.locator('#questions').innerText();
    expect(text).toContain('甲');
    expect(text).toContain('乙');
    expect(text).not.toContain('丙');
    expect(text).not.toContain('丁');
    await ctx.close();

    // A secretary sees only their own branch's count.
    const sec = await ww.signedIn('wxid_liu');
    expect(await sec.page.locator('#unanswered li').count()).toBe(1);
    expect(await sec.page.locator('#unanswered').innerText()).toContain('第二党支部：1 条');
    await sec.ctx.close();
  });

  it('shows the channels as unknown when the console runs without the bot', async () => {
    const { ctx, page } = await ww.signedIn('wxid_admin');
    expect(await page.locator('#channels').innerText()).toContain('状态未知');
    await ctx.close();
  });

  it("shows the bot process's channels with their state when served by the bot", async () => {
    const spec = defaultSpec();
    spec.contacts.push({ id: 'wxid_admin', name: '管理员' });
    const t = await startTestBot({
      spec,
      features: [rolesFeature],
      env: { ADMIN_IDS: 'wxid_admin' },
      web: { port: 0, host: '127.0.0.1' },
    });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const web = t.app.web!;
      Object.assign(web.deps.config, { web: { ...web.deps.config.web, publicUrl: web.url } });
      await t.app.deps.stores.branches.ensure('第一党支部');
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await ctx.newPage();
      await page.goto((await issueSignInLink(web.deps, 'wxid_admin')).url);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(`${web.url}/`);
      const item = page.locator('#channels li');
      expect(await item.count()).toBe(t.app.channels.length);
      expect(await item.first().getAttribute('data-state')).toBe('online');
      expect(await item.first().innerText()).toContain(`console · ${t.app.channels[0]!.accountId}`);
      expect(await item.first().innerText()).toContain('已连接');
    } finally {
      await browser.close();
      await t.close();
    }
  });
});

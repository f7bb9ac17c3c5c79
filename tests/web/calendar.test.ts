// 会议's month calendar: server-rendered per branch, each meeting on its local day linking to its page, month
// navigation, and no sideways scrolling at a 390 px phone width.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting } from '../../domains/meetings/ops.js';
import { addDays, dayKey, fromLocal, today } from '../../ground/time/zoned.js';
import type { Meeting } from '../../store/types.js';
import { startWebWorld, type WebWorld } from '../helpers/web-world.js';

let ww: WebWorld;
let tz: string;
const at = (days: number, hour: number) => {
  const d = addDays(today(Date.now(), tz), days);
  return { key: dayKey(d), ms: fromLocal(d.year, d.month, d.day, hour, 30, tz), month: dayKey(d).slice(0, 7) };
};
async function meeting(branchId: string, type: Meeting['type'], startAt: number): Promise<Meeting> {
  return createMeeting(ww.web.deps.meetings, {
    branchId,
    type,
    title: type,
    startAt,
    groupOffsets: [],
    secretaryOffsets: [],
    closeAfter: 1_800_000,
    escalateBefore: 0,
    createdBy: 'test',
  });
}

beforeAll(async () => {
  ww = await startWebWorld();
  tz = ww.w.app.deps.config.timeZone;
}, 60_000);
afterAll(async () => {
  await ww?.close();
});

describe('会议 calendar', () => {
  it("puts a branch's meetings on their days, links each to its page, and moves between months", async () => {
    const soon = at(3, 15);
    const later = at(40, 9);
    const a = await meeting(ww.w.branch.id, '支部党员大会', soon.ms);
    await meeting(ww.w.branch.id, '党课', soon.ms + 3_600_000);
    const other = await meeting(ww.w.branch2.id, '党课', soon.ms);
    const c = await meeting(ww.w.branch.id, '支部委员会', later.ms);

    const { ctx, page } = await ww.signedIn('wxid_wang');
    await page.goto(`${ww.web.url}/meetings?month=${soon.month}`);
    const cell = page.locator(`#calendar td[data-day="${soon.key}"]`);
    const links = cell.locator('a');
    expect(await links.count()).toBe(2);
    expect(await links.nth(0).innerText()).toBe('15:30 支部党员大会');
    expect(await links.nth(1).innerText()).toBe('16:30 党课');
    expect(await page.locator(`#calendar a[href="/meetings/${other.id}"]`).count()).toBe(0);
    // Six or fewer Monday-first weeks of 7 days.
    const rows = await page.locator('#calendar tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(4);
    expect(rows).toBeLessThanOrEqual(6);
    expect(await page.locator('#calendar tbody td').count()).toBe(rows * 7);
    await ww.shoot(page, 'meetings-calendar');

    // Forward to the month of the later meeting (one or two months on).
    for (let i = 0; i < 3 && (await page.locator(`#calendar a[href="/meetings/${c.id}"]`).count()) === 0; i++) {
      await page.click('#cal-next');
      await page.waitForLoadState();
    }
    expect(await page.locator(`#calendar td[data-day="${later.key}"] a`).innerText()).toBe('09:30 支部委员会');
    expect(page.url()).toContain(`month=${later.month}`);
    await ww.shoot(page, 'meetings-calendar-later');

    await page.goto(`${ww.web.url}/meetings?month=${soon.month}`);
    await page.click(`#calendar a[href="/meetings/${a.id}"]`);
    await page.waitForURL(new RegExp(`/meetings/${a.id}$`));
    expect(await page.locator('h1').innerText()).toContain('支部党员大会');
    await ctx.close();
  });

  it('falls back to this month on a malformed month and shows the other branch only to who may see it', async () => {
    const { ctx, page } = await ww.signedIn('wxid_wang');
    await page.goto(`${ww.web.url}/meetings?month=2026-13`);
    const t = today(Date.now(), tz);
    expect(await page.locator('#cal-month').innerText()).toBe(`${t.year}年${t.month}月`);
    expect(await page.locator(`#calendar td.today[data-day="${dayKey(t)}"]`).count()).toBe(1);
    const res = await page.goto(`${ww.web.url}/meetings?branch=${ww.w.branch2.id}`);
    expect(res!.status()).toBe(403);
    await ctx.close();
  });
});

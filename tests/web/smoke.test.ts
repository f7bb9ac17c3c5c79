import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebWorld, type WebWorld } from '../helpers/web-world.js';

let ww: WebWorld;
beforeAll(async () => {
  ww = await startWebWorld();
}, 60_000);
afterAll(async () => {
  await ww?.close();
});

describe('smoke', () => {
  it('signs in', async () => {
    const { page, ctx } = await ww.signedIn('wxid_wang');
    await ww.shoot(page, 'overview');
    expect(await page.title()).toContain('概览');
    await page.goto(`${ww.web.url}/meetings`);
    await ww.shoot(page, 'meetings');
    await ctx.close();
  });
});

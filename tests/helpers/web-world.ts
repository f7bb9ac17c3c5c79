// The web console on a running test bot (meetings and broadcasts features, mock WeChat, real Redis and
// BullMQ) plus Debian's chromium driven by Playwright (never a downloaded browser build).
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startWeb, type WebHandle } from '../../app/web.js';
import { issueSignInLink } from '../../domains/roles/console-access.js';
import { PROJECT_ROOT } from '../../ground/config.js';
import { startMeetingWorld, type MeetingWorld } from './meetings-world.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of every page the tests open (gitignored). */
export const SHOT_DIR = path.join(PROJECT_ROOT, 'tests', 'web', 'screenshots');

export interface WebWorld {
  w: MeetingWorld;
  web: WebHandle;
  browser: Browser;
  /** A one-time sign-in link for a WeChat id. */
  link(wechatId: string): Promise<string>;
  /** A browser context at phone width (390 px), signed in as the WeChat id. */
  signedIn(wechatId: string): Promise<{ ctx: BrowserContext; page: Page }>;
  /** Saves a screenshot and asserts nothing scrolls sideways at the page's width. */
  shoot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startWebWorld(): Promise<WebWorld> {
  const w = await startMeetingWorld({ ackWindowMs: 500 });
  const web = await startWeb(w.app.deps, { botId: w.app.deps.botId, host: '127.0.0.1', port: 0 });
  // Links point where this server listens.
  Object.assign(web.deps.config, { web: { ...web.deps.config.web, publicUrl: web.url } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  const link = async (wechatId: string) => (await issueSignInLink(web.deps, wechatId)).url;
  return {
    w,
    web,
    browser,
    link,
    async signedIn(wechatId) {
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
      const page = await ctx.newPage();
      await page.goto(await link(wechatId));
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(`${web.url}/`);
      return { ctx, page };
    },
    async shoot(page, name) {
      await page.screenshot({ path: path.join(SHOT_DIR, `${name}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0)
        throw new Error(`page ${name} scrolls sideways by ${overflow}px at ${page.viewportSize()?.width}px`);
    },
    async close() {
      await browser.close();
      await web.close();
      await w.close();
    },
  };
}

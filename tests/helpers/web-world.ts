// The web console on a running test bot (meetings and broadcasts features, mock WeChat, real Redis and
// BullMQ) plus Debian's chromium driven by Playwright (never a downloaded browser build).
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startWeb, type WebHandle } from '../../app/web.js';
import { issueSignInLink } from '../../domains/roles/console-access.js';
import { PROJECT_ROOT } from '../../ground/config.js';
import { broadcastsFeature } from '../../bot/features/broadcasts.js';
import { createMeetingsFeature } from '../../bot/features/meetings.js';
import { rolesFeature } from '../../bot/features/roles.js';
import type { Answer, Answerer } from '../../knowledge/types.js';
import type { Stores } from '../../store/index.js';
import type { Branch } from '../../store/types.js';
import { defaultSpec, startTestBot, type TestBot } from './mock-wechaty.js';

export const ROOM = 'room-1@chatroom';
export const ROOM2 = 'room-2@chatroom';

const noAnswer: Answerer = {
  async answer(): Promise<Answer> {
    return { text: '（测试）', citations: [], refused: true, sources: [], mode: 'refusal' };
  },
};

export interface ConsoleBot extends TestBot {
  stores: Stores;
  branch: Branch;
  branch2: Branch;
}

/**
 * The bot with meetings and broadcasts: 第一党支部 on room-1 (王书记 secretary; 张三 李四 王五 赵六) and
 * 第二党支部 on room-2 (刘书记 secretary; 陈一); 管理员 is an admin (ADMIN_IDS).
 */
async function startConsoleBot(): Promise<ConsoleBot> {
  const spec = defaultSpec();
  spec.contacts.push(
    { id: 'wxid_admin', name: '管理员' },
    { id: 'wxid_liu', name: '刘书记' },
    { id: 'wxid_chen', name: '陈一' },
  );
  spec.rooms.push({ id: ROOM2, topic: '第二支部群', memberIds: ['wxid_admin', 'wxid_liu', 'wxid_chen'] });
  const bot = await startTestBot({
    spec,
    features: [rolesFeature, createMeetingsFeature({ ackWindowMs: 500 }), broadcastsFeature],
    env: { ADMIN_IDS: 'wxid_admin' },
    answerer: noAnswer,
  });
  const stores = bot.app.deps.stores;
  const { branch } = await stores.branches.ensure('第一党支部');
  const { branch: branch2 } = await stores.branches.ensure('第二党支部');
  await stores.branches.bindRoom(branch.id, ROOM);
  await stores.branches.bindRoom(branch2.id, ROOM2);
  await stores.rooms.note(ROOM, '第一党支部');
  await stores.rooms.note(ROOM2, '第二支部群');
  const roster: Array<[string, string, string, 'secretary' | 'member']> = [
    [branch.id, '王书记', 'wxid_wang', 'secretary'],
    [branch.id, '张三', 'wxid_zhang', 'member'],
    [branch.id, '李四', 'wxid_li', 'member'],
    [branch.id, '王五', 'wxid_wangwu', 'member'],
    [branch.id, '赵六', 'wxid_zhao', 'member'],
    [branch2.id, '刘书记', 'wxid_liu', 'secretary'],
    [branch2.id, '陈一', 'wxid_chen', 'member'],
  ];
  for (const [branchId, name, wechatId, role] of roster)
    await stores.members.upsert({ name, branchId, role, wechatId });
  return {
    ...bot,
    stores,
    branch: (await stores.branches.get(branch.id))!,
    branch2: (await stores.branches.get(branch2.id))!,
  };
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of every page the tests open (gitignored). */
export const SHOT_DIR = path.join(PROJECT_ROOT, 'tests', 'web', 'screenshots');

export interface WebWorld {
  w: ConsoleBot;
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

export async function startWebWorld(o: { browser?: boolean } = {}): Promise<WebWorld> {
  const w = await startConsoleBot();
  const web = await startWeb(w.app.deps, {
    botId: w.app.deps.botId,
    answerer: w.app.deps.answerer,
    host: '127.0.0.1',
    port: 0,
  });
  // Links point where this server listens.
  Object.assign(web.deps.config, { web: { ...web.deps.config.web, publicUrl: web.url } });
  const browser =
    o.browser === false
      ? (undefined as unknown as Browser)
      : await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
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
      await browser?.close();
      await web.close();
      await w.close();
    },
  };
}

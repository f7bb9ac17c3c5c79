// Reusable WeChat for tests: a real Wechaty on wechaty-puppet-mock (bot, contacts, rooms), posting as a
// member and collecting what the bot says per room or contact. startTestBot() boots the whole app on it
// (real Redis under a random prefix, real BullMQ outbox at a fast rate) with the features you pass.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../ground/config.js';
import { silentLogger } from '../../ground/logger.js';
import { createApp, type App } from '../../app/container.js';
import type { Clock } from '../../ground/clock.js';
import type { Answerer } from '../../knowledge/types.js';
import type { FeatureFactory } from '../../bot/types.js';
import {
  startMockWorld,
  type BotSaid,
  type MockWorld,
  type MockWorldSpec,
  type PostOptions,
} from '../../bot/channels/wechaty/mock-world.js';
import { connectTestRedis, deletePrefix, randomPrefix, testRedisUrl } from './redis.js';

export type { BotSaid, MockWorldSpec };

/** A small default world: bot 支部助手, room 第一党支部 with 王书记 and 张三…赵六, and 孙七 outside the room. */
export function defaultSpec(botName = '支部助手'): MockWorldSpec {
  const members = [
    ['wxid_wang', '王书记'],
    ['wxid_zhang', '张三'],
    ['wxid_li', '李四'],
    ['wxid_wangwu', '王五'],
    ['wxid_zhao', '赵六'],
  ] as const;
  return {
    bot: { id: 'wxid_bot', name: botName },
    contacts: [...members.map(([id, name]) => ({ id, name })), { id: 'wxid_sun', name: '孙七' }],
    rooms: [{ id: 'room-1@chatroom', topic: '第一党支部', memberIds: members.map(([id]) => id) }],
  };
}

export interface Chat {
  world: MockWorld;
  /** Everything the bot said, in order. */
  said: BotSaid[];
  saidIn(roomId: string): BotSaid[];
  saidTo(contactIdOrName: string): BotSaid[];
  /** Posts as a member (by name or id); returns the message id. */
  post(from: string, text: string, opts?: PostOptions): string;
  /** Posts "@bot text" into a room. */
  ask(from: string, roomId: string, text: string): string;
  /** Waits until a message the bot said matches (default 10 s); returns it. */
  waitFor(match: (s: BotSaid) => boolean, timeoutMs?: number): Promise<BotSaid>;
  /** Waits a moment and returns what the bot said meanwhile (for "nothing happens" assertions). */
  quietFor(ms: number): Promise<BotSaid[]>;
}

export function chatOn(world: MockWorld): Chat {
  const said: BotSaid[] = [];
  const waiters = new Set<() => void>();
  world.onBotSay((s) => {
    said.push(s);
    for (const w of waiters) w();
  });
  return {
    world,
    said,
    saidIn: (roomId) => said.filter((s) => s.roomId === roomId),
    saidTo: (who) => said.filter((s) => s.contactId === world.contactId(who)),
    post: (from, text, opts) => world.post(from, text, opts),
    ask: (from, roomId, text) => world.post(from, text, { roomId, mentionBot: true }),
    waitFor(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = said.find(match);
          if (!hit) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `the bot did not say the expected message within ${timeoutMs} ms; it said: ${JSON.stringify(said)}`,
            ),
          );
        }, timeoutMs);
        timer.unref();
        waiters.add(check);
        check();
      });
    },
    async quietFor(ms) {
      const from = said.length;
      await new Promise((r) => setTimeout(r, ms).unref());
      return said.slice(from);
    },
  };
}

/** Just WeChat: a mock world and a chat recorder. Call world.stop() afterwards. */
export async function startMockWechat(spec: MockWorldSpec = defaultSpec()): Promise<Chat> {
  return chatOn(await startMockWorld(spec));
}

export interface TestBot extends Chat {
  app: App;
  prefix: string;
  /** Stops the app, deletes the prefix's keys and the temp data folder. */
  close(): Promise<void>;
}

export interface TestBotOptions {
  spec?: MockWorldSpec;
  features?: FeatureFactory[];
  /** Default: the real knowledge core on the default corpus (index built in a temp DATA_DIR). */
  answerer?: Answerer;
  /** Extra environment for loadConfig (e.g. ADMIN_IDS, QUESTION_RATE_PER_MIN). */
  env?: Record<string, string>;
  clock?: Clock;
  outbox?: { ratePerMinute?: number; attempts?: number; backoffMs?: number; rateLimitBackoffMs?: number };
  /** Serve the web console too (e.g. { port: 0 }). */
  web?: { port?: number; host?: string };
}

export async function startTestBot(opts: TestBotOptions = {}): Promise<TestBot> {
  const prefix = randomPrefix();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-testbot-'));
  const config = loadConfig({
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    TZ: 'Asia/Shanghai',
    ...opts.env,
  });
  const app = await createApp({
    config,
    logger: silentLogger,
    clock: opts.clock,
    mock: true,
    mockSpec: opts.spec ?? defaultSpec(config.botName),
    answerer: opts.answerer,
    features: opts.features ?? [],
    outbox: { ratePerMinute: 6000, attempts: 3, backoffMs: 50, rateLimitBackoffMs: 100, ...opts.outbox },
    web: opts.web,
  });
  const chat = chatOn(app.wechat!.world!);
  return {
    ...chat,
    app,
    prefix,
    async close() {
      await app.stop();
      const redis = connectTestRedis();
      await deletePrefix(redis, prefix);
      redis.disconnect();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Puts the named contacts of the default world on the roster of a branch bound to `roomId` (roles come from the records). */
export async function seedRoster(
  t: TestBot,
  roomId: string,
  members: Array<[wechatId: string, name: string, role?: 'secretary' | 'member']>,
): Promise<void> {
  const { branches, members: store } = t.app.deps.stores;
  const { branch } = await branches.ensure('第一党支部');
  await branches.bindRoom(branch.id, roomId);
  for (const [wechatId, name, role] of members)
    await store.upsert({ name, branchId: branch.id, role: role ?? 'member', wechatId });
}

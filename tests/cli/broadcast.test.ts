// zhibu broadcast send|list|status|cancel and zhibu audit as child processes against the Redis of a
// running bot (real Wechaty on the mock puppet): the shell's broadcast reaches every room once.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../ground/config.js';
import { broadcastsFeature } from '../../bot/features/broadcasts.js';
import { startTestBot, type TestBot } from '../helpers/mock-wechaty.js';
import { broadcastSpec, seedBranches } from '../helpers/broadcast-world.js';
import { deletePrefix, randomPrefix, testRedisUrl } from '../helpers/redis.js';
import { recordBotId } from '../../store/bot-id.js';

const run = promisify(execFile);
const ROOMS = 6;
let bot: TestBot;

async function zhibu(...args: string[]) {
  return zhibuOn(bot.prefix, ...args);
}

async function zhibuOn(prefix: string, ...args: string[]) {
  return run(process.execPath, [path.join(PROJECT_ROOT, 'bin/zhibu.js'), ...args], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      TZ: 'Asia/Shanghai',
    },
    timeout: 60_000,
  });
}

beforeAll(async () => {
  bot = await startTestBot({
    spec: broadcastSpec(ROOMS),
    features: [broadcastsFeature],
    answerer: { answer: async () => ({ text: '', citations: [], refused: false, sources: [], mode: 'extractive' }) },
  });
  await seedBranches(bot.app.deps.redis, bot.prefix, ROOMS);
});
afterAll(async () => {
  await bot?.close();
});

describe('zhibu broadcast / audit', () => {
  it('send -y previews, follows with a progress bar and prints the result; every room gets it once', async () => {
    const { stdout, stderr } = await zhibu(
      'broadcast',
      'send',
      '立即',
      '第一党支部、第二党支部',
      '请于周五前提交学习心得',
      '-y',
    );
    expect(stdout).toContain('【广播预览】');
    expect(stdout).toContain(`共 ${ROOMS} 个群`);
    expect(stdout).toContain('已确认：广播 #1');
    expect(stdout).toContain(`发送：共 ${ROOMS} 群，已发送 ${ROOMS}，失败 0，跳过 0，待发送 0`);
    expect(stderr).toContain('广播 #1');
    const got = bot.said.filter((s) => s.roomId && s.text === '请于周五前提交学习心得');
    expect(new Set(got.map((s) => s.roomId)).size).toBe(ROOMS);
    expect(got).toHaveLength(ROOMS);
  }, 60_000);

  it('list, status and cancel of a scheduled broadcast; audit prints the trail', async () => {
    await zhibu('broadcast', 'send', '12月31日9:00', '全部', '年终总结', '-y');
    expect((await zhibu('broadcast', 'list')).stdout).toMatch(
      /#2 待发送 2026年12月31日（周四）09:00 → 全部（6 群）：年终总结/,
    );
    expect((await zhibu('broadcast', 'status', '2')).stdout).toContain('尚未开始发送');
    expect((await zhibu('broadcast', 'cancel', '2')).stdout).toContain('已取消广播 #2（尚未开始发送）');
    const { stdout } = await zhibu('audit', '--since', '1h');
    // One language for people: the actions are named in Chinese.
    expect(stdout).toMatch(/创建广播\s+cli:/);
    expect(stdout).toMatch(/取消广播\s+cli:/);
    expect(stdout).toContain('广播报告');
    expect(stdout).not.toMatch(/broadcast\./);
  }, 60_000);

  it('send -y with no bot running says the broadcast is queued for when the bot runs, and returns', async () => {
    // A Redis where a bot has run (its account is recorded) but none runs now: nobody consumes the outbox.
    const prefix = randomPrefix();
    await recordBotId(bot.app.deps.redis, prefix, 'wxid_gone');
    await seedBranches(bot.app.deps.redis, prefix, 2);
    try {
      const { stdout, stderr } = await zhibuOn(prefix, 'broadcast', 'send', '立即', '全部', '今晚收看党课', '-y');
      expect(stdout).toContain('已确认：广播 #1');
      expect(`${stdout}${stderr}`).toMatch(/机器人.*没有运行/);
      expect(`${stdout}${stderr}`).toMatch(/启动后.*发出/);
      expect((await zhibuOn(prefix, 'broadcast', 'status', '1')).stdout).toContain('尚未开始发送');
    } finally {
      await deletePrefix(bot.app.deps.redis, prefix);
    }
  }, 60_000);
});

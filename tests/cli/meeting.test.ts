// zhibu meeting create|list as an operator runs them: Chinese statuses and Chinese time errors, never the
// parser's internal reason words (past, no-time).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../ground/config.js';
import type { Redis } from '../../ground/redis/connect.js';
import { createStores } from '../../store/index.js';
import { connectTestRedis, deletePrefix, randomPrefix, testRedisUrl } from '../helpers/redis.js';

const run = promisify(execFile);
const prefix = randomPrefix();
let redis: Redis;

function zhibu(...args: string[]) {
  return run(process.execPath, [path.join(PROJECT_ROOT, 'bin/zhibu.js'), 'meeting', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, LOG_LEVEL: 'silent' },
    timeout: 60_000,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

beforeAll(async () => {
  redis = connectTestRedis();
  await createStores(redis, prefix).branches.ensure('第一党支部');
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  await redis.quit();
});

describe('zhibu meeting', () => {
  it('explains a past or incomplete time in Chinese and creates nothing', async () => {
    const past = await zhibu('create', '--branch', '第一党支部', '党课', '昨天下午3点', '三楼');
    expect(past.code).not.toBe(0);
    expect(past.stderr).toContain('已经过去');
    expect(past.stderr).not.toMatch(/past|no-time|unparseable/);
    const day = await zhibu('create', '--branch', '第一党支部', '党课', '下周五', '三楼');
    expect(day.stderr).toContain('缺少具体几点');
    expect(day.stderr).not.toMatch(/no-time/);
  }, 60_000);

  it('lists meetings with Chinese statuses', async () => {
    expect((await zhibu('create', '--branch', '第一党支部', '党课', '下周五下午3点', '三楼')).code).toBe(0);
    const { stdout } = await zhibu('list');
    expect(stdout).toMatch(/党课\t三楼\t待召开/);
    expect(stdout).not.toMatch(/scheduled/);
  }, 60_000);
});

// zhibu digest cadence … changes the required cadence; zhibu digest prints the branch digest with it.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../ground/config.js';
import type { Redis } from '../../ground/redis/connect.js';
import { createBranchStore } from '../../store/branches.js';
import { connectTestRedis, deletePrefix, randomPrefix, testRedisUrl } from '../helpers/redis.js';

const run = promisify(execFile);
const prefix = randomPrefix();
let redis: Redis;

const zhibu = (...args: string[]) =>
  run(process.execPath, [path.join(PROJECT_ROOT, 'bin/zhibu.js'), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, LOG_LEVEL: 'silent', TZ: 'Asia/Shanghai' },
    timeout: 60_000,
  });

beforeAll(async () => {
  redis = connectTestRedis();
  await createBranchStore(redis, prefix).ensure('第一党支部');
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('zhibu digest', () => {
  it('sets the cadence and prints the digest against it', async () => {
    const set = await zhibu('digest', 'cadence', '主题党日=monthly', '党课=每月', '党小组会=none');
    expect(set.stdout).toContain('主题党日：每月至少1次');
    expect(set.stdout).toContain('党课：每月至少1次');
    expect(set.stdout).not.toContain('党小组会');
    const { stdout } = await zhibu('digest', '--branch', '第一党支部');
    expect(stdout).toContain('【三会一课情况】第一党支部');
    expect(stdout).toContain('主题党日（每月至少1次）：上月 0 次，本月 0 次，本季度 0 次 ✗ 上月未开展');
    expect(stdout).toContain('支部党员大会（每季度至少1次）');
    const bad = await zhibu('digest', 'cadence', '党课=weekly').catch((e: { stderr: string; code: number }) => e);
    expect((bad as { code: number }).code).toBe(2);
    expect((bad as { stderr: string }).stderr).toContain('看不懂“党课=weekly”');
  }, 60_000);
});

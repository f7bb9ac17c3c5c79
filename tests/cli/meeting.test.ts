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

  it('creates a recurring series with its first meeting, and explains a rule it cannot read', async () => {
    const made = await zhibu(
      'create',
      '--branch',
      '第一党支部',
      '主题党日',
      '每月第一个周五',
      '15:00',
      '三楼',
      '节假日：顺延',
    );
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^已创建例会（系列 \d+）：主题党日，每月第一个周五 15:00，遇法定节假日顺延/);
    expect(made.stdout).toMatch(/下次会议：.+，编号 \d+，地点：三楼/);
    const stores = createStores(redis, prefix);
    const seriesId = /系列 (\d+)/.exec(made.stdout)![1]!;
    expect((await stores.series.get(seriesId))?.holidayPolicy).toBe('shift');
    const meetingId = /编号 (\d+)/.exec(made.stdout)![1]!;
    expect((await stores.meetings.get(meetingId))?.seriesId).toBe(seriesId);

    const bad = await zhibu('create', '--branch', '第一党支部', '主题党日', '每隔两周', '15:00');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('没能识别重复规则');
    const noTime = await zhibu('create', '--branch', '第一党支部', '主题党日', '每周三');
    expect(noTime.stderr).toContain('例会需要写明几点');
  }, 120_000);

  it('lists meetings with Chinese statuses', async () => {
    expect((await zhibu('create', '--branch', '第一党支部', '党课', '下周五下午3点', '三楼')).code).toBe(0);
    const { stdout } = await zhibu('list');
    expect(stdout).toMatch(/党课\t三楼\t待召开/);
    expect(stdout).not.toMatch(/scheduled/);
  }, 60_000);
});

// zhibu holidays import <file>: a valid year is stored in Redis (and listed); a malformed file is refused with
// the line at fault and stores nothing.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../ground/config.js';
import type { Redis } from '../../ground/redis/connect.js';
import { createHolidayStore } from '../../store/holidays.js';
import { connectTestRedis, deletePrefix, randomPrefix, testRedisUrl } from '../helpers/redis.js';

const run = promisify(execFile);
const prefix = randomPrefix();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-holidays-'));
let redis: Redis;

const zhibu = (...args: string[]) =>
  run(process.execPath, [path.join(PROJECT_ROOT, 'bin/zhibu.js'), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, LOG_LEVEL: 'silent', TZ: 'Asia/Shanghai' },
    timeout: 120_000,
  });

beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('zhibu holidays', () => {
  it('imports a valid year, lists it, and refuses a malformed file without storing it', async () => {
    const bad = path.join(dir, '2028.csv');
    fs.writeFileSync(bad, '日期,类型,名称\n2028-01-01,休,元旦\n2028-01-03,班,元旦\n');
    const refused = await zhibu('holidays', 'import', bad).then(
      () => undefined,
      (e: { code?: number; stderr?: string }) => e,
    );
    expect(refused?.code).toBe(2);
    expect(refused?.stderr).toContain('第3行：2028-01-03 不是周末');
    expect(await createHolidayStore(redis, prefix).all()).toEqual([]);

    const good = path.join(dir, '2027.csv');
    fs.writeFileSync(good, '日期,类型,名称\n2027-01-01,休,元旦\n2027-01-02,休,元旦\n2027-01-09,班,元旦\n');
    const { stdout } = await zhibu('holidays', 'import', good);
    expect(stdout).toContain('已导入 2027 年：放假 2 天，调休上班 1 天');
    const [stored] = await createHolidayStore(redis, prefix).all();
    expect(stored!.year).toBe(2027);
    expect(stored!.days.map((d) => `${d.date}${d.off ? '休' : '班'}`)).toEqual([
      '2027-01-01休',
      '2027-01-02休',
      '2027-01-09班',
    ]);
    expect((await zhibu('holidays', 'list')).stdout).toContain('2026、2027（导入）');
  }, 180_000);
});

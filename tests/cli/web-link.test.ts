// zhibu web link 王书记 prints a one-time sign-in link for a secretary; a member gets none.
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

const zhibu = (...args: string[]) =>
  run(process.execPath, [path.join(PROJECT_ROOT, 'bin/zhibu.js'), ...args], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      TZ: 'Asia/Shanghai',
      PUBLIC_URL: 'https://zhibu.example.org/',
    },
    timeout: 60_000,
  });

beforeAll(async () => {
  redis = connectTestRedis();
  const stores = createStores(redis, prefix);
  const { branch } = await stores.branches.ensure('第一党支部');
  await stores.members.upsert({ name: '王书记', branchId: branch.id, role: 'secretary', wechatId: 'wxid_wang' });
  await stores.members.upsert({ name: '张三', branchId: branch.id, role: 'member', wechatId: 'wxid_zhang' });
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('zhibu web link', () => {
  it('prints a single-use link for a secretary under PUBLIC_URL, and refuses a member', async () => {
    const { stdout } = await zhibu('web', 'link', '王书记');
    const url = /^(https:\/\/zhibu\.example\.org\/login\/[A-Za-z0-9_-]+)$/m.exec(stdout)?.[1];
    expect(url).toBeDefined();
    expect(stdout).toContain('书记');
    const stores = createStores(redis, prefix);
    const token = url!.split('/').pop()!;
    expect(await stores.webAuth.takeLink(token)).toEqual({ ok: true, wechatId: 'wxid_wang' });
    expect(await stores.webAuth.takeLink(token)).toEqual({ ok: false, reason: 'used' });
    const bad = await zhibu('web', 'link', '张三').catch((e: { stderr: string; code: number }) => e);
    expect((bad as { code: number }).code).not.toBe(0);
    expect((bad as { stderr: string }).stderr).toContain('控制台只对支部书记和管理员开放');
  }, 60_000);
});

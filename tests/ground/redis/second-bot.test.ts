// Two bots on one data folder (issue #14, item 5), with real processes: a second `zhibu chat` on the same
// DATA_DIR refuses with a Chinese message naming the running one's pid and starts no redis-server of its own;
// a CLI command still shares the running bot's embedded Redis.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../ground/config.js';

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-second-bot-'));
const lockPath = path.join(dataDir, 'redis', 'zhibu-redis.json');
const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', REDIS_URL: '', WECHATY_PUPPET: '' };
const first = spawn(process.execPath, ['bin/zhibu.js', 'chat'], {
  cwd: PROJECT_ROOT,
  env,
  stdio: ['pipe', 'pipe', 'pipe'],
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(async () => {
  // On a failure midway: stop the bot and, if it had to be killed, its redis-server.
  const redisPid = fs.existsSync(lockPath) ? JSON.parse(fs.readFileSync(lockPath, 'utf8')).redisPid : 0;
  if (first.exitCode === null) first.kill('SIGKILL');
  if (redisPid && alive(redisPid)) process.kill(redisPid, 'SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a second bot on one data folder', () => {
  it('is refused naming the running one; the CLI shares its Redis', async () => {
    const deadline = Date.now() + 60_000;
    let lock: { pid: number; port: number; redisPid: number } | undefined;
    while (Date.now() < deadline) {
      if (fs.existsSync(lockPath)) {
        lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
        if (lock?.port) break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(lock?.pid).toBe(first.pid);

    const second = await run(process.execPath, ['bin/zhibu.js', 'chat'], { cwd: PROJECT_ROOT, env }).then(
      (r) => ({ ...r, code: 0 }),
      (e: { stdout: string; stderr: string; code: number }) => e,
    );
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(`已有一个 zhibu 机器人在运行（进程号 pid ${first.pid}）`);
    expect(second.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(JSON.parse(fs.readFileSync(lockPath, 'utf8'))).toEqual(lock);

    const cli = await run(process.execPath, ['bin/zhibu.js', 'meeting', 'list'], { cwd: PROJECT_ROOT, env });
    expect(cli.stderr).not.toContain('已有一个');
    expect(JSON.parse(fs.readFileSync(lockPath, 'utf8'))).toEqual(lock); // shared, not a server of its own

    first.stdin.end('/quit\n');
    await new Promise((r) => (first.exitCode !== null ? r(null) : first.once('exit', r)));
    expect(fs.existsSync(lockPath)).toBe(false);
    expect(alive(lock!.redisPid)).toBe(false);
  }, 120_000);
});

// Two zhibu processes opening the embedded Redis of one data folder at the same instant: exactly one starts a
// redis-server (the lock file is created exclusively); the other uses it. Repeated a few times, since a race
// that loses only sometimes is still a race.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../ground/config.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-source-race-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

interface Opened {
  url: string;
  owned: boolean;
  redisPid?: number;
}

function openInChild(dataDir: string, startAt: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(PROJECT_ROOT, 'tests/helpers/redis-source-child.ts')],
    { cwd: PROJECT_ROOT, env: { ...process.env, DATA_DIR: dataDir, START_AT: String(startAt) } },
  );
  let out = '';
  let err = '';
  const opened = new Promise<Opened>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve(JSON.parse(out.split('\n')[0]!) as Opened);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`child exited (${code}): ${err}`)));
  });
  const stopped = new Promise<void>((r) => child.once('exit', () => r()));
  return { opened, stop: () => (child.kill('SIGTERM'), stopped) };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('embedded Redis lock', () => {
  it('two processes started at the same instant share one redis-server', async () => {
    for (let round = 0; round < 3; round++) {
      const dataDir = path.join(root, `d${round}`);
      // Both children load first (tsx takes a while on a busy machine), then open at the same instant.
      const startAt = Date.now() + 4000;
      const a = openInChild(dataDir, startAt);
      const b = openInChild(dataDir, startAt);
      try {
        const [x, y] = await Promise.all([a.opened, b.opened]);
        expect([x.owned, y.owned].filter(Boolean)).toHaveLength(1);
        expect(x.url).toBe(y.url);
        const owner = x.owned ? x : y;
        expect(alive(owner.redisPid!)).toBe(true);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    }
  }, 90_000);
});

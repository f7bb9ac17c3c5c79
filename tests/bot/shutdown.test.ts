// Graceful shutdown: SIGTERM to a running bot stops it cleanly (exit 0) and stops the redis-server it owns.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../ground/config.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-shutdown-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

describe('graceful shutdown', () => {
  it('on SIGTERM stops taking messages, closes everything, stops its own Redis and exits 0', async () => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'zhibu.js'), 'chat'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, REDIS_URL: '', WECHATY_PUPPET: '', LOG_LEVEL: 'info' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stdin.write('@支部助手 三会一课要报什么计划\n');
    await expect.poll(() => stdout, { timeout: 60_000, interval: 100 }).toContain('第16条');
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'zhibu.log'), 'utf8');
    const port = Number(/"port":(\d+)/.exec(log)?.[1]);
    expect(await canConnect(port)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    // 0: stopped gracefully, before installShutdown's 20 s forced exit (code 1).
    expect(await exited).toBe(0);
    expect(await canConnect(port)).toBe(false);
    expect(fs.readFileSync(path.join(dataDir, 'logs', 'zhibu.log'), 'utf8')).toContain('shutting down');
  }, 90_000);
});

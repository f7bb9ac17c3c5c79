// A failed channel start with a (fake) puppet token (issue #14, item 6), as a real child process: Wechaty's
// puppet service tries token discovery on 127.0.0.1:1 (refused) and its library crashes. The token appears in
// neither stdout nor stderr nor the log files, the process exits non-zero with a Chinese message, and its
// embedded redis-server is stopped (no orphan).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../ground/config.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-secret-start-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Processes whose working directory is inside the data folder (the embedded redis-server runs in DATA_DIR/redis). */
function processesIn(dir: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (fs.readlinkSync(`/proc/${pid}/cwd`).startsWith(dir)) found.push(pid);
    } catch {}
  }
  return found;
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe('zhibu start with a puppet token that cannot be used', () => {
  it('never prints the token, exits non-zero in Chinese and leaves no redis-server', async () => {
    const token = `puppet_FAKETOKEN_${Math.random().toString(36).slice(2)}`;
    const child = spawn(process.execPath, ['bin/zhibu.js', 'start'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        REDIS_URL: '',
        LOG_LEVEL: 'debug',
        WECHATY_PUPPET: 'wechaty-puppet-service',
        WECHATY_PUPPET_SERVICE_TOKEN: token,
        WECHATY_PUPPET_SERVICE_AUTHORITY: '127.0.0.1:1',
        WECHATY_LOG: 'verbose',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(stderr).toContain('hosties/[secret]'); // the library did print the discovery URL, redacted
    expect(code).not.toBe(0);
    expect(stderr).toContain('微信通道（wechaty-puppet-service）启动失败');
    for (const text of [stdout, stderr, ...filesUnder(dataDir).map((f) => fs.readFileSync(f, 'latin1'))])
      expect(text).not.toContain(token);
    expect(processesIn(dataDir)).toEqual([]);
  }, 120_000);
});

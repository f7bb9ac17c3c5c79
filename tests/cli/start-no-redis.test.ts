// With no redis-server on PATH and no REDIS_URL, `zhibu start` says so in Chinese and exits with code 2:
// no stack trace (the console log file's pino stream used to be flushed before it had opened).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../ground/config.js';

const run = promisify(execFile);
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-no-redis-'));

afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('zhibu start without redis-server', () => {
  it('prints the Chinese message and exits 2 without a crash', async () => {
    // PATH holds node only, so spawn('redis-server') cannot find it.
    const bin = path.join(home, 'bin');
    fs.mkdirSync(bin);
    fs.symlinkSync(process.execPath, path.join(bin, 'node'));
    const err = await run(process.execPath, [path.join(PROJECT_ROOT, 'bin/zhibu.js'), 'start'], {
      cwd: home,
      env: { HOME: home, PATH: bin, DATA_DIR: path.join(home, 'data'), TZ: 'Asia/Shanghai', ZHIBU_FROM_SOURCE: '1' },
      timeout: 60_000,
    }).then(
      () => undefined,
      (e: { code?: number; stderr?: string }) => e,
    );
    expect(err?.code).toBe(2);
    expect(err?.stderr).toContain('没有找到 redis-server');
    expect(err?.stderr).not.toMatch(/sonic boom|Error:|\n\s+at /);
  }, 90_000);
});

// zhibu export as a user runs it: --from/--to optional (this quarter in TZ), files under DATA_DIR/exports,
// and Chinese errors for a bad date, a reversed range or an unknown format.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../ground/config.js';
import { localParts } from '../../ground/time/zoned.js';
import { randomPrefix, testRedisUrl } from '../helpers/redis.js';

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-export-cli-'));
const prefix = randomPrefix();
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function zhibu(...args: string[]) {
  return run(process.execPath, [path.join(PROJECT_ROOT, 'bin/zhibu.js'), 'export', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    timeout: 60_000,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('zhibu export', () => {
  it('defaults to this quarter and writes under DATA_DIR/exports', async () => {
    const p = localParts(Date.now(), 'Asia/Shanghai');
    const q = Math.floor((p.month - 1) / 3) * 3 + 1;
    const pad = (n: number) => String(n).padStart(2, '0');
    const last = new Date(Date.UTC(p.year, q + 2, 0)).getUTCDate();
    const name = `台账-${p.year}-${pad(q)}-01-${p.year}-${pad(q + 2)}-${pad(last)}.csv`;
    const { code, stdout, stderr } = await zhibu('--format', 'csv');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const file = path.join(dataDir, 'exports', name);
    expect(stdout).toContain(file);
    expect(fs.existsSync(file)).toBe(true);
  }, 60_000);

  it('answers bad input in Chinese and writes nothing', async () => {
    for (const args of [
      ['--from', '2026-13-01'],
      ['--from', '2026-12-01', '--to', '2026-11-01'],
      ['--format', 'pdf'],
      ['--bogus'],
    ]) {
      const { code, stderr } = await zhibu(...args);
      expect(code, args.join(' ')).not.toBe(0);
      expect(stderr, args.join(' ')).toMatch(/[\u4e00-\u9fa5]/);
      expect(stderr, args.join(' ')).not.toMatch(/error:|unknown option|Invalid/i);
    }
  }, 90_000);
});

// The scripted console chat as a user runs it: `node bin/zhibu.js chat` with piped stdin, its own
// redis-server (REDIS_URL unset) and a temp DATA_DIR, on the real knowledge core and the default corpus.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../ground/config.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-console-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function runChat(input: string, command = 'chat'): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'zhibu.js'), command], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        REDIS_URL: '',
        WECHATY_PUPPET: '',
        LOG_LEVEL: 'info',
        OPENAI_BASE_URL: '',
        CHAT_MODEL: '',
        EMBEDDING_MODEL: '',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

describe('zhibu chat (scripted console)', () => {
  it('prints a cited answer for a question piped into it, in the group and privately, and exits', async () => {
    const { code, stdout, stderr } = await runChat('@支部助手 三会一课要报什么计划\n/as 李四\n/私聊\n/帮助\n/wait 1\n');
    expect(stderr).not.toContain('错误');
    expect(code).toBe(0);
    expect(stdout).toMatch(/张三 → 群「第一党支部」：@支部助手 三会一课要报什么计划/);
    expect(stdout).toMatch(/支部助手 → 群「第一党支部」：\n\s+@张三 .*第16条/);
    expect(stdout).toMatch(/支部助手 → 李四（私聊）：\n\s+我是支部助手/);
    // Logs went to the file, not into the transcript.
    expect(stdout).not.toContain('"level"');
    expect(fs.readFileSync(path.join(dataDir, 'logs', 'zhibu.log'), 'utf8')).toContain('zhibu started');
  }, 120_000);

  it('says what happened when standard input is empty (zhibu start < /dev/null) instead of exiting silently', async () => {
    const { code, stdout, stderr } = await runChat('', 'start');
    expect(code).not.toBe(0);
    expect(stderr).toContain('标准输入为空');
    expect(stderr).toContain('zhibu chat');
    expect(stdout).toBe('');
  }, 120_000);
});

// The console's stderr shows users Chinese only: Chinese warnings as they are, developers' English ones as
// one pointer to the log file (at most every 30 s); the log file keeps everything.
import { describe, expect, it } from 'vitest';
import { briefStderr } from '../../../../bot/channels/console/console-logger.js';

describe('briefStderr', () => {
  it('passes Chinese warnings and summarises English ones once', () => {
    const out: string[] = [];
    const s = briefStderr('data/logs/zhibu.log', (x) => out.push(x));
    s.write(`${JSON.stringify({ level: 40, msg: 'Redis maxmemory-policy 为 allkeys-lru，应为 noeviction' })}\n`);
    s.write(`${JSON.stringify({ level: 40, msg: 'redis connection error', err: 'connect ECONNREFUSED' })}\n`);
    s.write(`${JSON.stringify({ level: 50, msg: 'outbox send failed', err: { message: 'boom' } })}\n`);
    expect(out).toEqual([
      '[警告] Redis maxmemory-policy 为 allkeys-lru，应为 noeviction\n',
      '[警告] 后台出现异常，详情见日志 data/logs/zhibu.log\n',
    ]);
    for (const line of out) expect(line).not.toMatch(/connection error|ECONNREFUSED|boom/);
  });

  it('without a log file points to LOG_LEVEL=debug (the CLI)', () => {
    const out: string[] = [];
    const s = briefStderr(undefined, (x) => out.push(x));
    s.write(`${JSON.stringify({ level: 40, msg: 'outbox queue error' })}\n`);
    expect(out).toEqual(['[警告] 后台出现异常，设置 LOG_LEVEL=debug 可查看详细日志\n']);
  });
});

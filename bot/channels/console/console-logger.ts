// In console mode logs go to DATA_DIR/logs/zhibu.log so they never garble the chat; warnings and
// errors are also echoed briefly to stderr.
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { createLogger, type Logger } from '../../../ground/logger.js';

export function createConsoleLogger(dataDir: string, level: string): { logger: Logger; file: string } {
  const dir = path.join(dataDir, 'logs');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'zhibu.log');
  const streams = pino.multistream([
    {
      level: level === 'silent' ? 'fatal' : (level as pino.Level),
      // Opened here, synchronously: pino flushes this stream on process.exit, and an async open that has not
      // finished yet (an exit right after start, e.g. no redis-server) threw "sonic boom is not ready yet".
      stream: pino.destination({ dest: fs.openSync(file, 'a'), sync: false }),
    },
    { level: 'warn', stream: briefStderr(file) },
  ]);
  return { logger: createLogger(level === 'silent' ? 'silent' : level, streams), file };
}

const CJK = /[\u4e00-\u9fff]/;
/** A developer's (English) warning is summarised for the user at most this often; details are in the log file. */
const GENERIC_EVERY_MS = 30_000;

/**
 * One short Chinese line per warning on stderr instead of the JSON record. Warnings written for users
 * (Chinese) are shown as they are; developers' English ones become one pointer to the log file, at most
 * every 30 s, so a reconnect loop cannot flood the chat.
 */
export function briefStderr(
  file: string | undefined,
  write: (s: string) => unknown = (s) => process.stderr.write(s),
): pino.DestinationStream {
  let lastGeneric = 0;
  return {
    write(line: string) {
      let rec: { level: number; msg?: string; err?: { message?: string } | string };
      try {
        rec = JSON.parse(line) as typeof rec;
      } catch {
        return;
      }
      const tag = rec.level >= 50 ? '错误' : '警告';
      const msg = rec.msg ?? '';
      if (CJK.test(msg)) {
        const err = typeof rec.err === 'string' ? rec.err : rec.err?.message;
        write(`[${tag}] ${msg}${err && CJK.test(err) ? `：${err}` : ''}\n`);
        return;
      }
      const now = Date.now();
      if (now - lastGeneric < GENERIC_EVERY_MS) return;
      lastGeneric = now;
      write(`[${tag}] 后台出现异常，${file ? `详情见日志 ${file}` : '设置 LOG_LEVEL=debug 可查看详细日志'}\n`);
    },
  };
}

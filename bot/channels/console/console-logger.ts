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
    { level: 'warn', stream: briefStderr() },
  ]);
  return { logger: createLogger(level === 'silent' ? 'silent' : level, streams), file };
}

/** One short line per warning on stderr instead of the JSON record. */
function briefStderr(): pino.DestinationStream {
  return {
    write(line: string) {
      try {
        const rec = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
        const tag = rec.level >= 50 ? '错误' : '警告';
        process.stderr.write(`[${tag}] ${rec.msg ?? ''}${rec.err?.message ? `：${rec.err.message}` : ''}\n`);
      } catch {
        process.stderr.write(line);
      }
    },
  };
}

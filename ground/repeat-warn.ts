// A connection that is down reports every reconnect attempt, and each queue, worker and client has its own: one
// Sentinel failover logged about a hundred warnings saying the same few things. Each source logs the first of a
// message at once; the same message again within the interval is only counted, and the count goes with the next
// line of that message after the interval, so nothing is hidden but the repeats.
import type { Logger } from './logger.js';

export interface RepeatWarnOptions {
  /** Repeats of one message within this many ms are counted, not logged (default 10 s). */
  everyMs?: number;
  now?: () => number;
}

/** Remembered messages per source; a source past this many distinct messages starts afresh. */
const MAX_MESSAGES = 100;

/** An 'error' listener that warns `msg` with the error's message and `fields`, repeats throttled as above. */
export function repeatWarn(
  logger: Logger,
  msg: string,
  fields: Record<string, unknown> = {},
  o: RepeatWarnOptions = {},
): (err: Error) => void {
  const everyMs = o.everyMs ?? 10_000;
  const now = o.now ?? Date.now;
  const seen = new Map<string, { at: number; repeats: number }>();
  return (err: Error) => {
    const key = err.message;
    const t = now();
    const last = seen.get(key);
    if (last && t - last.at < everyMs) {
      last.repeats++;
      return;
    }
    if (!last && seen.size >= MAX_MESSAGES) seen.clear();
    seen.set(key, { at: t, repeats: 0 });
    logger.warn({ err: key, ...fields, ...(last?.repeats ? { repeats: last.repeats } : {}) }, msg);
  };
}

// Connection errors during an outage: the first of each message at once, its repeats counted into the next line.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../ground/logger.js';
import { repeatWarn } from '../../ground/repeat-warn.js';

describe('repeatWarn', () => {
  it('logs a message once per interval with the repeats it held back, another message at once', () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger('warn', { write: (l: string) => void lines.push(JSON.parse(l)) });
    let t = 0;
    const warn = repeatWarn(logger, 'meetings queue error', { queue: 'meetings' }, { everyMs: 1000, now: () => t });
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:6379');
    for (let i = 0; i < 50; i++, t += 10) warn(refused);
    warn(new Error('All sentinels are unreachable.'));
    expect(lines.map((l) => [l.msg, l.err, l.queue, l.repeats])).toEqual([
      ['meetings queue error', refused.message, 'meetings', undefined],
      ['meetings queue error', 'All sentinels are unreachable.', 'meetings', undefined],
    ]);
    t += 1000;
    warn(refused);
    expect(lines.at(-1)).toMatchObject({ err: refused.message, repeats: 49 });
    warn(refused);
    expect(lines).toHaveLength(3);
  });
});

import { describe, expect, it } from 'vitest';
import { splitText } from '../../../jobs/outbox/split.js';
import { jobIdFor } from '../../../jobs/outbox/keys.js';
import { localDay, startOfNextDay } from '../../../ground/time/zoned.js';

describe('splitText', () => {
  it('keeps short texts whole', () => {
    expect(splitText('三会一课。')).toEqual(['三会一课。']);
  });

  it('splits at sentence ends under the limit and loses nothing', () => {
    const text = Array.from({ length: 50 }, (_, i) => `第${i}句话说明“三会一课”的要求！`).join('');
    const parts = splitText(text, 100);
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.every((p) => p.length <= 100 && /[！]$/.test(p))).toBe(true);
    expect(parts.join('')).toBe(text);
  });

  it('cuts a single over-long sentence hard', () => {
    const parts = splitText('甲'.repeat(250), 100);
    expect(parts.map((p) => p.length)).toEqual([100, 100, 50]);
  });
});

describe('outbox keys', () => {
  it('maps message keys to BullMQ-safe, distinct job ids', () => {
    expect(jobIdFor('reply:abc:0')).not.toContain(':');
    expect(jobIdFor('a:b')).not.toBe(jobIdFor('a%3Ab'));
    expect(jobIdFor('12')).toBe('m_12');
  });

  it('computes the local day and the start of the next one in the time zone', () => {
    const ms = Date.UTC(2026, 10, 27, 17, 30); // 01:30 on the 28th in Shanghai
    const day = localDay(ms, 'Asia/Shanghai');
    const nextDayStart = startOfNextDay(ms, 'Asia/Shanghai');
    expect(day).toBe('2026-11-28');
    expect(nextDayStart).toBe(Date.UTC(2026, 10, 28, 16, 0));
  });
});

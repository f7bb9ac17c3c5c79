// The single-character channel: BM25 over characters, scored for given candidate texts.
import { describe, expect, it } from 'vitest';
import { charQuery, charScore, charStats } from '../../knowledge/char-channel.js';
import { normalizeForMatch } from '../../knowledge/normalize.js';

const texts = [
  '党员应当按期交纳党费',
  '党支部每月开展主题党日',
  '收受礼品礼金的给予警告处分',
  '买卖股票或者进行证券投资',
];

describe('character channel', () => {
  const stats = charStats(texts);
  const scores = (q: string) => texts.map((t) => charScore(stats, charQuery(stats, q), normalizeForMatch(t)));

  it('counts each character once per text for its document frequency', () => {
    expect(stats.docs).toBe(4);
    expect(stats.df['党'.charCodeAt(0) - 0x4e00]).toBe(2);
    expect(stats.df['股'.charCodeAt(0) - 0x4e00]).toBe(1);
  });

  it('finds a text by one rare character where no pair matches (股东 → 股票)', () => {
    const s = scores('股东');
    expect(s.indexOf(Math.max(...s))).toBe(3);
    expect(s.filter((x) => x > 0)).toHaveLength(1);
  });

  it('weighs rare characters over common ones', () => {
    const s = scores('党费');
    expect(s[0]).toBeGreaterThan(s[1]!);
    expect(scores('红烧肉').every((x) => x === 0)).toBe(true);
  });
});

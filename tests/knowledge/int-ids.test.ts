// The integer ids table behind the integer-term BM25 and the sparse cosine index, and the builders that use it.
import { describe, expect, it } from 'vitest';
import { IntIds } from '../../knowledge/int-ids.js';
import { bm25Builder } from '../../knowledge/bm25.js';
import { charPairCodes } from '../../knowledge/index-store.js';

describe('IntIds', () => {
  it('numbers keys in order of first sight, through growth, negative and colliding keys included', () => {
    const ids = new IntIds();
    const keys = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? -i : i * 4096));
    keys.forEach((k, i) => expect(ids.add(k)).toBe(i));
    keys.forEach((k, i) => expect(ids.add(k)).toBe(i));
    expect(ids.size).toBe(keys.length);
    expect(ids.get(keys[12_345]!)).toBe(12_345);
    expect(ids.get(7)).toBeUndefined();
    expect(ids.has(-1)).toBe(true);
  });
});

describe('integer-term BM25', () => {
  const texts = [
    '党员应当按期交纳党费',
    '党支部每月开展主题党日',
    '收受礼品礼金的给予警告处分',
    '买卖股票或者进行证券投资',
  ];
  it('ranks exactly as the same terms kept in a Map', () => {
    const table = bm25Builder<number>({ integers: true });
    const map = bm25Builder<number>();
    for (const t of texts) {
      table.add(charPairCodes(t));
      map.add(charPairCodes(t));
    }
    const a = table.build();
    const b = map.build();
    for (const q of ['交纳党费', '主题党日', '礼金处分', '不相干的话'])
      expect(a.search(charPairCodes(q), 4)).toEqual(b.search(charPairCodes(q), 4));
  });
});

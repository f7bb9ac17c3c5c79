// The compact BM25: ranking by term frequency and rarity, integer terms, and a saved index that searches the same.
import { describe, expect, it } from 'vitest';
import { createBm25, restoreBm25 } from '../../knowledge/bm25.js';
import { charPairCodes } from '../../knowledge/index-store.js';

const docs = [
  ['党费', '交纳', '党员', '党员'],
  ['党员', '组织', '生活'],
  ['预备', '党员', '预备期', '一年'],
  ['党费', '党费', '使用', '管理'],
];

describe('bm25', () => {
  it('ranks documents by the query terms, rare terms weighing more, and ignores unknown terms', () => {
    const bm = createBm25(docs);
    const hits = bm.search(['党费', '不存在'], 10);
    expect(hits.map((h) => h.index)).toEqual([3, 0]);
    expect(bm.search(['预备期', '党员'], 1)[0]!.index).toBe(2);
    expect(bm.idf('预备期')).toBeGreaterThan(bm.idf('党员'));
    expect(bm.has('不存在')).toBe(false);
    expect(bm.idf('不存在')).toBeGreaterThan(bm.idf('预备期'));
  });

  it('lists the documents that hold a term, and none for an unknown term', () => {
    const bm = createBm25(docs);
    const holding = (t: string) => {
      const out: number[] = [];
      bm.forEachDoc(t, (d) => {
        out.push(d);
      });
      return out;
    };
    expect(holding('党费')).toEqual([0, 3]);
    expect(holding('党员')).toEqual([0, 1, 2]);
    expect(holding('不存在')).toEqual([]);
    // The callback stops the walk by returning true (a search for the first document that qualifies).
    const seen: number[] = [];
    bm.forEachDoc('党员', (d) => {
      seen.push(d);
      return d === 1;
    });
    expect(seen).toEqual([0, 1]);
  });

  it('restores from its saved form with identical scores', () => {
    const bm = createBm25(docs);
    const again = restoreBm25(JSON.parse(JSON.stringify(bm.toJSON())));
    for (const q of [['党费'], ['党员', '生活'], ['预备', '一年', '党费']])
      expect(again.search(q, 4)).toEqual(bm.search(q, 4));
    expect(again.size).toBe(4);
  });

  it('indexes character pairs as integers: the same pair gets the same code, punctuation breaks pairs', () => {
    const codes = charPairCodes('党员党员，组织');
    expect(codes).toHaveLength(4);
    expect(codes[0]).toBe(codes[2]);
    expect(charPairCodes('党，员')).toEqual([]);
    const grams = createBm25(['预备党员的预备期', '组织生活会'].map(charPairCodes));
    expect(grams.search(charPairCodes('预备期'), 2)[0]!.index).toBe(0);
  });

  it('keeps every posting, in document order, past the builder’s blocks of 65,536', () => {
    // 3,000 documents of 60 distinct terms each (some repeated): 180,000 postings over three blocks.
    const many = Array.from({ length: 3000 }, (_, d) =>
      Array.from({ length: 60 }, (_, j) => `t${(d * 7 + j * 13) % 500}`).concat(d % 3 ? [] : ['t1', 't1']),
    );
    const state = createBm25(many).toJSON();
    expect(state.docs).toHaveLength(many.reduce((n, d) => n + new Set(d).size, 0));
    for (const term of ['t0', 't1', 't499']) {
      const id = state.terms.indexOf(term);
      const postings = state.docs.slice(state.offsets[id], state.offsets[id + 1]);
      const tfs = state.tfs.slice(state.offsets[id], state.offsets[id + 1]);
      const expected = many.flatMap((d, i) => (d.includes(term) ? [i] : []));
      expect(postings).toEqual(expected);
      expect(tfs).toEqual(expected.map((i) => many[i]!.filter((t) => t === term).length));
    }
  });

  it('finds documents past 65,536 (two-byte document ids only below that)', () => {
    const many = Array.from({ length: 70_000 }, (_, d) => (d === 69_999 ? ['末尾'] : ['其他']));
    const bm = createBm25(many);
    expect(bm.search(['末尾'], 1)).toEqual([{ index: 69_999, score: expect.any(Number) }]);
    expect(restoreBm25(bm.toJSON()).search(['末尾'], 1)[0]!.index).toBe(69_999);
    expect(createBm25(many.slice(0, 100)).search(['其他'], 1)[0]!.index).toBeLessThan(100);
  });
});

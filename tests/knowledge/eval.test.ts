import { describe, expect, it } from 'vitest';
import { bareDocs, evalId, expectMatches, isMiss, summarize, type EvalRow } from '../../knowledge/eval.js';

const plan = { docId: 'ningweibanfa-2017-39', unit: 'c16', kind: 'clause' as const };
const charter = { docId: 'dangzhang_2022', unit: 'a33', kind: 'article' as const };

describe('eval ids', () => {
  it("qualifies units of other documents, keeps the plan's ids bare, and accepts both forms for the plan", () => {
    const letter = { docId: 'ningweibanfa-2017-39', unit: 'letter', kind: 'letter' as const };
    const bare = bareDocs([plan, charter, letter]);
    expect([...bare]).toEqual(['ningweibanfa-2017-39']);
    expect(evalId(plan, bare)).toBe('c16');
    expect(evalId(charter, bare)).toBe('dangzhang_2022#a33');
    expect(expectMatches('c16', plan, bare)).toBe(true);
    expect(expectMatches('ningweibanfa-2017-39#c16', plan, bare)).toBe(true);
    expect(expectMatches('dangzhang_2022#a33', charter, bare)).toBe(true);
    // A bare key never names a unit of another document (党章 has its own 第三十三条 and preamble).
    expect(expectMatches('a33', charter, bare)).toBe(false);
  });
});

describe('eval summary', () => {
  const row = (r: Partial<EvalRow>): EvalRow => ({
    id: 'x',
    q: 'q',
    answerable: true,
    refused: false,
    notStated: false,
    rank: 1,
    ranked: [],
    included: 1,
    mustTotal: 1,
    ms: 1,
    text: '',
    reason: 'ok',
    ...r,
  });

  it('counts "not stated" as a refusal and reports how many there were', () => {
    const rows = [
      row({}),
      row({ answerable: false, refused: true, notStated: true, rank: 0 }),
      row({ answerable: false, refused: true, rank: 0 }),
      row({ refused: true, notStated: true, rank: 2, included: 0 }),
    ];
    const s = summarize(rows);
    expect(s.not_stated).toBe(2);
    expect(s.refusal_recall).toBe(1);
    expect(s.refusal_precision).toBeCloseTo(2 / 3, 3);
    expect(s.answerable_refused).toBe(1);
    expect(rows.map(isMiss)).toEqual([false, false, false, true]);
  });

  it('reports the median and longest answer length over the answers given, refusals left out', () => {
    const s = summarize([
      row({ text: 'abc' }),
      row({ text: 'a b c d e' }),
      row({ text: '甲乙丙丁' }),
      row({ text: 'a'.repeat(50), refused: true }),
      row({ text: '文件没有规定', answerable: false, refused: true, notStated: true }),
    ]);
    expect(s.answer_chars_median).toBe(4);
    expect(s.answer_chars_max).toBe(5);
  });
});

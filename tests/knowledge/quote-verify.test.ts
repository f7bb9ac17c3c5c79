import { describe, expect, it } from 'vitest';
import { createQuoteVerifier } from '../../knowledge/quote-verify.js';
import { buildModelContext, quoteRuns, resolveSelection } from '../../knowledge/model-select.js';
import { renderQuotes } from '../../knowledge/llm-answer.js';
import type { Chunk } from '../../knowledge/chunk.js';

const text =
  '16. 严格落实“三会一课”制度。党支部要制定年度“三会一课”计划并报上级党组织备案，如实记录“三会一课”开展情况。要把“两学一做”纳入“三会一课”。';
const chunk: Chunk = {
  id: 'plan#1',
  docId: 'plan',
  title: '实施方案',
  short: '《实施方案》',
  section: '',
  clause: '第16条',
  kind: 'clause',
  unit: 'c16',
  part: 0,
  start: 0,
  end: text.length,
  text,
};
const verifier = createQuoteVerifier([{ text }]);

describe('quote verification', () => {
  it('accepts verbatim quotes, ignoring only whitespace', () => {
    expect(verifier.verify('党支部要制定年度“三会一课”计划并报上级党组织备案')).toBe(true);
    expect(verifier.verify('党支部要制定年度 “三会一课” 计划\n并报上级党组织备案')).toBe(true);
    expect(verifier.verify('党支部要制定季度“三会一课”计划')).toBe(false);
  });
});

describe('the model context and its selection', () => {
  const ctx = buildModelContext([{ chunk }]);

  it('numbers every sentence, without the clause number, and fences the passage under its label', () => {
    expect(ctx.sentences.map((s) => s.text)).toEqual([
      '严格落实“三会一课”制度。',
      '党支部要制定年度“三会一课”计划并报上级党组织备案，如实记录“三会一课”开展情况。',
      '要把“两学一做”纳入“三会一课”。',
    ]);
    for (const s of ctx.sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(ctx.text).toBe(
      `《实施方案》第16条\n<<<\n[1] 严格落实“三会一课”制度。\n[2] ${ctx.sentences[1]!.text}\n[3] 要把“两学一做”纳入“三会一课”。\n>>>`,
    );
  });

  it('ignores numbers that do not exist, repeats and non-integers', () => {
    expect(resolveSelection([99, 0, -1, 2.5, '3', 2, 2], ctx).map((s) => s.n)).toEqual([2]);
    expect(resolveSelection([7, 8], ctx)).toEqual([]);
  });

  it('cuts quotes from the corpus text: consecutive sentences become one quote, cited by code', () => {
    const runs = quoteRuns(resolveSelection([3, 1, 2], ctx));
    expect(runs).toHaveLength(1);
    expect(runs[0]!.map((r) => r.quote)).toEqual([text.slice(4)]);
    const apart = renderQuotes(quoteRuns(resolveSelection([3, 1], ctx)), 300);
    expect(apart.text).toBe('《实施方案》第16条：「严格落实“三会一课”制度。」「要把“两学一做”纳入“三会一课”。」');
    expect(apart.citations.map((c) => `${c.doc}${c.clause}`)).toEqual(['《实施方案》第16条', '《实施方案》第16条']);
  });

  it('marks a quote it had to cut', () => {
    const cut = renderQuotes(quoteRuns(resolveSelection([2], ctx)), 50);
    expect(cut.text).toMatch(/^《实施方案》第16条：「党支部要制定年度“三会一课”计划并报上级党组织备案」…$/);
    expect(verifier.verify(cut.citations[0]!.quote)).toBe(true);
  });
});

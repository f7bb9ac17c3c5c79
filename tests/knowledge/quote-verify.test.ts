import { describe, expect, it } from 'vitest';
import { createQuoteVerifier, findQuotes, labelQuotes, stripUnverified } from '../../knowledge/quote-verify.js';
import { toPlainText } from '../../knowledge/plain-text.js';
import type { Chunk } from '../../knowledge/chunk.js';

const text = '16. 严格落实“三会一课”制度。党支部要制定年度“三会一课”计划并报上级党组织备案，如实记录“三会一课”开展情况。';
const chunk: Chunk = { id: 'plan#1', docId: 'plan', title: '实施方案', short: '《实施方案》', section: '', clause: '第16条', kind: 'clause', unit: 'c16', part: 0, start: 0, end: text.length, text };
const verifier = createQuoteVerifier([{ text }], [chunk]);

describe('quote verification', () => {
  it('accepts verbatim quotes, ignoring only whitespace', () => {
    expect(verifier.verify('党支部要制定年度“三会一课”计划并报上级党组织备案')).toBe(true);
    expect(verifier.verify('党支部要制定年度 “三会一课” 计划\n并报上级党组织备案')).toBe(true);
    expect(verifier.verify('党支部要制定季度“三会一课”计划')).toBe(false);
    expect(verifier.locate('报上级党组织备案')?.clause).toBe('第16条');
  });

  it('finds outer quotes only (a “term” inside a 「quote」 belongs to it)', () => {
    const spans = findQuotes('答：「严格落实“三会一课”制度。」另见“三会一课”。');
    expect(spans.map((s) => s.inner)).toEqual(['严格落实“三会一课”制度。', '三会一课']);
  });

  it('removes an unverifiable quote together with its citation, keeps the verified ones', () => {
    const answer = '要报备案：「并报上级党组织备案」（《实施方案》第16条）。另外「党员每月交党费一百元」（《实施方案》第16条）。';
    const out = stripUnverified(answer, verifier);
    expect(out.verified).toEqual(['并报上级党组织备案']);
    expect(out.removed).toEqual(['党员每月交党费一百元']);
    expect(out.text).not.toContain('一百元');
    expect(out.text).toContain('「并报上级党组织备案」（《实施方案》第16条）');
  });

  it('adds the correct citation after a verified quote that lacks one', () => {
    const out = labelQuotes('原文：「严格落实“三会一课”制度。」', [{ quote: '严格落实“三会一课”制度。', chunk }]);
    expect(out).toBe('原文：「严格落实“三会一课”制度。」（《实施方案》第16条）');
    const kept = labelQuotes('《实施方案》第16条：「严格落实“三会一课”制度。」', [{ quote: '严格落实“三会一课”制度。', chunk }]);
    expect(kept).toBe('《实施方案》第16条：「严格落实“三会一课”制度。」');
  });

  it('turns Markdown into plain text for WeChat', () => {
    expect(toPlainText('## 答复\n**要报备案**\n- 第一点\n`代码`')).toBe('答复\n要报备案\n第一点\n代码');
  });
});

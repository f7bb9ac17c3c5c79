import { describe, expect, it } from 'vitest';
import { termCoverage } from '../../knowledge/coverage.js';
import { coveringFormsOf, synonymsOf } from '../../knowledge/synonyms.js';

const even = { idf: () => 1 };

describe('term coverage', () => {
  it('counts a word found as itself or as a lexicon form', () => {
    expect(termCoverage(['处分', '撤掉'], '给予撤销党内职务处分', even)).toBe(1);
    expect(termCoverage(['处分', '烤鸭'], '给予撤销党内职务处分', even)).toBe(0.5);
  });

  it('takes coverage-only readings (上面 for 上级) only where asked to: the hits’ coverage, never the search', () => {
    const text = '报上级党组织备案';
    expect(coveringFormsOf('上面')).toContain('上级');
    expect(synonymsOf('上面')).not.toContain('上级');
    expect(termCoverage(['上面', '备案'], text, even, coveringFormsOf)).toBe(1);
    expect(termCoverage(['上面', '备案'], text, even)).toBeLessThan(1);
  });
});

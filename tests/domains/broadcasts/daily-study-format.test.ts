// The 每日一学 text: a full-width space separates a clause's label from its text and a chapter's number from
// its name (the corpus often glues them), and the citation has no stray space after the title.
import { describe, expect, it } from 'vitest';
import { formatStudy } from '../../../domains/broadcasts/daily-study.js';

import type { StudyUnit } from '../../../knowledge/study-units.js';

const unit: StudyUnit = {
  id: 'jiaoyu#1',
  docId: 'jiaoyu',
  title: '中国共产党党员教育管理工作条例',
  short: '《党员教育管理工作条例》',
  clause: '第一条',
  section: '第一章总则',
  text: '第一条为了深入学习贯彻党的理论，制定本条例。',
};

describe('formatStudy', () => {
  it('separates the clause label and the chapter name, with no stray space in ——摘自', () => {
    expect(formatStudy(unit, 0, 310)).toBe(
      '【每日一学】《党员教育管理工作条例》第一条（1/310）\n“第一条　为了深入学习贯彻党的理论，制定本条例。”\n——摘自《中国共产党党员教育管理工作条例》第一章　总则',
    );
  });

  it('keeps a text without a clause label and a numbered heading as they are', () => {
    const text = formatStudy(
      { ...unit, clause: '十二、保持清正廉洁', section: '十二、保持清正廉洁', text: '建设廉洁政治。' },
      9,
      10,
    );
    expect(text).toContain('\n“建设廉洁政治。”\n——摘自《中国共产党党员教育管理工作条例》十二、保持清正廉洁');
    expect(formatStudy({ ...unit, section: '' }, 0, 1)).toMatch(/——摘自《中国共产党党员教育管理工作条例》$/);
    expect(formatStudy({ ...unit, text: '第一条 已有空格。' }, 0, 1)).toContain('“第一条　已有空格。”');
  });
});

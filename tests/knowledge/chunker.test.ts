import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDoc } from '../../knowledge/chunker.js';
import { loadDoc } from '../../knowledge/loader.js';
import { MAX_CHUNK_CHARS } from '../../knowledge/chunker.js';
import { CORPUS_DIR, PLAN_FILE } from './fixtures.js';

describe('chunking the plan', () => {
  it('gives exactly the cover notice, the preamble and clauses 1–25, with page breaks repaired', async () => {
    const { chunks, text, title } = chunkDoc(await loadDoc(PLAN_FILE));
    const units = [...new Set(chunks.map((c) => c.unit))];
    expect(units).toEqual(['letter', 'preamble', ...Array.from({ length: 25 }, (_, i) => `c${i + 1}`)]);
    expect(title).toBe('关于推进“两学一做”学习教育常态化制度化的实施方案');
    expect(chunks.every((c) => c.short === '《实施方案》')).toBe(true);
    expect(text).toContain('凝心聚力');
    expect(text).toContain('团结群众的核心');
    expect(text).not.toContain('是凝\n');
    const c16 = chunks.find((c) => c.unit === 'c16')!;
    expect(c16.clause).toBe('第16条');
    expect(c16.section).toContain('六、把“两学一做”学习教育纳入党支部“三会一课”等基本制度');
    expect(c16.heading).toContain('六、');
    expect(chunks.find((c) => c.unit === 'c17')!.heading).toBeUndefined();
    expect(c16.text.startsWith('16. 严格落实“三会一课”制度。')).toBe(true);
    expect(text.slice(c16.start, c16.end)).toBe(c16.text);
  });

  it('keeps the cover notice (document number and date) before the plan title', async () => {
    const { chunks } = chunkDoc(await loadDoc(PLAN_FILE));
    const letter = chunks
      .filter((c) => c.unit === 'letter')
      .map((c) => c.text)
      .join('\n');
    expect(letter).toContain('宁委办发〔2017〕39号');
    expect(letter).toContain('2017年5月12日');
    expect(chunks.find((c) => c.unit === 'preamble')!.text.startsWith('为贯彻落实')).toBe(true);
  });

  it('splits long units by sentence, never mid-sentence', async () => {
    const { chunks } = chunkDoc(await loadDoc(PLAN_FILE));
    const split = chunks.filter((c) => c.part > 0);
    expect(split.length).toBeGreaterThan(0);
    for (const c of split) {
      expect(c.text.length).toBeLessThanOrEqual(MAX_CHUNK_CHARS * 1.2);
      expect(c.text).toMatch(/[。！？”」]$|\d日$/);
    }
  });
});

describe('chunking party rules', () => {
  it('takes a unit’s short opening sentence as its lead, and the first ；-part of a long one (twentieth round)', () => {
    const text = [
      '# 示例规定',
      '第一条 本规定适用于全体会员。',
      `第二条 对会员的处分，必须经过小组会议讨论决定，报理事会批准；如果${'情况复杂'.repeat(10)}，报上一级审查批准。`,
      `第三条 ${'会员应当按时参加活动并且认真学习'.repeat(5)}。`,
    ].join('\n\n');
    const { chunks } = chunkDoc({ id: 'example', file: 'example.md', text });
    const unit = (key: string) => chunks.find((c) => c.unit === key)!;
    expect(unit('a1')).toMatchObject({ lead: '本规定适用于全体会员。' });
    expect(unit('a1').leadPart).toBeUndefined();
    expect(unit('a2')).toMatchObject({ lead: '对会员的处分，必须经过小组会议讨论决定，报理事会批准', leadPart: true });
    // A long opening sentence with no ；-part states no lead.
    expect(unit('a3').lead).toBeUndefined();
  });

  it('gives 55 articles for 党章, with 总纲 and chapters as sections', async () => {
    const { chunks, title } = chunkDoc(await loadDoc(path.join(CORPUS_DIR, 'dangzhang_2022.md')));
    expect(title).toBe('中国共产党章程');
    const articles = new Set(chunks.filter((c) => c.kind === 'article').map((c) => c.unit));
    expect(articles.size).toBe(55);
    const a33 = chunks.find((c) => c.unit === 'a33')!;
    expect(a33.short).toBe('《党章》');
    expect(a33.clause).toBe('第三十三条');
    expect(a33.section).toContain('第五章');
    expect(chunks.some((c) => c.clause === '总纲')).toBe(true);
    expect(chunks.some((c) => c.text.includes('来源'))).toBe(false);
  });

  it('derives short titles and structures of the other documents', async () => {
    const expected: Record<string, [string, number]> = {
      'dangyuan_jiaoyu_guanli_tiaoli_2019.md': ['《党员教育管理工作条例》', 46],
      'jilv_chufen_tiaoli_2023.md': ['《纪律处分条例》', 158],
      'lianjie_zilv_zhunze_2015.md': ['《廉洁自律准则》', 8],
    };
    for (const [file, [short, count]] of Object.entries(expected)) {
      const { chunks } = chunkDoc(await loadDoc(path.join(CORPUS_DIR, file)));
      expect(chunks[0]!.short).toBe(short);
      expect(new Set(chunks.filter((c) => c.kind === 'article').map((c) => c.unit)).size).toBe(count);
    }
    const { chunks } = chunkDoc(await loadDoc(path.join(CORPUS_DIR, 'zhengzhi_shenghuo_zhunze_2016.md')));
    expect(chunks[0]!.short).toBe('《政治生活准则》');
    expect(chunks.filter((c) => c.kind === 'preamble').length).toBeGreaterThan(0);
    const parts = [...new Set(chunks.filter((c) => c.kind === 'part').map((c) => c.clause))];
    expect(parts).toHaveLength(12);
    expect(parts[0]).toBe('一、坚定理想信念');
  });
});

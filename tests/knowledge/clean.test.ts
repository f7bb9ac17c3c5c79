import { describe, expect, it } from 'vitest';
import { cleanText, isPageBreak } from '../../knowledge/clean.js';
import { findTitle, shortTitle } from '../../knowledge/titles.js';

const LONG =
  '这是一个很长的段落，用来模拟排版时被分页切断的正文行，它的长度超过了标题和题目的长度，所以被认为是一整行，是凝';

describe('cleaning', () => {
  it('rejoins a line cut by a page break', () => {
    const { text } = cleanText(`${LONG}\n\n心聚力的重要举措。\n\n二、下一节标题`);
    expect(text).toContain('是凝心聚力的重要举措。');
    expect(text).toContain('\n\n二、下一节标题');
  });

  it('does not join headings, titles or structural lines', () => {
    expect(isPageBreak('一、从讲政治高度切实提高思想和行动自觉', '1. 重大意义。')).toBe(false);
    expect(isPageBreak('关于推进学习教育常态化制度化的实施方案', '为贯彻落实……')).toBe(false);
    expect(isPageBreak(LONG, '第五条　党员必须……')).toBe(false);
    expect(isPageBreak('……必学，', '教育引导党员')).toBe(true);
  });

  it('takes the # title and 来源 lines as metadata, not content', () => {
    const doc = cleanText('# 中国共产党廉洁自律准则\n来源: 某网站\n\n正文第一段。');
    expect(doc.title).toBe('中国共产党廉洁自律准则');
    expect(doc.source).toBe('某网站');
    expect(doc.text).toBe('正文第一段。');
  });

  it('derives short titles generically', () => {
    expect(shortTitle('中国共产党纪律处分条例')).toBe('纪律处分条例');
    expect(shortTitle('关于推进“两学一做”学习教育常态化制度化的实施方案')).toBe('实施方案');
    expect(shortTitle('中国共产党章程')).toBe('党章');
    expect(shortTitle('关于新形势下党内政治生活的若干准则')).toBe('政治生活准则');
    expect(shortTitle('中国共产党支部工作条例（试行）')).toBe('支部工作条例');
    expect(findTitle('某市委办公厅\n\n某市委办公厅印发《关于加强支部建设的意见》的通知\n\n正文')).toBe(
      '关于加强支部建设的意见',
    );
  });
});

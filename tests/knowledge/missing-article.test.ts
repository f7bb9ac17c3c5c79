import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../knowledge/chunk.js';
import { articlesByDoc, missingArticleText } from '../../knowledge/missing-article.js';
import { findScope } from '../../knowledge/scope.js';

const chunk = (docId: string, short: string, unit: string) => ({ docId, short, unit }) as Chunk;
const chunks = [
  ...Array.from({ length: 25 }, (_, i) => chunk('plan', '《实施方案》', `c${i + 1}`)),
  chunk('plan', '《实施方案》', 'letter'),
  ...Array.from({ length: 55 }, (_, i) => chunk('dangzhang', '《党章》', `a${i + 1}`)),
  chunk('zhunze', '《政治生活准则》', 'p3'),
];
const names = new Map([
  ['plan', ['实施方案']],
  ['dangzhang', ['党章']],
  ['zhunze', ['政治生活准则']],
]);
const reply = (q: string) => missingArticleText(findScope(q, names), articlesByDoc(chunks));

describe('an article the documents do not have', () => {
  it('tells the member the named document has no such article and how many it has', () => {
    expect(reply('实施方案第40条讲了什么')).toBe(
      '《实施方案》没有第40条，它共25条。请核对条目序号，或直接问想了解的内容。',
    );
    expect(reply('党章第六十条是啥')).toMatch(/^《党章》没有第六十条，它共55条/);
    expect(reply('政治生活准则第三条说啥')).toMatch(/^《政治生活准则》不分条目/);
  });

  it('says no document has it when none is named and none has it', () => {
    expect(reply('第三百条说了什么')).toMatch(/^现有文件都没有第三百条/);
  });

  it('stays silent when the article exists, in the named document or in any', () => {
    expect(reply('实施方案第16条讲了什么')).toBeUndefined();
    expect(reply('第40条讲了什么')).toBeUndefined();
    expect(reply('党员的义务里第一条是啥')).toBeUndefined();
    expect(reply('党员有哪些义务')).toBeUndefined();
  });
});

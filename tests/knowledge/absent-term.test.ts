import { describe, expect, it } from 'vitest';
import { absentTermText, namedTerms } from '../../knowledge/absent-term.js';
import { normalizeForMatch } from '../../knowledge/normalize.js';

const documents = '党支部要突出“三查三改”，做到“四讲四有”，落实“8+x”制度。';
const contains = (t: string) => normalizeForMatch(documents).includes(t);

describe('a term the documents do not contain', () => {
  it('finds quoted terms and numbered slogans, not idioms or ordinary phrases', () => {
    expect(namedTerms('方案里的“九查九改”是啥')).toEqual(['九查九改']);
    expect(namedTerms('六查六改针对谁')).toEqual(['六查六改']);
    expect(namedTerms('三天三夜也学不完，一心一意搞学习，七上八下的')).toEqual([]);
    // Scare quotes around a plain word name no term.
    expect(namedTerms('有人自称“大师”能帮忙跑关系，党纪上怎么说')).toEqual([]);
    expect(namedTerms('文件里说“要把党员的思想工作和学习教育紧密结合起来”是啥意思')).toEqual([]);
  });

  it('says the documents do not use an absent term, and nothing for one they use', () => {
    expect(absentTermText('“九查九改”要查哪些', contains)).toMatch(/^现有文件中没有“九查九改”的提法/);
    expect(absentTermText('“三查三改”要查哪些', contains)).toBeUndefined();
    expect(absentTermText('8+X制度是啥', contains)).toBeUndefined();
    expect(absentTermText('“8+X”制度是啥', contains)).toBeUndefined();
    expect(absentTermText('“9+X”制度是啥', contains)).toMatch(/“9\+X”/);
  });
});

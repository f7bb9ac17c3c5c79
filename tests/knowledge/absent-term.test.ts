import { describe, expect, it } from 'vitest';
import { absentTermText, absentTitleText, namedTerms, spelledOut } from '../../knowledge/absent-term.js';
import { normalizeForMatch } from '../../knowledge/normalize.js';

const documents = '党支部要突出“三查三改”，做到“四讲四有”，落实“8+x”制度。';
const contains = (t: string) => normalizeForMatch(documents).includes(t);

describe('a term the documents do not contain', () => {
  it('finds quoted terms and numbered slogans, not idioms or ordinary phrases', () => {
    expect(namedTerms('方案里的“九查九改”是啥')).toEqual(['九查九改']);
    expect(namedTerms('六查六改针对谁')).toEqual(['六查六改']);
    // Up to eight characters: a made-up programme of seven (fourteenth round).
    expect(namedTerms('听说有个“两心三意一担当”活动')).toEqual(['两心三意一担当']);
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

  it('finds a half-remembered term by its known part, a question word standing for the rest (eighteenth round)', () => {
    expect(
      absentTermText('支部那个“8加几”制度叫啥', contains, (p) => p.test(normalizeForMatch(documents))),
    ).toBeUndefined();
    expect(
      absentTermText('那个“三查几改”查什么', contains, (p) => p.test(normalizeForMatch(documents))),
    ).toBeUndefined();
    expect(absentTermText('那个“9加几”制度叫啥', contains, (p) => p.test(normalizeForMatch(documents)))).toMatch(
      /“9加几”/,
    );
  });

  it('reads a quoted brand of two phrases joined by a middle dot as a term, present only when both phrases are (fifteenth round)', () => {
    expect(namedTerms('那个“青松引路·支部争先”活动是哪条提的')).toEqual(['青松引路·支部争先']);
    expect(absentTermText('那个“青松引路·支部争先”活动是哪条提的', contains)).toMatch(
      /^现有文件中没有“青松引路·支部争先”的提法/,
    );
    expect(absentTermText('“三查三改·四讲四有”怎么落实', contains)).toBeUndefined();
    expect(absentTermText('“三查三改·五讲五有”怎么落实', contains)).toMatch(/“三查三改·五讲五有”/);
  });
});

describe('a document named in book-title marks (fifteenth round)', () => {
  const text = '根据中央《关于推进“两学一做”学习教育常态化制度化的意见》，党支部要突出“三查三改”。';
  const cites = (t: string) => normalizeForMatch(text).includes(t);
  it('is absent when no document is it or cites it, and says so without quoting anything', () => {
    expect(absentTitleText('听说新出了个《党员网络行为十条禁令》，具体是哪十条', cites)).toBe(
      '现有文件中没有收录《党员网络行为十条禁令》，也没有文件提到它，无法说明它的内容。可以问我已收录文件中的规定。',
    );
    expect(absentTitleText('《关于推进“两学一做”学习教育常态化制度化的意见》是哪年发的', cites)).toBeUndefined();
    // Short names (《党章》) are below the length read as a title; the scope finds them.
    expect(absentTitleText('《党章》第五条说啥', cites)).toBeUndefined();
  });
});

describe('a count term the documents spell out as its items (twelfth round)', () => {
  const plan = '不断增强党内政治生活的政治性、时代性、原则性、战斗性，不断增强党自我净化';
  const matches = (re: RegExp) => re.test(normalizeForMatch(plan));
  it('is present when that many items in a row end in its noun, not when there are more or fewer', () => {
    expect(spelledOut('四性')!.test(plan)).toBe(true);
    expect(spelledOut('三性')!.test(plan)).toBe(false);
    expect(spelledOut('五性')!.test(plan)).toBe(false);
    expect(spelledOut('三查三改')).toBeUndefined();
    expect(absentTermText('要增强“四性”，哪四性来着', contains, matches)).toBeUndefined();
    expect(absentTermText('“五性”是哪五性', contains, matches)).toMatch(/^现有文件中没有“五性”的提法/);
    // Long items with brackets and quotes count too; one item more or less does not.
    const five =
      '做到理论学习中心组学习会必学、民主（组织）生活会必学、谈心谈话必学、党校主体班次必学、“三会一课”必学，';
    expect(spelledOut('五个必学')!.test(five)).toBe(true);
    // Negations start each item with 不: “四不”, “三不腐” (thirteenth round).
    const list = '主动对照、时时检视，列出“不在组织、不像党员、不起作用、不守规矩”等不合格表现';
    expect(spelledOut('四不')!.test(list)).toBe(true);
    expect(spelledOut('三不')!.test(list)).toBe(false);
    expect(spelledOut('三不腐')!.test('一体推进不敢腐、不能腐、不想腐。')).toBe(true);
    expect(spelledOut('四不腐')!.test('一体推进不敢腐、不能腐、不想腐。')).toBe(false);
    expect(spelledOut('六个必学')!.test(five)).toBe(false);
    expect(spelledOut('四个必学')!.test(five)).toBe(false);
  });
});

describe('a quoted programme without a number (nineteenth round)', () => {
  it('takes a quoted name ending in 工程/行动/计划 as a term, but not a scare-quoted word', () => {
    expect(namedTerms('听说有个“蓝海领航工程”，是哪份文件提的')).toEqual(['蓝海领航工程']);
    expect(namedTerms('市里搞的“清风护航行动”我们支部要参加吗')).toEqual(['清风护航行动']);
    expect(namedTerms('他认了个自称的“高人”帮忙跑关系')).toEqual([]);
    const corpus = normalizeForMatch('积极推广开放式组织生活');
    expect(absentTermText('“蓝海领航工程”是哪条提出的', (t) => corpus.includes(t))).toContain('蓝海领航工程');
  });
});

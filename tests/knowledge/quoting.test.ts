import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../ground/logger.js';
import { createKnowledge, type Knowledge } from '../../knowledge/index.js';
import { joinLists, splitSentences } from '../../knowledge/sentences.js';
import { formatQuoted, listCut, pickSentences } from '../../knowledge/extractive.js';
import { squashSpace } from '../../knowledge/normalize.js';
import type { Chunk } from '../../knowledge/chunk.js';
import { CORPUS_DIR, removeTempDirs, testConfig } from './fixtures.js';

const chunk = { short: '《示例》', clause: '第三条', docId: 'example', unit: 'a3' } as Chunk;
/** A scored sentence as sentence-scoring.ts gives it (of `chunk` unless said), every score the same. */
const sentence = (quote: string, score: number, c: Chunk = chunk) =>
  ({ chunk: c, quote, score, lexical: score, relevance: score, kinds: 0, listed: false }) as never;

describe('lists', () => {
  const text =
    '会员必须履行下列义务：\n（一）按时参加活动，认真学习。\n（二）遵守章程。\n（三）交纳会费，并且按照规定的时间和标准交纳。\n（四）保守秘密。';

  it('a short list is one quote, whole, and not marked as cut', () => {
    const spans = joinLists(splitSentences(text), text, 400);
    expect(spans).toHaveLength(1);
    expect(spans[0]!.list).toMatchObject({ total: 4, shown: 4, withLead: true });
    expect(listCut({ chunk, list: spans[0]!.list })).toEqual({ before: '', after: '' });
  });

  it('a long list is quoted as its lead and the items that fit, with the cut marked and the list length given', () => {
    const spans = joinLists(splitSentences(text), text, 40);
    expect(spans[0]!.list).toMatchObject({ total: 4, shown: 2, withLead: true });
    expect(spans.slice(1).map((s) => s.list?.withLead)).toEqual([false, false]);
    const first = formatQuoted([{ chunk, quote: spans[0]!.text, list: spans[0]!.list } as never], 500);
    expect(first.text).toContain('（二）遵守章程。」（…，共四项，详见《示例》第三条）');
    // An item quoted alone carries its list's lead before it.
    const item = formatQuoted([{ chunk, quote: spans[1]!.text, list: spans[1]!.list } as never], 500);
    expect(item.text).toBe(
      '《示例》第三条：「会员必须履行下列义务：…（三）交纳会费，并且按照规定的时间和标准交纳。」（…，共四项，详见《示例》第三条）',
    );
    expect(item.citations[0]!.quote).toBe(spans[1]!.text);
  });

  it('further sentences join only while the answer as shown, citation labels included, stays within 300 characters', () => {
    const scored = [
      sentence(`第一句${'甲'.repeat(120)}。`, 1),
      sentence(`第二句${'乙'.repeat(120)}。`, 0.9),
      sentence(`第三句${'丙'.repeat(30)}。`, 0.8),
    ];
    const picked = pickSentences(scored, []);
    // 124 + 124 quoted characters leave no room for the third sentence once the labels are counted.
    expect(picked.map((p: { quote: string }) => p.quote.slice(0, 3))).toEqual(['第一句', '第二句']);
    const shown = formatQuoted(picked, 500).text;
    expect([...shown.replace(/\n/g, '')].length).toBeLessThanOrEqual(300);
  });

  it('an enumeration of the term named leads, unless the best sentence is in the unit ranked first and it is not', () => {
    const other = { ...chunk, unit: 'a9' } as Chunk;
    const best = { chunk, quote: '列出负面清单。', score: 1, lexical: 1, relevance: 1, kinds: 0, listed: false };
    const list = {
      chunk: other,
      quote: '四项是甲、乙、丙、丁。',
      score: 0.7,
      lexical: 0.7,
      relevance: 0.7,
      kinds: 0,
      listed: true,
    };
    const quotes = (top: Chunk) => pickSentences([best, list] as never, [], 3, top).map((p) => p.quote);
    // The term is background then: its enumeration is left out.
    expect(quotes(chunk)).toEqual(['列出负面清单。']);
    expect(quotes(other)).toEqual(['四项是甲、乙、丙、丁。', '列出负面清单。']);
  });

  it('puts first a sentence of the unit ranked first that answers nearly as well as the best one from elsewhere', () => {
    const other = { ...chunk, unit: 'a9' } as Chunk;
    const scored = [sentence('别处的一句。', 1, other), sentence('首位条文的一句。', 0.7)];
    expect(pickSentences(scored, [], 3, chunk).map((p) => p.quote)).toEqual(['首位条文的一句。', '别处的一句。']);
    // Not nearly as good: the best sentence stays first.
    const weak = [sentence('别处的一句。', 1, other), sentence('首位条文的一句。', 0.5)];
    expect(pickSentences(weak, [], 3, chunk).map((p) => p.quote)).toEqual(['别处的一句。']);
  });

  it('a sentence brought in for the asked kind replaces the last further one rather than lengthen the answer', () => {
    const scored = [
      sentence(`第一句${'甲'.repeat(110)}。`, 1),
      sentence(`第二句${'乙'.repeat(110)}。`, 0.9),
      sentence(`第三句在2019年5月6日${'丙'.repeat(40)}。`, 0.6),
    ];
    const picked = pickSentences(scored, [{ kind: 'date' }]);
    expect(picked.map((p: { quote: string }) => p.quote.slice(0, 3))).toEqual(['第一句', '第三句']);
    expect([...formatQuoted(picked, 500).text.replace(/\n/g, '')].length).toBeLessThanOrEqual(300);
  });

  it('a quote cut to fit the answer is never closed as complete', () => {
    const long = { chunk, quote: `${'很长的一句话，'.repeat(20)}结尾。` } as never;
    const out = formatQuoted([long], 60);
    expect(out.text).toMatch(/…」$/);
  });
});

describe('whole-corpus answers', () => {
  let k: Knowledge;
  beforeAll(async () => {
    k = await createKnowledge(testConfig({ CORPUS_DIR }), silentLogger);
  });
  afterAll(async () => {
    await k.close();
    removeTempDirs();
  });

  it('quotes a list of the party constitution with its length when it cannot quote it whole', async () => {
    const a = await k.answerer.answer('党员必须履行哪些义务');
    expect(a.refused).toBe(false);
    expect(a.text).toContain('《党章》第三条');
    if (!a.text.includes('（八）')) expect(a.text).toContain('共八项，详见《党章》第三条');
    for (const c of a.citations)
      expect(k.index.docs.map((d) => squashSpace(d.text)).join('\n')).toContain(squashSpace(c.quote));
  });

  it('answers a count the text states with another classifier (几个 → 两名)', async () => {
    const a = await k.answerer.answer('发展党员要几个入党介绍人');
    expect(a.refused).toBe(false);
    expect(a.text).toContain('两名正式党员作介绍人');
  });

  it('keeps the three outcomes apart: answer, not stated, plain refusal', async () => {
    expect((await k.answerer.answer('党的全国代表大会多久开一次')).mode).toBe('extractive');
    const fee = await k.answerer.answer('党费每个月交多少钱');
    expect(fee.mode).toBe('not-stated');
    // The closest provision: an article (第九条) or a headed part (九、严格党的组织生活制度), quoted.
    expect(fee.text).toMatch(
      /^文件没有规定具体金额。相关规定：《[^》]+》(第|[一二三四五六七八九十]+、)[^「]*「[^」]*党费/,
    );
    const weather = await k.answerer.answer('明天南京下雨吗');
    expect(weather.mode).toBe('refusal');
    expect(weather.text).not.toMatch(/《/);
  });
});

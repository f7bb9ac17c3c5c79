import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../ground/logger.js';
import { createKnowledge, type Knowledge } from '../../knowledge/index.js';
import { joinLists, splitSentences } from '../../knowledge/sentences.js';
import { formatQuoted, listCut, pickSentences } from '../../knowledge/extractive.js';
import { squashSpace } from '../../knowledge/normalize.js';
import { matchText, splitAbbreviation, withQuestionForms } from '../../knowledge/coverage.js';
import { asksWhatFollows } from '../../knowledge/question-kind.js';
import { phrasesIn } from '../../knowledge/synonyms.js';
import type { Chunk } from '../../knowledge/chunk.js';
import { CORPUS_DIR, removeTempDirs, testConfig } from './fixtures.js';

// A unit longer than the short units quoted whole, so only the sentences picked are quoted.
const chunk = { short: '《示例》', clause: '第三条', docId: 'example', unit: 'a3', text: '条'.repeat(400) } as Chunk;
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
    // Down to 0.3 of the best, the unit ranked first is still represented, first.
    const weaker = [sentence('别处的一句。', 1, other), sentence('首位条文的一句。', 0.4)];
    expect(pickSentences(weaker, [], 3, chunk).map((p) => p.quote)).toEqual(['首位条文的一句。', '别处的一句。']);
    // Below that, it has nothing to do with the question: the best sentence stays alone.
    const weak = [sentence('别处的一句。', 1, other), sentence('首位条文的一句。', 0.2)];
    expect(pickSentences(weak, [], 3, chunk).map((p) => p.quote)).toEqual(['别处的一句。']);
  });

  it('follows a clause’s run-in heading with the clause’s best other sentence', () => {
    const clause = { ...chunk, kind: 'clause', unit: 'c13', lead: '领导机关坚持更高标准更严要求。' } as Chunk;
    const body = '扎实推进学习型机关建设，在学深悟透上走在前。';
    const scored = [sentence('领导机关坚持更高标准更严要求。', 1, clause), sentence(body, 0.3, clause)];
    expect(pickSentences(scored, [], 3, clause).map((p) => p.quote)).toEqual(['领导机关坚持更高标准更严要求。', body]);
    // An article's first sentence is no heading: it may answer alone.
    const article = { ...clause, kind: 'article' } as Chunk;
    const first = [sentence('领导机关坚持更高标准更严要求。', 1, article), sentence(body, 0.3, article)];
    expect(pickSentences(first, [], 3, article).map((p) => p.quote)).toEqual(['领导机关坚持更高标准更严要求。']);
  });

  it('quotes a short article whole while the answer stays within 150 characters (thirteenth round)', () => {
    const short = { ...chunk, text: '党员应当遵守纪律。违反的，给予批评教育。' } as Chunk;
    const scored = [sentence('党员应当遵守纪律。', 1, short), sentence('违反的，给予批评教育。', 0.2, short)];
    expect(pickSentences(scored, [], 3, short).map((p) => p.quote)).toEqual([
      '党员应当遵守纪律。',
      '违反的，给予批评教育。',
    ]);
    // A longer article keeps to the sentences that answer.
    const long = [sentence('党员应当遵守纪律。', 1), sentence('违反的，给予批评教育。', 0.2)];
    expect(pickSentences(long, [], 3, chunk).map((p) => p.quote)).toEqual(['党员应当遵守纪律。']);
  });

  it('a further sentence from another unit than the first must answer nearly as well as the best one', () => {
    const other = { ...chunk, unit: 'a9' } as Chunk;
    const scored = [sentence('最好的一句。', 1), sentence('别处的一句。', 0.7, other), sentence('同条的一句。', 0.7)];
    expect(pickSentences(scored, [], 3, chunk).map((p) => p.quote)).toEqual(['最好的一句。', '同条的一句。']);
    const close = [sentence('最好的一句。', 1), sentence('别处的一句。', 0.85, other)];
    expect(pickSentences(close, [], 3, chunk).map((p) => p.quote)).toEqual(['最好的一句。', '别处的一句。']);
  });

  it('quotes the clauses of a long sentence that answer, marked as cut, running on to the end of their ；-part', () => {
    const whole = `本条所称的各项工作，${'包括学习、宣传、组织和监督等各个方面的事务，'.repeat(3)}如果对决定有不同意见，可以请求上级复查，也可以申诉；其他事项另行规定。`;
    const part = { ...(sentence('如果对决定有不同意见，', 0.9) as object), cut: { before: true, after: true } };
    const scored = [sentence(whole, 1), part];
    const picked = pickSentences(scored as never, [], 3, chunk);
    expect(picked.map((p) => p.quote)).toEqual(['如果对决定有不同意见，可以请求上级复查，也可以申诉']);
    expect(formatQuoted(picked, 500).text).toBe(
      '《示例》第三条：「…如果对决定有不同意见，可以请求上级复查，也可以申诉…」',
    );
    // A list question keeps the whole sentence; so does a clause that holds too little of its match.
    expect(pickSentences(scored as never, [], 3, chunk, true).map((p) => p.quote)).toEqual([whole]);
    const weakPart = { ...part, lexical: 0.5 };
    expect(pickSentences([sentence(whole, 1), weakPart] as never, [], 3, chunk).map((p) => p.quote)).toEqual([whole]);
  });

  it('quotes the lead and the one item of a list that answers, with the length of the list', () => {
    const lead = '有下列行为之一的，给予警告处分：';
    const whole = `${lead}\n（一）甲事项办理不当，${'造成不良影响，'.repeat(16)}；\n（二）超标准配备、使用办公用房；\n（三）其他违反规定的行为。`;
    const list = { lead, total: 3, shown: 3, withLead: true };
    const item = { lead, total: 3, shown: 1, withLead: false };
    const scored = [
      { ...(sentence(whole, 1) as object), list },
      { ...(sentence('（二）超标准配备、使用办公用房；', 0.95) as object), list: item },
      { ...(sentence(`（一）甲事项办理不当，${'造成不良影响，'.repeat(16)}；`, 0.3) as object), list: item },
    ];
    const picked = pickSentences(scored as never, [], 3, chunk);
    expect(formatQuoted(picked, 500).text).toBe(
      '《示例》第三条：「有下列行为之一的，给予警告处分：…（二）超标准配备、使用办公用房；」（…，共三项，详见《示例》第三条）',
    );
    // A question asking for the items gets the whole list.
    expect(pickSentences(scored as never, [], 3, chunk, true)[0]!.quote).toBe(whole);
    // A short list (up to 160 characters) is quoted whole: its items are the alternatives.
    const short = `${lead}\n（一）甲事项办理不当；\n（二）超标准配备、使用办公用房；\n（三）其他违反规定的行为。`;
    const shortScored = [
      { ...(sentence(short, 1) as object), list },
      { ...(sentence('（二）超标准配备、使用办公用房；', 0.95) as object), list: item },
    ];
    expect(pickSentences(shortScored as never, [], 3, chunk)[0]!.quote).toBe(short);
  });

  it('answers each part of a two-part question', () => {
    const ask = (quote: string, score: number, asks: number[]) => ({ ...(sentence(quote, score) as object), asks });
    const scored = [
      ask('考核时检查工作情况。', 1, [0.9, 0]),
      ask('年度考核中检查下级。', 0.9, [0.8, 0]),
      ask('每年考核一次。', 0.8, [0.7, 0]),
      ask('失职失责的，予以问责。', 0.4, [0, 0.8]),
    ];
    expect(pickSentences(scored as never, [], 3, chunk).map((p) => p.quote)).toEqual([
      '考核时检查工作情况。',
      '年度考核中检查下级。',
      '失职失责的，予以问责。',
    ]);
  });

  it('answers a part with the clause that fits when its whole sentence would not (twentieth round)', () => {
    const ask = (quote: string, score: number, asks: number[], cut?: { before: boolean; after: boolean }) => ({
      ...(sentence(quote, score) as object),
      asks,
      ...(cut ? { cut } : {}),
    });
    const clause = '做到例会必学、座谈必学';
    const whole = `${'甲'.repeat(60)}，${clause}，${'乙'.repeat(120)}。`;
    const scored = [
      ask(`开展专题培训，以${'丙'.repeat(100)}为重点。`, 1, [0.9, 0]),
      ask(whole, 0.3, [0, 0.6]),
      ask(clause, 0.1, [0, 0.6], { before: true, after: true }),
    ];
    const quotes = pickSentences(scored as never, [], 3, chunk).map((p) => p.quote);
    expect(quotes).toHaveLength(2);
    expect(quotes[1]).toContain(clause);
    expect(quotes[1]).not.toBe(whole);
  });

  it('quotes the exception after a rule of what generally holds (twentieth round)', () => {
    const rule = '因过失违规情节较轻的，一般应当给予警告处分。';
    const exception = '对于个别可以免予处分的，应当报请上一级组织批准。';
    const unit = { ...chunk, text: `${'条'.repeat(200)}。${rule}${exception}其他事项另行规定。` } as Chunk;
    const scored = [sentence(rule, 1, unit), sentence('其他事项另行规定。', 0.2, unit), sentence(exception, 0.1, unit)];
    expect(pickSentences(scored, [], 3, unit).map((p) => p.quote)).toEqual([rule, exception]);
    // A sentence after a rule that holds without exception is not brought in.
    const plain = '因过失违规情节较轻的，应当给予警告处分。';
    const other = { ...unit, text: `${'条'.repeat(200)}。${plain}${exception}` } as Chunk;
    expect(pickSentences([sentence(plain, 1, other), sentence(exception, 0.1, other)], [], 3, other)).toHaveLength(1);
  });

  it('answers a part from the first quote’s unit when that unit answers it, not from another that also names it', () => {
    const other = { ...chunk, unit: 'a9' } as Chunk;
    const ask = (quote: string, score: number, asks: number[], c = chunk) => ({
      ...(sentence(quote, score, c) as object),
      asks,
    });
    const scored = [
      ask('中央实行巡视制度。', 1, [1, 0]),
      ask('干扰巡视巡察工作的，给予警告处分。', 0.9, [1, 1], other),
      ask('市县委员会建立巡察制度。', 0.5, [0, 1]),
    ];
    expect(pickSentences(scored as never, [], 3, chunk).map((p) => p.quote)).toEqual([
      '中央实行巡视制度。',
      '市县委员会建立巡察制度。',
    ]);
  });

  it('adds no penalty from another article to an answer about what something is, but does to a question on conduct', () => {
    const other = { ...chunk, unit: 'a9' } as Chunk;
    const scored = [sentence('中央实行巡视制度。', 1), sentence('干扰巡视工作的，给予警告处分。', 0.9, other)];
    expect(pickSentences(scored, [], 3, chunk).map((p) => p.quote)).toEqual(['中央实行巡视制度。']);
    expect(pickSentences(scored, [], 3, chunk, false, true)).toHaveLength(2);
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

  it('a sentence brought in for a second asked kind replaces a further one, not the one brought in for the first', () => {
    const scored = [
      sentence(`第一句${'甲'.repeat(100)}。`, 1),
      sentence(`第二句${'乙'.repeat(100)}。`, 0.8),
      sentence(`第三句${'丙'.repeat(45)}。`, 0.7),
      { ...(sentence('宁委办发〔2017〕39号', 0.1) as object), relevance: 0.5 },
      { ...(sentence('2017年5月12日', 0.1) as object), relevance: 0.5 },
    ];
    const kinds = [
      { kind: 'count', measure: '号', docNumber: true, own: true },
      { kind: 'date', issued: true },
    ] as const;
    const picked = pickSentences(scored as never, [...kinds], 3, chunk);
    expect(picked.map((p: { quote: string }) => p.quote.slice(0, 3)).sort()).toEqual(['201', '宁委办', '第一句']);
  });

  it('a quote run on to its sentence’s end after the length check does not take the answer over 300 characters', () => {
    const whole = `违反规定${'甲'.repeat(100)}，情节较重的，给予警告处分${'乙'.repeat(100)}。`;
    const part = { ...(sentence(`违反规定${'甲'.repeat(100)}`, 0.9) as object), cut: { before: false, after: true } };
    const scored = [sentence(`第一句${'丙'.repeat(90)}。`, 1), part, sentence(whole, 0.1)];
    const picked = pickSentences(scored as never, [], 3, chunk, false, true);
    expect(picked.map((p: { quote: string }) => p.quote.slice(0, 3))).toEqual(['第一句']);
    expect([...formatQuoted(picked, 500).text].length).toBeLessThanOrEqual(300);
  });

  it('a quote cut to fit the answer is never closed as complete', () => {
    const long = { chunk, quote: `${'很长的一句话，'.repeat(20)}结尾。` } as never;
    const out = formatQuoted([long], 60);
    expect(out.text).toMatch(/…」$/);
  });
});

describe('matching text (twelfth round)', () => {
  it('reads a legal alternative both ways, as retrieval does: 退（离）休 holds 退休 and 离休', () => {
    const text = matchText('离职或者退（离）休后违反有关规定');
    expect(text).toContain('退休');
    expect(text).toContain('离休');
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

  it('says a document named in book-title marks is not collected, and answers from one named loosely (fifteenth round)', async () => {
    const absent = await k.answerer.answer('听说新出了个《党员网络行为十条禁令》，具体是哪十条？');
    expect(absent.refused).toBe(true);
    expect(absent.text).toMatch(/^现有文件中没有收录《党员网络行为十条禁令》/);
    expect(absent.citations).toEqual([]);
    const loose = await k.answerer.answer('《廉洁准则》对家风有啥要求');
    expect(loose.refused).toBe(false);
    expect(loose.citations.map((c) => c.doc)).toContain('《廉洁自律准则》');
  });

  it('matches the sentences without the name of the document the member looks in (fourteenth round)', async () => {
    // 廉洁 of 廉洁自律准则上 would otherwise pick 廉洁从政 over the article on public and private.
    const a = await k.answerer.answer('廉洁自律准则上关于公和私的关系怎么写的');
    expect(a.text.split('\n')[0]).toContain('公私分明');
  });

  it('brings in the sentence of the quoted article that gives the value asked (fourteenth round)', async () => {
    // The article's first sentence matches the words (保留在学校); its third gives how long (一般不超过2年).
    const a = await k.answerer.answer('大学毕业了工作还没定，党组织关系放在学校可以放多久');
    expect(a.text).toContain('一般不超过2年');
  });

  it('quotes a list of the party constitution with its length when it cannot quote it whole', async () => {
    const a = await k.answerer.answer('党员必须履行哪些义务');
    expect(a.refused).toBe(false);
    expect(a.text).toContain('《党章》第三条');
    if (!a.text.includes('（八）')) expect(a.text).toContain('共八项，详见《党章》第三条');
    for (const c of a.citations)
      expect(k.index.docs.map((d) => squashSpace(d.text)).join('\n')).toContain(squashSpace(c.quote));
  });

  it('answers conduct told only in a unit’s members’ words, which its sentences never share', async () => {
    const a = await k.answerer.answer('他一门心思吃喝玩乐，违不违纪');
    expect(a.refused).toBe(false);
    expect(a.citations[0]).toMatchObject({ doc: '《纪律处分条例》', clause: '第一百五十条' });
  });

  it('answers a particular of the document at hand from its cover notice, not refusing its everyday words', async () => {
    const a = await k.answerer.answer('这个通知文号多少 哪天发的');
    expect(a.refused).toBe(false);
    expect(a.text).toContain('宁委办发〔2017〕39号');
    expect(a.text).toContain('2017年5月12日');
  });

  it('gives the number of the document at hand, not the numbers of the documents it cites', async () => {
    const a = await k.answerer.answer('这份文件的文号是多少');
    expect(a.text).toContain('宁委办发〔2017〕39号');
    expect(a.text).not.toContain('中办发〔2017〕23号');
  });

  it('names who issued a document from its own record of it, first; says so where a document has none', async () => {
    const notice = await k.answerer.answer('这份通知的发文机关是哪个');
    expect(notice.citations[0]?.quote).toContain('中共南京市委办公厅印发');
    const rules = await k.answerer.answer('纪律处分条例是谁发布的');
    expect(rules.citations[0]?.quote).toContain('中共中央发布）');
    const none = await k.answerer.answer('廉洁自律准则是谁发的');
    expect(none.refused).toBe(true);
    expect(none.text).toMatch(/^文件没有写明发文单位。/);
  });

  it('answers each part of a two-part question, a lexicon phrase cut by the segmenter included (往后推 → 延期)', async () => {
    expect(phrasesIn('可以往后推吗')).toContain('往后推');
    const a = await k.answerer.answer('代表大会每届几年？可不可以往后推');
    expect(a.text).toContain('每五年举行一次');
    expect(a.text).toContain('延期举行');
  });

  it('answers each part with the value it asks for, from the sentence after the one naming its matter', async () => {
    const a = await k.answerer.answer('毕业生党员的组织关系留在学校能留多久？出国读书的多久联系一次');
    expect(a.text).toContain('一般不超过2年');
    expect(a.text).toContain('每半年至少与其联系1次');
  });

  it('answers a count term the documents spell out as its items, not refusing it as absent (“四性”)', async () => {
    const a = await k.answerer.answer('党内政治生活要增强“四性”，哪四性来着');
    expect(a.refused).toBe(false);
    expect(a.text).toContain('政治性、时代性、原则性、战斗性');
  });

  it('quotes a sentence too long for an answer as its part that answers, marked as cut', async () => {
    const terms = await k.answerer.answer('实施方案里讲的四个意识是哪四个');
    expect(terms.text).toContain('政治意识、大局意识、核心意识、看齐意识');
    expect(terms.text).toMatch(/「…/);
    expect([...terms.text].length).toBeLessThanOrEqual(300);
    const aim = await k.answerer.answer('两学一做常态化到头来是给建设什么样的南京提供组织保证');
    expect(aim.text).toContain('“强富美高”新南京');
    expect([...aim.text].length).toBeLessThanOrEqual(300);
    // A list question's sentence of ；-separated parts is its list, quoted whole.
    const ways = await k.answerer.answer('学讲话有哪几种学法');
    expect(ways.text).toContain('要原原本本学');
    expect(ways.text).toContain('要融会贯通学');
  });

  it('answers both sides of a comparison from the article that sets up both', async () => {
    const a = await k.answerer.answer('巡视制度与巡察制度是一回事吗');
    expect(a.citations[0]).toMatchObject({ doc: '《党章》', clause: '第十四条' });
    expect(a.text).toContain('实行巡视制度');
    expect(a.text).toContain('建立巡察制度');
    expect(a.text).not.toContain('给予');
  });

  it('a sentence writing the full form of a short name the question uses answers first (共青团 → 中国共产主义青年团)', async () => {
    expect(withQuestionForms(['共青团', '定位'], '中国共产主义青年团是…')).toBe('中国共产主义青年团是… 共青团');
    expect(withQuestionForms(['共青团'], '共青团中央委员会')).toBe('共青团中央委员会');
    const a = await k.answerer.answer('共青团在党章里是怎么定位的');
    expect(a.citations[0]?.quote).toMatch(/^中国共产主义青年团是/);
  });

  it('asked what the rules say about conduct, quotes the sentence on to its end, where the consequence is', async () => {
    const a = await k.answerer.answer('党员领导干部的子女在他管辖的地区经商，条例怎么规定的');
    expect(a.text).toContain('《纪律处分条例》第一百零七条');
    expect(a.text).toContain('其本人应当辞去现任职务');
    expect(asksWhatFollows('纪律上怎么说')).toBe(true);
    expect(asksWhatFollows('这种情况会怎么处理')).toBe(true);
    expect(asksWhatFollows('党章第三条讲了什么')).toBe(false);
    expect(asksWhatFollows('这事党纪上怎么算')).toBe(true);
    expect(asksWhatFollows('党龄怎么算')).toBe(false);
  });

  it("found by members' words, quotes the main provision, not a paragraph that applies it (依照前款规定处理)", async () => {
    const a = await k.answerer.answer('党员赌博被行政拘留了，党内怎么处理');
    expect(a.citations[0]).toMatchObject({ doc: '《纪律处分条例》', clause: '第三十条' });
    expect(a.citations[0]!.quote).not.toMatch(/前款/);
  });

  it('reads a shortening the text writes apart (吸毒 as 吸食、注射毒品), but not a phrase of function characters', async () => {
    expect(splitAbbreviation('党员有嫖娼或者吸食、注射毒品等丑恶行为的', '吸毒')).toBe(true);
    expect(splitAbbreviation('吸食。毒品', '吸毒')).toBe(false);
    expect(splitAbbreviation('每届任期三年', '每年')).toBe(false);
    expect(splitAbbreviation('要按时召开', '要开')).toBe(false);
    const a = await k.answerer.answer('党员吸毒的话党内会给什么处分');
    expect(a.citations[0]?.quote).toContain('吸食、注射毒品');
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

describe('asked whether something is allowed (eleventh round)', () => {
  let plan: Knowledge;
  beforeAll(async () => {
    plan = await createKnowledge(testConfig(), silentLogger);
  });
  afterAll(async () => {
    await plan.close();
    removeTempDirs();
  });

  it('quotes the rule that forbids it, though another sentence of the clause shares more of the words', async () => {
    const a = await plan.answerer.answer('年轻党员多，想把党小组会弄得跟联欢一样热闹些，行吗');
    expect(a.citations[0]).toMatchObject({ doc: '《实施方案》', clause: '第16条' });
    expect(a.text).toContain('坚决防止表面化、形式化、娱乐化、庸俗化');
  });
});

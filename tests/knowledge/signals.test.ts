// Signals on the real corpus: how much of a question's vocabulary the corpus knows, and which unit defines a
// numbered term.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../ground/logger.js';
import {
  askedListTerms,
  asksListOf,
  defines,
  introduces,
  kindsAskedOf,
  listHead,
  namesKindsOf,
  namedQuotedTerms,
  numberedTerms,
  withListHeads,
} from '../../knowledge/enumeration.js';
import { createKnowledge, type Knowledge } from '../../knowledge/index.js';
import { knownShare } from '../../knowledge/retriever.js';
import { domainLift, liftWords } from '../../knowledge/domain.js';
import { continues } from '../../knowledge/sentence-scoring.js';
import { DEFAULT_POLICY, judge } from '../../knowledge/refusal.js';
import { conductLift } from '../../knowledge/answerer.js';
import { asksWhatFollows } from '../../knowledge/question-kind.js';
import type { Chunk } from '../../knowledge/chunk.js';
import type { Retrieval } from '../../knowledge/retriever.js';
import { CORPUS_DIR, removeTempDirs, testConfig } from './fixtures.js';

let full: Knowledge;
beforeAll(async () => {
  full = await createKnowledge(testConfig({ CORPUS_DIR }), silentLogger);
});
afterAll(() => removeTempDirs());

describe('known vocabulary', () => {
  it('is high for words of the party documents and low for other matters', () => {
    const { index } = full;
    const share = (q: string) => knownShare(index.tokenizer.words(q), index);
    expect(share('党员 处分 组织生活 党费')).toBe(1);
    expect(share('健身房 烤鸭 篮球赛')).toBe(0);
    expect(share('党员 烤鸭')).toBe(0.5);
    // Single characters say little and are left out; a question of none counts as known.
    expect(share('的 了')).toBe(1);
  });

  it('the retrieval carries it', async () => {
    const r = await full.retriever.retrieve('党员受到处分以后多久可以恢复党员权利');
    expect(r.known).toBeGreaterThan(0.8);
  });
});

describe('domain lift', () => {
  const lift = (q: string) => domainLift(full.index.tokenizer.words(q), full.index.bm25);

  it("is high for the documents' own words, low for words they share with general Chinese", () => {
    for (const q of ['党员违纪以后怎么处分', '党费交给谁', '入党要经过哪些程序'])
      expect(lift(q), q).toBeGreaterThanOrEqual(DEFAULT_POLICY.domainStrong);
    // 影响, 申请, 今天 occur in the documents, but no more often than anywhere else.
    for (const q of ['社保断缴几个月有什么影响', '新能源车牌照怎么申请', '股票今天涨了还是跌了'])
      expect(lift(q), q).toBeLessThan(DEFAULT_POLICY.domainMin);
    // No word of the question is a corpus token.
    expect(lift('高铁票怎么退改签')).toBe(Number.NEGATIVE_INFINITY);
  });

  it('reads a compound the corpus lacks by its head: a kind of 党员 is about 党员, a tax is not about 所得', () => {
    const { bm25, tokenizer } = full.index;
    const words = (q: string) =>
      liftWords(
        tokenizer.words(q),
        (w) => bm25.has(w),
        (w) => tokenizer.tokenize(w),
      );
    expect(bm25.has('新党员')).toBe(false);
    expect(words('新党员')).toEqual(['党员']);
    expect(domainLift(words('新党员的试用期多长'), bm25)).toBeGreaterThanOrEqual(DEFAULT_POLICY.domainStrong);
    expect(words('企业所得税')).not.toContain('所得');
    expect(domainLift(words('企业所得税汇算清缴怎么办'), bm25) ?? 0).toBeLessThan(DEFAULT_POLICY.domainMin);
  });

  it('refuses a question on other matters plainly and answers an on-topic one its words match poorly', async () => {
    const off = await full.answerDetailed('住房公积金贷款额度是怎么算的');
    expect(off.mode).toBe('refusal');
    expect(off.reason).toMatch(/^domain/);
    expect(off.citations).toEqual([]);
    // Colloquial background, few of the article's words: still a question about party discipline.
    const on = await full.answerDetailed(
      '我们处里有个老同志平时挺老实的，这次喝多了酒在饭桌上跟人吹牛，把纪律审查还没公开的事说出去了，这要怎么处理',
    );
    expect(on.refused).toBe(false);
    expect(on.citations.length).toBeGreaterThan(0);
  });

  it('declines to write text for the member, saying what it does instead', async () => {
    const a = await full.answerDetailed('帮我写一段端午节给退休老同志的慰问短信');
    expect(a.mode).toBe('refusal');
    expect(a.reason).toBe('composition');
    expect(a.text).toContain('不代写文稿');
    expect(a.citations).toEqual([]);
  });

  it('says which options the documents do not choose between, quoting the closest provision', async () => {
    const a = await full.answerDetailed('思想汇报交给支部要手写还是打印');
    expect(a.mode).toBe('not-stated');
    expect(a.text).toMatch(/^文件没有规定是手写还是打印。相关规定：《/);
  });

  it('does not give a minimum as the maximum asked, and answers the bound the text states (nineteenth round)', async () => {
    const most = await full.answerDetailed('党员参加集中培训，一年最多能计多少学时');
    expect(most.mode).toBe('not-stated');
    expect(most.text).toMatch(/^文件没有规定上限。相关规定：《党员教育管理工作条例》第二十条「[^」]*不少于32学时/);
    expect(most.reason).toBe('no count bound');
    const floor = await full.answerDetailed('大学毕业后党组织关系暂留母校，至少得保留多长时间');
    expect(floor.text).toMatch(/^文件没有规定下限。相关规定：《党员教育管理工作条例》第三十四条「[^」]*不超过2年/);
    const least = await full.answerDetailed('党员集中培训每年最少多少学时');
    expect(least.mode).toBe('extractive');
    expect(least.text).toContain('不少于32学时');
  });

  it('answers options put in members’ words where a sentence matches the question well (thirteenth round)', async () => {
    const a = await full.answerDetailed('方案里对农村、社区、学校这些不同地方是一刀切还是分开搞');
    expect(a.mode).toBe('extractive');
    expect(a.text).toContain('分类制定实施方案');
  });
});

describe('numbered terms', () => {
  it('a unit defines a term when it introduces it with a colon or lists its items', () => {
    const [t] = numberedTerms('班子成员的6个1具体是啥');
    expect(t).toMatchObject({ n: 6 });
    expect(defines('领导班子成员要做到“六个一”：制定一份年度自学计划', t!)).toBe(true);
    expect(defines('班子成员要做到“六个一”，党员领导干部要学在前', t!)).toBe(false);
    const [four] = numberedTerms('四个意识指什么');
    expect(defines('必须不断增强政治意识、大局意识、核心意识、看齐意识', four!)).toBe(true);
    expect(defines('不断增强“四个意识”，坚定“四个自信”', four!)).toBe(false);
  });

  it('reads a span of time or a headcount as no term (八个月, 两个人)', () => {
    expect(numberedTerms('人已经失联八个月了，怎么处理')).toEqual([]);
    expect(numberedTerms('两个人一起去的，算不算')).toEqual([]);
    expect(numberedTerms('三个多小时的会')).toEqual([]);
    // Members counted by kind (twenty-first round); a term before 党员 stays a term.
    expect(numberedTerms('单位里有两个预备党员和三个正式党员')).toEqual([]);
    expect(numberedTerms('支部就两个支委')).toEqual([]);
    expect(numberedTerms('争做四个合格党员')).toEqual([{ n: 4, head: '合格', term: '四个合格' }]);
  });

  it('reads a count term without 个 only where the member quotes or asks it (twelfth round)', () => {
    expect(numberedTerms('要增强“四性”，哪四性来着')).toEqual([{ n: 4, head: '性', term: '四性' }]);
    expect(numberedTerms('两学一做是啥')).toEqual([]);
    expect(numberedTerms('四个意识是哪四个').map((t) => t.term)).toEqual(['四个意识']);
  });

  it('reads N negations of one word as a numbered term (三不腐; thirteenth round)', () => {
    const [t] = numberedTerms('常说的三不腐是啥');
    expect(t).toEqual({ n: 3, head: '腐', term: '三不腐', negated: true });
    expect(defines('着力构建不敢腐、不能腐、不想腐的体制机制', t!)).toBe(true);
    expect(defines('坚决反对腐败', t!)).toBe(false);
    // 三不知道 and 四不两直 are not of that shape.
    expect(numberedTerms('这事三不知道')).toEqual([]);
    expect(numberedTerms('四不两直什么意思')).toEqual([]);
  });

  it('reads the list term an asking phrase takes from the topic, not a plain counted noun (thirteenth round)', () => {
    const heads = (topic: string, q: string) => askedListTerms(topic, q).map((t) => [t.n, t.head]);
    expect(heads('党内政治生活要增强 性阿', '党内政治生活要增强哪四个性阿')).toContainEqual([4, '性']);
    expect(heads('党内政治生活要增强 “性”', '党内政治生活要增强几个“性”，是哪几个')).toEqual([[3, '性']]);
    expect(heads('三查三改查的是', '三查三改查的是哪三个方面')).toEqual([]);
  });

  it('answers what an abbreviation the documents never write holds, where a top unit lists its items', async () => {
    const a = await full.answerDetailed('三不腐指的是啥');
    expect(a.refused).toBe(false);
    expect(a.text.split('\n')[0]).toContain('不敢腐、不能腐、不想腐');
    // Counted everyday nouns make no such term: still off-topic.
    expect((await full.answerDetailed('周末三个人去哪玩')).mode).toBe('refusal');
  });

  it('a quoted term of the corpus the question names is defined where the text introduces it (seventh round)', async () => {
    const quoted = new Set(['三查三改', '五查五改', '两学一做']);
    expect(namedQuotedTerms('我们支部三查三改要查哪几个方面', quoted)).toEqual(['三查三改']);
    expect(introduces('党支部要突出“三查三改”：查找分析组织生活是否经常', '三查三改')).toBe(true);
    expect(introduces('党员突出“五查五改”、党委突出“四查四改”、党支部突出“三查三改”，推动', '三查三改')).toBe(false);
    // On the real corpus the clause that introduces it outranks the cover notice that only names it.
    const top = (await full.retriever.retrieve('我们支部三查三改要查哪几个方面')).hits[0]!.chunk;
    expect(top.unit).toBe('c11');
  });

  it('a unit whose opening sentence introduces the list a question asks for defines it (eighth round)', async () => {
    expect(listHead('党员必须履行下列义务：')).toBe('义务');
    expect(listHead('党的全国代表大会的职权是：')).toBe('职权');
    expect(listHead('对党员的纪律处分种类：')).toBe('种类');
    // Cases announced, not a list of 处理; a list of conduct (下列行为之一) names no list head.
    expect(listHead('对违纪后下落不明的党员，应当区别情况作出处理：')).toBeUndefined();
    expect(listHead('有下列行为之一的，给予警告处分：')).toBeUndefined();
    expect(asksListOf('党员得尽到哪些义务', '党员得尽到 义务', '义务')).toBe(true);
    expect(asksListOf('义务教育怎么报名', '义务教育报名', '义务')).toBe(false);
    // Typed by pinyin: 权力 for 权利.
    expect(asksListOf('党员有哪些权力', '党员 权力', '权利')).toBe(true);
    // A list asked for in a word that sounds like a unit's list head is that list; not when the word is asked about.
    const heads = new Set(['权利', '义务']);
    expect(withListHeads('支部党员有哪些权力？', '支部党员 权力', heads)).toBe('支部党员 权利');
    expect(withListHeads('有哪些权力不能下放', '权力不能下放', heads)).toBe('权力不能下放');
    expect(withListHeads('手里的权力怎么用', '手里的权力 用', heads)).toBe('手里的权力 用');
    // On the real corpus the list of duties outranks a short article that names 义务 twice (预备党员的义务…).
    const top = (await full.retriever.retrieve('党员得尽到哪些义务')).hits[0]!.chunk;
    expect([top.docId, top.unit]).toEqual(['dangzhang_2022', 'a3']);
  });
});

describe('the subject of the ask', () => {
  const chunk = { short: '《示例》', clause: '第九条', docId: 'example', unit: 'a9', text: '' } as Chunk;
  const retrieval = (question: string, words: string[]): Retrieval => ({
    question,
    tokens: words,
    words,
    known: 1,
    hits: [{ chunk, score: 1, bm25: 1, cosine: 0, coverage: 0.6, bigrams: 0.6 }],
  });
  const said = (quote: string) => ({ chunk, quote, lexical: 0.5, relevance: 0.5, score: 0.5, kinds: 0, listed: false });
  const weigher = { idf: (w: string) => (w === '任期' ? 2 : 5) };

  it('a value the text gives for something else does not answer: not stated, quoting the closest provision', () => {
    const r = retrieval('我们想了解一下，小组长任期几年', ['了解', '小组长', '任期']);
    const v = judge(r, [said('委员会每届任期三年至五年。')] as never, DEFAULT_POLICY, 6, weigher);
    // 任期 is there, but 小组长 — what the ask is about — is not, and the background clause does not count.
    expect(v.outcome).toBe('answer');
    const strict = { ...DEFAULT_POLICY, subjectShare: 0.5 };
    expect(judge(r, [said('委员会每届任期三年至五年。')] as never, strict, 6, weigher)).toMatchObject({
      outcome: 'not-stated',
      reason: 'no duration',
    });
    const none = retrieval('活动室的面积是多少', ['活动室', '面积']);
    expect(judge(none, [said('预备期为一年。')] as never, DEFAULT_POLICY, 6, weigher)).toMatchObject({
      outcome: 'not-stated',
    });
    // The same value for the thing asked answers.
    const own = retrieval('小组长任期几年', ['小组长', '任期']);
    expect(judge(own, [said('小组长每届任期两年。')] as never, DEFAULT_POLICY, 6, weigher).outcome).toBe('answer');
  });

  it('asking whether conduct is allowed needs a little less coverage than a question telling no conduct (fifteenth round)', () => {
    const low = (question: string, coverage: number): Retrieval => ({
      ...retrieval(question, ['战友会', '牵头', '参加']),
      hits: [{ chunk, score: 1, bm25: 1, cosine: 0, coverage, bigrams: coverage }],
    });
    const judged = (q: string, c: number) =>
      judge(low(q, c), [said('组织、参加自发成立的战友会。')] as never, DEFAULT_POLICY, 6, weigher);
    expect(judged('老战友要搞个战友会，想让我牵头张罗，这个我能参加吗', 0.17).outcome).toBe('answer');
    expect(judged('老战友要搞个战友会，想让我牵头张罗', 0.17)).toMatchObject({
      outcome: 'refusal',
      reason: 'coverage 0.17',
    });
    expect(judged('党员家里能不能养两条大狗', 0.14).outcome).toBe('refusal');
  });

  it('a frequency of something else does not answer, though the ask says 一次 and the clause is cut short (twelfth round)', () => {
    const r = retrieval('党小组会多久开一次', ['党小组', '一次']);
    // A clause cut from a long sentence has no punctuation, yet it is no field line (a date, a number) of its unit.
    const clause = { ...said('每季度听取一次分管部门情况汇报'), cut: { before: true, after: true } };
    expect(judge(r, [clause] as never, DEFAULT_POLICY, 6, weigher)).toMatchObject({
      outcome: 'not-stated',
      reason: 'no frequency',
    });
    expect(judge(r, [said('党小组会每月召开一次。')] as never, DEFAULT_POLICY, 6, weigher).outcome).toBe('answer');
  });

  /** A unit whose first sentence names the matter and whose next gives its term, asked with `question`. */
  const retainedInSchool = (question: string, words: string[]) => {
    const text = '高校党组织对组织关系保留在学校的毕业生党员，应当继续履行管理职责。组织关系保留时间一般不超过2年。';
    const unit = { ...chunk, text } as Chunk;
    const r = {
      ...retrieval(question, words),
      hits: [{ chunk: unit, score: 1, bm25: 1, cosine: 0, coverage: 0.6, bigrams: 0.6 }],
    };
    const first = {
      ...said('高校党组织对组织关系保留在学校的毕业生党员，应当继续履行管理职责。'),
      chunk: unit,
      lexical: 0.4,
      relevance: 0.4,
    };
    const next = { ...said('组织关系保留时间一般不超过2年。'), chunk: unit, lexical: 0.15, relevance: 0.15 };
    return { r, unit, first, next };
  };

  it('takes the value from the sentence right after the best one, which continues it (twelfth round)', () => {
    const { r, first, next } = retainedInSchool('毕业后组织关系暂时留学校，可以留多长时间', ['组织关系', '学校']);
    expect(continues(first as never, next as never)).toBe(true);
    expect(continues(next as never, first as never)).toBe(false);
    expect(judge(r, [first, next] as never, DEFAULT_POLICY, 6, weigher).outcome).toBe('answer');
  });

  it('reads the sentence that continues the best one as about what the best one names (twentieth round)', () => {
    // The ask names 学校 alone, which only the first sentence holds.
    const { r, unit, first, next } = retainedInSchool('已经毕业，单位还没落实，关系放那边，学校那边能留多久', [
      '毕业',
      '单位',
      '学校',
    ]);
    expect(judge(r, [first, next] as never, DEFAULT_POLICY, 6, weigher).outcome).toBe('answer');
    // The same term in a sentence of another unit, not about 学校, still does not supply it.
    const elsewhere = { ...next, chunk: { ...unit, text: '组织关系保留时间一般不超过2年。' } as Chunk };
    expect(judge(r, [first, elsewhere] as never, DEFAULT_POLICY, 6, weigher).outcome).toBe('not-stated');
  });

  it('takes the value from the unit ranked first, though another unit shares more words with the question (twenty-first round)', () => {
    const first = { ...chunk, unit: 'a13' } as Chunk;
    const other = { ...chunk, unit: 'a41' } as Chunk;
    const r: Retrieval = {
      ...retrieval('受了开除的处分，要隔几年才能重新入党', ['开除', '处分', '入党']),
      hits: [
        { chunk: first, score: 1, bm25: 1, cosine: 0, coverage: 0.6, bigrams: 0.6 },
        { chunk: other, score: 0.7, bm25: 1, cosine: 0, coverage: 0.6, bigrams: 0.6 },
      ],
    };
    const value = { ...said('受到开除党籍处分的，五年内不得重新入党。'), chunk: first, lexical: 0.12, relevance: 0.12 };
    const closer = { ...said('坚持错误不改的，应当开除党籍。'), chunk: other, lexical: 0.3, relevance: 0.3 };
    expect(judge(r, [value, closer] as never, DEFAULT_POLICY, 6, weigher).outcome).toBe('answer');
    // The same sentence in a unit ranked below does not answer: the value may be another matter's.
    const swapped = {
      ...r,
      hits: [
        { ...r.hits[1]!, score: 1 },
        { ...r.hits[0]!, score: 0.5 },
      ],
    };
    expect(judge(swapped, [value, closer] as never, DEFAULT_POLICY, 6, weigher).outcome).toBe('not-stated');
  });

  it('reads an ask in words the first unit never uses as about the background told before it (twenty-first round)', () => {
    const sentence = {
      ...said('受到撤销党内职务处分的，二年内不得担任与其原任职务相当的职务。'),
      lexical: 0.2,
      relevance: 0.2,
    };
    const told = retrieval('党内职务被拿掉了，隔几年可以再当同级的', ['党内', '职务', '拿掉', '再当', '同级']);
    expect(judge(told, [sentence] as never, DEFAULT_POLICY, 6, weigher).outcome).toBe('answer');
    // Without a background clause the ask alone says what the value is about.
    const bare = retrieval('隔几年可以再当同级的', ['再当', '同级']);
    expect(judge(bare, [sentence] as never, DEFAULT_POLICY, 6, weigher).outcome).toBe('not-stated');
  });

  it('takes items of the kind counted, named in a row, as about what is counted', () => {
    const r = retrieval('工作要讲究原则性，另外还有几个性', ['工作', '讲究', '原则性', '另外']);
    const v = judge(r, [said('增强工作的政治性、时代性、原则性、战斗性。')] as never, DEFAULT_POLICY, 6, {
      idf: (w: string) => (w === '另外' ? 9 : 1),
    });
    expect(v.outcome).toBe('answer');
  });

  it('checks the first three units, counting two parts of one unit once, and reads how soon after an event as about it', () => {
    const part = (unit: string, n: number) => ({ ...chunk, unit, part: n, id: `${unit}/${n}` }) as Chunk;
    const hit = (c: Chunk) => ({ chunk: c, score: 1, bm25: 1, cosine: 0, coverage: 0.6, bigrams: 0.6 });
    const [a1, a1b, b, c] = [part('a1', 1), part('a1', 2), part('a2', 0), part('a3', 0)];
    const r = {
      ...retrieval('有新精神传达下来，支部多快组织学习', ['精神', '传达', '支部', '组织', '学习']),
      hits: [a1, a1b, b, c].map(hit),
    };
    const soon = { chunk: c, quote: '重要精神发布后，第一时间传达学习。', lexical: 0.4, relevance: 0.4, score: 0.4 };
    const other = { ...soon, chunk: a1, quote: '支部要组织党员经常学习。', lexical: 0.5, relevance: 0.5 };
    expect(judge(r as Retrieval, [other, soon] as never, DEFAULT_POLICY, 6, weigher).outcome).toBe('answer');
  });

  it("a question in members' words written for a top unit (its keyword sidecar) is on-topic like a strong one", () => {
    const r = retrieval('有人给黑社会当后台，会怎么处理', ['有人', '黑社会', '后台', '处理']);
    const weak = [{ ...said('充当黑恶势力“保护伞”的，给予开除党籍处分。'), lexical: 0.12, relevance: 0.12 }] as never;
    // A middling lift and no close sentence: refused when the unit carries no members' words.
    expect(judge(r, weak, DEFAULT_POLICY, 3.5, weigher)).toMatchObject({ outcome: 'refusal' });
    const named = { ...r, hits: [{ ...r.hits[0]!, chunk: { ...chunk, keywords: '当后台 黑社会 村霸' } }] };
    expect(judge(named, weak, DEFAULT_POLICY, 3.5, weigher).outcome).toBe('answer');
    // Off-topic stays off-topic: the domain lift is checked first, also for a consequence question (小区物业乱收费会怎么样).
    expect(judge(named, weak, DEFAULT_POLICY, 1.2, weigher)).toMatchObject({ outcome: 'refusal' });
    expect(judge(named, weak, DEFAULT_POLICY, 1.2, weigher, 1.2)).toMatchObject({ outcome: 'refusal' });
    // Conduct told only in the unit's members' words shares nothing with its sentences by nature: what follows from it
    // is answered even when no sentence matches (tenth round).
    const none = [{ ...said('党员有下列权利。'), lexical: 0.02, relevance: 0.02 }] as never;
    expect(judge(named, none, DEFAULT_POLICY, 3.5, weigher).outcome).toBe('answer');
    expect(judge(r, none, DEFAULT_POLICY, 3.5, weigher)).toMatchObject({ outcome: 'refusal' });
    // Asking anything else, like a strong question it still needs some sentence that matches: nothing at all is refused.
    const asked = retrieval('给黑社会当后台是啥意思', ['黑社会', '后台']);
    const namedAsk = { ...asked, hits: [{ ...asked.hits[0]!, chunk: { ...chunk, keywords: '当后台 黑社会 村霸' } }] };
    expect(judge(namedAsk, none, DEFAULT_POLICY, 3.5, weigher)).toMatchObject({ outcome: 'refusal' });
    // A question naming the document its first hit is from is about that document: it needs no close sentence.
    const scoped = { ...r, scope: { docs: new Set(['example']), units: new Set<string>() } };
    expect(judge(scoped, none, DEFAULT_POLICY, 3.5, weigher).outcome).toBe('answer');
    const elsewhere = { ...r, scope: { docs: new Set(['other']), units: new Set<string>() } };
    expect(judge(elsewhere, none, DEFAULT_POLICY, 3.5, weigher)).toMatchObject({ outcome: 'refusal' });
  });

  it('each part of a two-part question is checked against the sentences that match that part (seventh round)', () => {
    const r = retrieval('中央委员会一届几年？全体会议一年至少开几次', ['中央委员会', '一届', '全体会议']);
    const meeting = { ...said('中央委员会全体会议每年至少举行一次。'), lexical: 0.6, relevance: 0.6, asks: [0.2, 0.9] };
    const term = { ...said('中央委员会每届任期五年。'), lexical: 0.25, relevance: 0.25, asks: [0.8, 0.1] };
    // The term of office matches its own part best, though less than half the best sentence overall.
    expect(judge(r, [meeting, term] as never, DEFAULT_POLICY, 6, weigher).outcome).toBe('answer');
    expect(judge(r, [meeting] as never, DEFAULT_POLICY, 6, weigher)).toMatchObject({ outcome: 'not-stated' });
  });

  it("a consequence of conduct told in words the documents share with general Chinese is on-topic when a word besides the ask is the documents' (fifth round)", () => {
    const r = retrieval('领导开会老是玩手机，会怎么处理', ['领导', '开会', '手机', '处理']);
    const weak = [{ ...said('对直接责任者和领导责任者，给予警告处分。'), lexical: 0.12, relevance: 0.12 }] as never;
    // A middling lift (领导 4.3) and no close sentence: refused without the conduct lift, as before.
    expect(judge(r, weak, DEFAULT_POLICY, 4.3, weigher)).toMatchObject({ outcome: 'refusal' });
    // 领导 lifts the words outside the ask (会怎么处理): answered.
    expect(judge(r, weak, DEFAULT_POLICY, 4.3, weigher, 4.3).outcome).toBe('answer');
    // Only the asking 处理 lifts the question (电脑中了病毒会怎么处理): still refused.
    expect(judge(r, weak, DEFAULT_POLICY, 3.5, weigher, 1.2)).toMatchObject({ outcome: 'refusal' });
    // Nothing matches at all: refused even so.
    const none = [{ ...said('党员有下列权利。'), lexical: 0.02, relevance: 0.02 }] as never;
    expect(judge(r, none, DEFAULT_POLICY, 4.3, weigher, 4.3)).toMatchObject({ outcome: 'refusal' });
  });

  it('reads the lift two words of a consequence question reach outside its ask', () => {
    const conduct = (q: string) => conductLift(full.index.tokenizer.words(q), q, full.index.bm25);
    expect(conduct('入党要经过哪些程序')).toBeUndefined();
    // 处理 is the ask; 领导 alone is one word.
    expect(conduct('领导的车违章停车会怎么处理')!).toBeLessThan(DEFAULT_POLICY.domainMin);
    expect(conduct('有领导在考察干部时打招呼要求照顾某人，会怎么处理')!).toBeGreaterThanOrEqual(
      DEFAULT_POLICY.domainMin,
    );
    // Asking whether conduct is allowed reads the same lift (fifteenth round); 参加 is the ask.
    expect(conduct('我是副处长，老乡要搞个同乡会让我牵头，这个我能参加吗')).toBeDefined();
    expect(conduct('我是副处长，老乡要搞个同乡会让我牵头，这个我能参加吗')!).toBeGreaterThanOrEqual(
      DEFAULT_POLICY.domainMin,
    );
  });

  it('refuses a consequence question on other matters on the real corpus', async () => {
    // One everyday word the documents share (个人, 单位, 领导) does not make a consequence question on-topic.
    for (const q of [
      '电脑中了病毒会怎么处理',
      '邻居家的狗天天叫，这样违法吗',
      '小区物业乱收费会怎么样',
      '个人养老金断缴会有什么后果',
      '合同到期了单位不续签会怎么样',
      '领导的车违章停车会怎么处理',
    ]) {
      const a = await full.answerDetailed(q);
      expect(a.mode, q).toBe('refusal');
      expect(a.citations, q).toEqual([]);
    }
  });

  it('refuses a made-up question around a party word that asks nothing about conduct and that the best units hardly cover (eighth round)', async () => {
    const made = await full.answerDetailed('支部群里的红包怎么抢得快');
    expect(made.mode).toBe('refusal');
    expect(made.citations).toEqual([]);
    // Conduct told in members' own words is covered as little, and still answered.
    const conduct = await full.answerDetailed('老领导退休后靠老关系帮女婿揽工程，党纪管得着吗');
    expect(conduct.mode).toBe('extractive');
    expect(asksWhatFollows('党纪管得着吗')).toBe(true);
    expect(asksWhatFollows('他这么干算什么问题')).toBe(true);
  });

  it('does not apply to asks about conduct told in the background (what penalty, who decides)', () => {
    const r = retrieval('收了老板的购物卡，会怎么处分', ['老板', '购物卡', '处分']);
    const v = judge(r, [said('情节较轻的，给予警告处分。')] as never, DEFAULT_POLICY, 6, weigher);
    expect(v.outcome).toBe('answer');
  });
});

describe('the kinds of a thing asked for (sixteenth round)', () => {
  it('reads what a question asks the kinds of, and a sentence naming them in a row', () => {
    expect(kindsAskedOf('党的纪律一共分哪几类')).toBe('纪律');
    expect(kindsAskedOf('组织生活包括哪几种')).toBe('生活');
    expect(kindsAskedOf('党的纪律有哪些要求')).toBeUndefined();
    expect(namesKindsOf('党的纪律主要包括政治纪律、组织纪律、廉洁纪律。', '纪律')).toBe(true);
    expect(namesKindsOf('严明政治纪律和组织纪律。', '纪律')).toBe(false);
  });
});

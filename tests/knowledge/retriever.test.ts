import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../ground/logger.js';
import { createKnowledge, type Knowledge } from '../../knowledge/index.js';
import { CORPUS_DIR, testConfig, removeTempDirs } from './fixtures.js';
import { pointedDocumentSpans } from '../../knowledge/scope.js';

let plan: Knowledge;
let full: Knowledge;

beforeAll(async () => {
  plan = await createKnowledge(testConfig(), silentLogger);
  full = await createKnowledge(testConfig({ CORPUS_DIR }), silentLogger);
});
afterAll(async () => {
  await plan.close();
  await full.close();
});

const topUnits = async (k: Knowledge, q: string, n = 3) =>
  (await k.retriever.retrieve(q, { k: 8 })).hits
    .map((h) => h.chunk.unit)
    .filter((u, i, a) => a.indexOf(u) === i)
    .slice(0, n);

describe('hybrid retrieval on a real built index', () => {
  it('finds the clause that answers, despite colloquial wording and numerals', async () => {
    expect(await topUnits(plan, '三会一课包括哪些会')).toContain('c16');
    expect(await topUnits(plan, '流动党员用什么制度管理')).toContain('c17');
    expect(await topUnits(plan, '党员要做到5查5改')).toContain('c11');
    expect(await topUnits(plan, '领导班子成员6个1')).toContain('c14');
  });

  it('counts coverage with a guessed modal word as its verb (要报 → 报), its words for ranking unchanged', async () => {
    const r = await plan.retriever.retrieve('三会一课的计划要报哪里');
    expect(r.words).toContain('要报');
    expect(r.covered).toContain('报');
    expect(r.covered).not.toContain('要报');
  });

  it('carries scores that mean something: coverage and cosine in 0..1', async () => {
    const r = await plan.retriever.retrieve('三会一课计划报谁备案');
    expect(r.hits[0]!.coverage).toBeGreaterThan(0.5);
    expect(r.hits[0]!.cosine).toBeGreaterThan(0);
    expect(r.hits[0]!.cosine).toBeLessThanOrEqual(1);
    const off = await plan.retriever.retrieve('红烧肉怎么做才好吃');
    expect(Math.max(...off.hits.map((h) => h.coverage))).toBeLessThan(0.2);
  });

  it('over the full corpus, party-rule questions cite the party rules', async () => {
    const a = await full.answerer.answer('预备党员的预备期是多长时间');
    expect(a.refused).toBe(false);
    expect(a.citations[0]).toMatchObject({ doc: '《党章》', clause: '第七条' });
    expect(a.text).toContain('预备党员的预备期为一年');
    const named = await full.answerer.answer('党章第三十三条讲的什么');
    expect(named.citations[0]).toMatchObject({ doc: '《党章》', clause: '第三十三条' });
    // The plan alone cannot say how many sponsors are needed; the full corpus can (《党章》第五条).
    expect((await plan.answerer.answer('入党需要几个介绍人')).refused).toBe(true);
    const sponsors = await full.answerer.answer('入党需要几个介绍人');
    expect(sponsors.refused).toBe(false);
    expect(sponsors.text).toContain('要有两名正式党员作介绍人');
    const rights = await full.answerer.answer('党员有哪些权利');
    expect(rights.text).toContain('党员享有下列权利');
  });

  it('a word nearly only one document uses points to it when the question names none (两学一做 → the plan)', async () => {
    const r = await full.retriever.retrieve('两学一做中困难党员怎么参加学习');
    expect(r.hits[0]!.chunk.docId).toBe('ningweibanfa-2017-39');
    // Named, the document named decides.
    const named = await full.retriever.retrieve('党员教育管理工作条例里困难党员两学一做怎么参加学习');
    expect(named.hits[0]!.chunk.docId).toBe('dangyuan_jiaoyu_guanli_tiaoli_2019');
  });

  it("does not lower another document's article that uses the pointing word itself (twenty-first round)", async () => {
    // 纪律处分 points to 纪律处分条例, yet the 党章's article on who decides a 纪律处分 is not elsewhere.
    const r = await full.retriever.retrieve('对党员的纪律处分要经过什么程序');
    expect(`${r.hits[0]!.chunk.docId}#${r.hits[0]!.chunk.unit}`).toBe('dangzhang_2022#a42');
  });
});

describe('how soon (eleventh round)', () => {
  it('reads 多快 as asking, like 多久: it is not a word of the topic', async () => {
    const r = await plan.retriever.retrieve('总书记有新讲话出来了，我们支部要多快组织学？');
    expect(r.words).not.toContain('快');
    expect(r.words).not.toContain('多快');
  });
});

describe('a list term asked without its number (thirteenth round)', () => {
  it("counts a list of another thing's kinds (纪律处分种类：) as no definition where a unit names the kinds asked", async () => {
    const defines = async (q: string) => {
      const r = await full.retriever.retrieve(q, { explain: true });
      const of = (unit: string) =>
        r.candidates!.find((c) => `${c.chunk.docId}#${c.chunk.unit}` === unit)?.features.defines;
      return [of('dangzhang_2022#a40'), of('jilv_chufen_tiaoli_2023#a8')];
    };
    expect(await defines('党的纪律包括哪几类')).toEqual([1, 0]);
    // Asked the kinds of penalty, the list of them still defines the answer.
    expect((await defines('处分有哪几类'))[1]).toBe(1);
  });

  it('ranks first the unit that lists the items: 几个“性”, 哪几个性', async () => {
    expect(await topUnits(plan, '党内政治生活要增强几个“性”，是哪几个', 1)).toEqual(['c2']);
    expect(await topUnits(plan, '党内政治生活要增强哪四个性阿', 1)).toEqual(['c2']);
  });
});

describe('a choice between two alternatives (eleventh round)', () => {
  it('ranks up the unit that states one of them, its lexicon forms counted (马上 ↔ 第一时间)', async () => {
    expect(await topUnits(plan, '总书记讲话一出来，我们是等季度支部大会再学，还是马上学', 1)).toEqual(['c4']);
  });
});

describe('bracketed alternatives of the party rules (fourth round)', () => {
  it('matches 领馆 and 出境 where the article writes 使（领）馆 and 出国（境）', async () => {
    expect((await topUnits(full, '向领馆申请避难怎么处理', 1))[0]).toBe('a72');
    expect((await topUnits(full, '因私出境证件违规办理', 1))[0]).toBe('a91');
  });
});

afterAll(removeTempDirs);

describe('a document named with a typo (fourteenth round)', () => {
  it('looks in the document the corrected name names: 党张上 is 党章上', async () => {
    const r = await full.retriever.retrieve('党张上对连续半年不交党费的党员怎么说');
    expect([...(r.scope?.docs ?? [])]).toEqual(['dangzhang_2022']);
    expect(r.hits[0]!.chunk.docId).toBe('dangzhang_2022');
  });
});

describe('who decides (fourteenth round)', () => {
  it('counts an article imposing a penalty less when the member asks who decides, not what follows', async () => {
    // 《党员教育管理工作条例》第三十一条 imposes a penalty; 《党章》第九条 says who decides on leaving the party.
    const ratio = async (q: string) => {
      const { hits } = await full.retriever.retrieve(q, { k: 10 });
      const score = (id: string) => hits.find((h) => `${h.chunk.docId}#${h.chunk.unit}` === id)?.score ?? 0;
      return score('dangyuan_jiaoyu_guanli_tiaoli_2019#a31') / score('dangzhang_2022#a9');
    };
    const asked = await ratio('退党要办什么手续，最后谁来定');
    expect(asked).toBeGreaterThan(0);
    expect(asked).toBeLessThan((await ratio('退党要办什么手续')) * 0.9);
  });

  it('ranks up the article saying when a penalty can be lighter when the member asks for a lighter one', async () => {
    // 《纪律处分条例》第十七条: 有下列情形之一的，可以从轻或者减轻处分. Its score against the first hit's, asked two ways.
    const share = async (q: string) => {
      const { hits } = await full.retriever.retrieve(q, { k: 10 });
      const a17 = hits.find((h) => `${h.chunk.docId}#${h.chunk.unit}` === 'jilv_chufen_tiaoli_2023#a17');
      return (a17?.score ?? 0) / hits[0]!.score;
    };
    const what = await share('收了礼以后自己主动交代了问题，会给什么处分');
    const lighter = await share('收了礼以后自己主动交代了问题，处分能轻一点吗');
    expect(what).toBeGreaterThan(0);
    expect(lighter).toBeGreaterThan(what * 1.2);
  });

  it('reads who decides about the words the member asks with, a guessed modal word as its verb (要报谁批)', async () => {
    const r = await full.retriever.retrieve('警告处分是支部开会决定就完事，还是要报谁批');
    expect(`${r.hits[0]!.chunk.docId}#${r.hits[0]!.chunk.unit}`).toBe('dangzhang_2022#a42');
  });

  it('searches the words that say by whom (决定, 批准) when the member asks in other words (fifteenth round)', async () => {
    const rank = async (q: string) =>
      (await full.retriever.retrieve(q, { k: 40 })).hits.findIndex(
        (h) => `${h.chunk.docId}#${h.chunk.unit}` === 'dangzhang_2022#a42',
      );
    // 《党章》第四十二条: 对党员的纪律处分，必须经过支部大会讨论决定，报党的基层委员会批准. Asked who decides, it climbs
    // above where the same words without the ask put it (the 纪律处分条例's short articles share 党员 and 处分).
    const plain = await rank('党员的纪律处分');
    const asked = await rank('党员的纪律处分谁说了算');
    expect(plain).toBeGreaterThanOrEqual(0);
    expect(asked).toBeGreaterThanOrEqual(0);
    expect(asked).toBeLessThan(plain);
  });
});

describe('a document with a cover notice named as where to look (fifteenth round)', () => {
  it('searches without its name, so the notice and preamble, which carry the title, do not outrank the clause', async () => {
    const q = '咱们市里那个两学一做常态化方案里，对老党员和身体不好的党员怎么安排学习';
    const top = (await full.retriever.retrieve(q, { k: 3 })).hits[0]!.chunk;
    expect([top.docId, top.unit]).toEqual(['ningweibanfa-2017-39', 'c23']);
    // The name reaches back over the title's characters, up to the kind word.
    expect(pointedDocumentSpans('两学一做方案里怎么说', ['关于推进“两学一做”学习教育常态化制度化的实施方案'])).toEqual([
      '两学一做方案',
    ]);
  });
});

describe('which body leads a work (sixteenth round)', () => {
  it('ranks the clause saying by whom the work is led above the notice and preamble that carry its title words', async () => {
    const q = '咱们南京推进两学一做常态化这个工作，到底是哪个部门牵头在抓？';
    const top = (await full.retriever.retrieve(q, { k: 3 })).hits[0]!.chunk;
    expect([top.docId, top.unit]).toEqual(['ningweibanfa-2017-39', 'c22']);
  });
});

describe('a threshold of conduct (eighteenth round)', () => {
  it('answers how long conduct told in members’ words may last before it is a violation from the unit found for it', async () => {
    const a = await full.answerer.answer('我把单位的打印机搬回家一直用着，用多久才算违纪');
    expect(a.refused).toBe(false);
    expect(a.text).toContain('第一百一十二条');
    expect(a.text).toContain('时间超过六个月');
  });
});

describe('money and papers of an outing (eighteenth round)', () => {
  it('refuses plainly, quoting nothing, where a party word surrounds a question about reimbursement', async () => {
    const a = await full.answerer.answer('支部学习活动买的矿泉水，发票抬头写支部还是写单位');
    expect(a.refused).toBe(true);
    expect(a.text).not.toContain('「');
  });
});

describe('the lead of a long opening sentence (twentieth round)', () => {
  it('counts a lead cut from a longer opening sentence at half of its coverage', async () => {
    const r = await full.retriever.retrieve('对党员的纪律处分要经过支部大会讨论决定吗', { explain: true });
    const a42 = r.candidates!.find((c) => `${c.chunk.docId}#${c.chunk.unit}` === 'dangzhang_2022#a42')!;
    // 《党章》第四十二条 opens 对党员的纪律处分，必须经过支部大会讨论决定，报党的基层委员会批准；如果…: its lead is that part.
    expect(a42.chunk.lead).toBe('对党员的纪律处分，必须经过支部大会讨论决定，报党的基层委员会批准');
    expect(a42.chunk.leadPart).toBe(true);
    // Every word of the question is in the lead, which counts half as a cut one.
    expect(a42.features.lead).toBeGreaterThan(0.3);
    expect(a42.features.lead).toBeLessThanOrEqual(0.5);
  });
});

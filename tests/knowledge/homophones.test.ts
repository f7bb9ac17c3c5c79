import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../ground/logger.js';
import { createKnowledge, type Knowledge } from '../../knowledge/index.js';
import { homophoneFixer, type HomophoneFixer } from '../../knowledge/homophones.js';
import { soundPairCodes } from '../../knowledge/pinyin.js';
import { CORPUS_DIR, removeTempDirs, testConfig } from './fixtures.js';

let plan: Knowledge;
let fix: HomophoneFixer;

beforeAll(async () => {
  plan = await createKnowledge(testConfig(), silentLogger);
  const { index } = plan;
  fix = homophoneFixer(index.grams, index.bm25, (s) => index.tokenizer.segments(s));
});
afterAll(async () => {
  await plan.close();
});

describe('homophone typos', () => {
  it('gives characters that sound alike the same syllable pairs', () => {
    expect(soundPairCodes('平议')).toEqual(soundPairCodes('评议'));
    expect(soundPairCodes('制渡')).toEqual(soundPairCodes('制度'));
    expect(soundPairCodes('评议')).not.toEqual(soundPairCodes('评语'));
    // ü is typed as v or u: 纪侓 (lu) sounds like 纪律 (lü) to the keyboard.
    expect(soundPairCodes('纪侓')).toEqual(soundPairCodes('纪律'));
  });

  it('corrects a character typed for a homophone into the corpus word', () => {
    expect(fix('推进学习教育制渡化')).toBe('推进学习教育制度化');
    expect(fix('开展民主平议')).toBe('开展民主评议');
  });

  it('corrects three or four characters one homophone away from a term of the corpus, however common the typed pair', () => {
    expect(fix('三会一客怎么开')).toBe('三会一课怎么开');
    expect(fix('民主评意')).toBe('民主评议');
  });

  it('leaves a verb typed before a word of the corpus, but corrects a noun character at the edge (fifteenth round)', () => {
    // 当 + 组织 (serving as), not 党组织; 当 + 支部书记 likewise.
    expect(fix('我刚当组织委员不太懂')).toBe('我刚当组织委员不太懂');
    expect(fix('我当支部书记两年')).toBe('我当支部书记两年');
    expect(fix('带党员去鱼花台开组织生活')).toBe('带党员去雨花台开组织生活');
  });

  it('keeps an adverb typed before a verb, but corrects the same pair inside a phrase', () => {
    // 他也先接了: 先 + 接 (took it first), never 衔接; in 上下先接工作 the pair is the typo.
    expect(fix('这事他也先接了一下')).toBe('这事他也先接了一下');
    expect(fix('做好上下先接工作')).toBe('做好上下衔接工作');
    expect(fix('通过多种再体学习')).toBe('通过多种载体学习');
  });

  it('corrects four characters one homophone away from a term even where a function character was typed', () => {
    expect(fix('对照四个和格查问题')).toBe('对照四个合格查问题');
  });

  it('leaves ordinary words and pairs across words alone', () => {
    for (const q of ['年纪大了行动不便', '我是新来的', '证在哪里', '这事归谁管']) expect(fix(q)).toBe(q);
  });

  it('leaves a common word the member typed and an abbreviated list of negations alone (thirteenth round)', () => {
    // 不通 is a word of its own, though 不同 (the corpus's word) is fifty times commoner.
    expect(fix('有个党员失联了，电话不通')).toBe('有个党员失联了，电话不通');
    expect(fix('对不童群体分类指导')).toBe('对不同群体分类指导');
    expect(fix('三不童是啥')).toBe('三不童是啥');
  });

  it('corrects a function character typed second, but never the commonest ones (thirteenth round)', () => {
    expect(fix('四个合格里的品得合格')).toBe('四个合格里的品德合格');
    for (const q of ['支部的组织生活', '这个做得好不好', '记得交党费']) expect(fix(q)).toBe(q);
  });

  it('corrects a common word typed inside a four-character phrase of the corpus, not elsewhere (twenty-first round)', async () => {
    const topic = async (q: string) => (await plan.retriever.retrieve(q)).question;
    expect(await topic('支部每月的主题当日安排些什么')).toContain('主题党日');
    // 当日 alone, or beside words the corpus never writes with 党日, is what the member meant.
    expect(await topic('会议当日要签到吗')).toContain('会议当日');
  });

  it('prefers the homophone the corpus writes beside the next character (fourteenth round)', async () => {
    // 主体 is the plan's commoner pair and 体党 occurs too (全体党员), but only 主题 stands before 党 (主题党日).
    expect((await plan.retriever.retrieve('每个月的主提党日怎么搞')).question).toContain('主题党日');
    // Without the corpus's text the commonest pair wins: the neighbour is what decides.
    expect(fix('每个月的主提党日怎么搞')).toContain('主体党日');
  });

  it('retrieves for the typed question what it retrieves for the corrected one', async () => {
    const units = async (q: string) => (await plan.retriever.retrieve(q, { k: 3 })).hits.map((h) => h.chunk.id);
    expect(await units('严格党的组织生火')).toEqual(await units('严格党的组织生活'));
  });

  it('hands the corrected question on, so the clause that asks is read in corrected words too', async () => {
    const r = await plan.retriever.retrieve('民主平议一年搞几次');
    expect(r.question).toBe('民主评议一年搞几次');
  });
});

describe('homophone typos over the whole corpus (eighteenth round)', () => {
  let fixAll: HomophoneFixer;
  let full: Knowledge;
  beforeAll(async () => {
    full = await createKnowledge(testConfig({ CORPUS_DIR }), silentLogger);
    const { index } = full;
    fixAll = homophoneFixer(index.grams, index.bm25, (s) => index.tokenizer.segments(s));
  });
  afterAll(async () => {
    await full.close();
    removeTempDirs();
  });

  it('corrects a pair the corpus writes only across two of its words (全党|令行禁止) when no dictionary has it', () => {
    expect(fixAll('问一下党令怎么计算')).toBe('问一下党龄怎么计算');
  });

  it('chooses among corrections only words of the corpus, the likelier in the dictionary on a tie (事迹, not 事机)', () => {
    expect(fixAll('表彰优秀书记的事记')).toBe('表彰优秀书记的事迹');
  });

  it('keeps a negation and the word it negates, and a verb said twice around 一', () => {
    expect(fixAll('啥都不懂')).toBe('啥都不懂');
    expect(fixAll('他就是不干')).toBe('他就是不干');
    expect(fixAll('有的先放一放')).toBe('有的先放一放');
    // A character after the negation that is itself the typo is still corrected when the negation goes with it.
    expect(fixAll('超期未贵')).toBe('超期未归');
  });
});

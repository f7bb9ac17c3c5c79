import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../ground/logger.js';
import { createKnowledge, type Knowledge } from '../../knowledge/index.js';
import { homophoneFixer, type HomophoneFixer } from '../../knowledge/homophones.js';
import { soundPairCodes } from '../../knowledge/pinyin.js';
import { testConfig } from './fixtures.js';

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
    expect(soundPairCodes('书纪')).toEqual(soundPairCodes('书记'));
    expect(soundPairCodes('决册')).toEqual(soundPairCodes('决策'));
    expect(soundPairCodes('书记')).not.toEqual(soundPairCodes('书籍的'));
  });

  it('corrects a character typed for a homophone into the corpus word', () => {
    expect(fix('学习总书纪的系列讲话')).toBe('学习总书记的系列讲话');
  });

  it('leaves ordinary words and pairs across words alone', () => {
    for (const q of ['年纪大了行动不便', '出去打工的党员', '活动证在哪领', '三会一课计划要报谁'])
      expect(fix(q)).toBe(q);
  });

  it('retrieves for the typed question what it retrieves for the corrected one', async () => {
    const units = async (q: string) => (await plan.retriever.retrieve(q, { k: 3 })).hits.map((h) => h.chunk.id);
    expect(await units('学习总书纪的系列讲话')).toEqual(await units('学习总书记的系列讲话'));
  });
});

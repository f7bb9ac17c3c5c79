// Signals on the real corpus: how much of a question's vocabulary the corpus knows, and which unit defines a
// numbered term.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../ground/logger.js';
import { defines, numberedTerms } from '../../knowledge/enumeration.js';
import { createKnowledge, type Knowledge } from '../../knowledge/index.js';
import { knownShare } from '../../knowledge/retriever.js';
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
});

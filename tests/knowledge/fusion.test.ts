import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../ground/logger.js';
import { createKnowledge, type Knowledge } from '../../knowledge/index.js';
import { FEATURE_NAMES, handScore, newCandidate, type Features } from '../../knowledge/fusion.js';
import { testConfig } from './fixtures.js';

const base = (): Features => ({ ...newCandidate().f });

describe('hand fusion (fusion.ts)', () => {
  it('grows with every channel and the lead, and favours shorter units', () => {
    const zero = handScore(base());
    expect(zero).toBe(0);
    for (const name of ['word', 'gram', 'dense', 'oov', 'char', 'lead'] as const)
      expect(handScore({ ...base(), [name]: 1 })).toBeGreaterThan(zero);
    const mid = { ...base(), word: 1, gram: 1 };
    expect(handScore({ ...mid, logLength: Math.log(4) })).toBeLessThan(handScore(mid));
    expect(handScore({ ...mid, logLength: Math.log(0.5) })).toBeGreaterThan(handScore(mid));
    expect(handScore({ ...mid, defines: 1 })).toBeGreaterThan(handScore(mid));
  });
});

describe('retrieve({ explain }) on a real built index', () => {
  let plan: Knowledge;
  beforeAll(async () => {
    plan = await createKnowledge(testConfig(), silentLogger);
  });
  afterAll(async () => {
    await plan.close();
  });

  it('lists every candidate with features whose fused order is the hits order', async () => {
    const q = '支部每个月的主题党日一般搞些什么活动';
    const r = await plan.retriever.retrieve(q, { k: 5, explain: true });
    const cands = r.candidates!;
    expect(cands.length).toBeGreaterThan(r.hits.length);
    for (const name of FEATURE_NAMES.filter((n) => n !== 'logLength'))
      for (const c of cands) {
        expect(c.features[name]).toBeGreaterThanOrEqual(0);
        expect(c.features[name]).toBeLessThanOrEqual(1);
      }
    // Each channel is normalised by its best: its best candidate has 1.
    for (const name of ['word', 'gram', 'dense', 'char'] as const)
      expect(Math.max(...cands.map((c) => c.features[name]))).toBeCloseTo(1, 9);
    const rescored = cands
      .map((c) => ({ id: c.chunk.id, score: handScore(c.features) * c.scope }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 5);
    expect(rescored.map((x) => x.id)).toEqual(r.hits.map((h) => h.chunk.id));
    r.hits.forEach((h, i) => expect(h.score).toBeCloseTo(rescored[i]!.score, 9));
  });

  it('leaves candidates out unless asked', async () => {
    const r = await plan.retriever.retrieve('三会一课包括哪些会');
    expect(r.candidates).toBeUndefined();
    expect(r.hits.length).toBeGreaterThan(0);
  });
});

// The local embedder's exact cosine search: a text finds itself first at similarity 1, scores fall in 0..1 in order,
// and a text sharing no gram with the corpus finds nothing.
import { describe, expect, it } from 'vitest';
import { fitLocalEmbedder } from '../../knowledge/embeddings.js';
import { buildSparseCosine, fitSparseCosine } from '../../knowledge/sparse-cosine.js';

const texts = [
  '党员必须按期交纳党费。',
  '党支部每年至少召开一次组织生活会。',
  '预备党员的预备期为一年，从支部大会通过之日算起。',
  '党费使用和管理要公开透明。',
];

describe('sparse cosine', () => {
  it('ranks exactly by cosine of TF-IDF gram weights', () => {
    const index = buildSparseCosine(texts, fitLocalEmbedder(texts));
    const self = index.search(texts[2]!, 4);
    expect(self[0]!.label).toBe(2);
    expect(self[0]!.similarity).toBeCloseTo(1, 5);
    const hits = index.search('党费怎么交纳', 4);
    expect(
      hits
        .map((h) => h.label)
        .slice(0, 2)
        .sort(),
    ).toEqual([0, 3]);
    expect(hits[0]!.label).toBe(0);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.similarity).toBeLessThanOrEqual(hits[i - 1]!.similarity);
    expect(hits.every((h) => h.similarity > 0 && h.similarity <= 1)).toBe(true);
    expect(index.search('xyz', 4)).toEqual([]);
  });

  it('fitting and indexing in one reading gives the same embedder state and the same hits', () => {
    const one = fitSparseCosine(texts, 512);
    const two = fitLocalEmbedder(texts);
    expect(one.embedder.toJSON()).toEqual(two.toJSON());
    const apart = buildSparseCosine(texts, two);
    for (const q of ['党费怎么交纳', '组织生活会每年开几次', '预备期从哪天算起'])
      expect(one.dense.search(q, 4)).toEqual(apart.search(q, 4));
  });
});

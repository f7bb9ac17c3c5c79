// Sentence scoring (knowledge/sentence-scoring.ts): the asks of a two-part question.
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../knowledge/chunk.js';
import { scoreSentences } from '../../knowledge/sentence-scoring.js';

const unit = { id: 'x#c3', docId: 'x', unit: 'c3', short: '《方案》', clause: '第3条', part: 0 } as const;

function scored(question: string, words: string[], idf: Record<string, number>) {
  const text = '基层组织以例会为基本制度，以小组为基本单位。各级领导干部带头参加。';
  const chunk = { ...unit, text } as Chunk;
  const hit = { chunk, score: 1, bm25: 1, cosine: 0, coverage: 0.5, bigrams: 0.5 };
  const r = { question, tokens: words, words, known: 1, hits: [hit] };
  return scoreSentences(r as never, { bm25: { idf: (w: string) => idf[w] ?? 1 } });
}

describe('the asks of a two-part question', () => {
  it('counts a second ask of a small corpus’s common words as a part of its own (twentieth round)', () => {
    // On the plan alone (25 clauses) 基本 and 单位 carry little IDF each: together 3.2, still an ask of its own.
    const { partKinds, scored: s } = scored('以什么作为基本制度？又以什么当基本单位？', ['基本', '制度', '单位'], {
      基本: 1.6,
      制度: 2,
      单位: 1.6,
    });
    expect(partKinds).toHaveLength(2);
    expect(s[0]!.asks).toHaveLength(2);
  });

  it('does not count a clause that names nothing of its own (咋处理) as a part', () => {
    const { partKinds } = scored('基本制度是什么？咋处理', ['基本', '制度', '处理'], { 基本: 1.6, 制度: 2, 处理: 1 });
    expect(partKinds).toEqual([]);
  });
});

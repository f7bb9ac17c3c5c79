// Hybrid retrieval: BM25 over jieba tokens and cosine search in the HNSW store, fused by reciprocal rank.
// Each hit also carries scores that mean something on their own: cosine similarity and term coverage.
import type { Logger } from '../app/logger.js';
import type { Chunk } from './chunk.js';
import type { KnowledgeIndex } from './index-store.js';
import { termCoverage } from './coverage.js';

export interface Hit {
  chunk: Chunk;
  /** Fused rank score (ordering only). */
  score: number;
  bm25: number;
  cosine: number;
  /** IDF-weighted share of the question's terms found in the chunk, 0..1. */
  coverage: number;
}

export interface Retrieval {
  question: string;
  tokens: string[];
  hits: Hit[];
}

export interface Retriever {
  retrieve(question: string, opts?: { k?: number }): Promise<Retrieval>;
  index: KnowledgeIndex;
}

const POOL = 40;
const RRF_K = 20;

export function createRetriever({ index, logger }: { index: KnowledgeIndex; logger?: Logger }): Retriever {
  const tokenSets = new Map<number, Set<string>>();
  const tokenSet = (i: number) => {
    let s = tokenSets.get(i);
    if (!s) tokenSets.set(i, (s = new Set(index.tokens[i])));
    return s;
  };
  async function embedQuery(q: string): Promise<number[] | undefined> {
    try {
      return await index.embedder.embedQuery(q);
    } catch (err) {
      logger?.warn({ err: (err as Error).message }, 'query embedding failed; BM25 only');
      return undefined;
    }
  }
  return {
    index,
    async retrieve(question, { k = 5 } = {}) {
      const tokens = index.tokenizer.tokenize(question);
      const lexical = index.bm25.search(tokens, POOL);
      const vector = await embedQuery(question);
      const dense = vector ? index.store.searchVector(vector, POOL) : [];
      const fused = new Map<number, { score: number; bm25: number; cosine: number }>();
      const entry = (i: number) => fused.get(i) ?? fused.set(i, { score: 0, bm25: 0, cosine: 0 }).get(i)!;
      lexical.forEach((h, r) => {
        const e = entry(h.index);
        e.score += 1 / (RRF_K + r + 1);
        e.bm25 = h.score;
      });
      dense.forEach((h, r) => {
        const e = entry(h.label);
        e.score += 1 / (RRF_K + r + 1);
        e.cosine = h.similarity;
      });
      const hits = [...fused.entries()]
        .sort((a, b) => b[1].score - a[1].score)
        .slice(0, k)
        .map(([i, e]) => ({ chunk: index.chunks[i]!, ...e, coverage: termCoverage(tokens, tokenSet(i), index.bm25) }));
      return { question, tokens, hits };
    },
  };
}

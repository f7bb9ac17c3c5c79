// Deciding that the corpus does not answer a question, and saying so with the nearest clauses.
import { citeLabel } from './chunk.js';
import { askedKinds, containsKind } from './question-kind.js';
import type { Retrieval } from './retriever.js';
import type { Scored } from './sentence-scoring.js';

export interface RefusalPolicy {
  /** Minimum term (or character-pair) coverage among the top hits: below it the question is off the corpus's topics. */
  minCoverage: number;
  /** Minimum topic match of the best sentence: below it no sentence talks about what was asked. */
  minSentence: number;
  /** How many top hits may supply the asked kind of answer. */
  checkTop: number;
  /** A sentence supplies it only if it matches the topic at least this share as well as the best sentence. */
  sentenceShare: number;
}

export const DEFAULT_POLICY: RefusalPolicy = { minCoverage: 0.15, minSentence: 0.22, checkTop: 3, sentenceShare: 0.5 };

export interface Verdict {
  refuse: boolean;
  reason: string;
}

/**
 * Refuses when the question is off the corpus's topics (low coverage), or when it asks for a kind of thing
 * (an amount, a duration, a date…) that no well-matching sentence of the best hits contains.
 */
/**
 * Refuses when the question is off the corpus's topics (low coverage), or when it asks for a kind of thing
 * (an amount, a duration, a date…) that no well-matching sentence of the best hits contains.
 */
/** A short line without sentence punctuation: a document number, a date, a signature. */
export function isFieldLine(quote: string): boolean {
  return quote.length <= 25 && !/[，。；：！？]/.test(quote);
}

export function judge(r: Retrieval, scored: Scored[], policy: RefusalPolicy = DEFAULT_POLICY): Verdict {
  const best = r.hits[0];
  if (!best || !r.words.length) return { refuse: true, reason: 'no-match' };
  const coverage = Math.max(...r.hits.slice(0, policy.checkTop).map((h) => Math.max(h.coverage, h.bigrams)));
  if (coverage < policy.minCoverage) return { refuse: true, reason: `coverage ${coverage.toFixed(2)}` };
  const topIds = new Set(r.hits.slice(0, policy.checkTop).map((h) => h.chunk.unit + h.chunk.docId));
  const near = scored.filter((s) => topIds.has(s.chunk.unit + s.chunk.docId));
  const bestLexical = Math.max(0, ...near.map((s) => s.lexical));
  if (bestLexical < policy.minSentence) return { refuse: true, reason: `best sentence ${bestLexical.toFixed(2)}` };
  const relevant = near.filter((s) => s.relevance >= policy.sentenceShare * bestLexical);
  for (const k of askedKinds(r.question)) {
    if (!relevant.some((s) => containsKind(s.quote, k))) return { refuse: true, reason: `no ${k.kind}` };
  }
  return { refuse: false, reason: 'ok' };
}

/** Up to three distinct nearest clauses, e.g. 《实施方案》第17条、《党章》第三十三条. */
export function nearestClauses(r: Retrieval, n = 3): string[] {
  const seen = new Set<string>();
  for (const h of r.hits) {
    seen.add(citeLabel(h.chunk));
    if (seen.size >= n) break;
  }
  return [...seen];
}

export function refusalText(r: Retrieval): string {
  const near = nearestClauses(r);
  const tail = near.length ? `相关的条文有：${near.join('；')}，可供参考。` : '';
  return `抱歉，现有文件中没有找到能回答这个问题的明确规定。${tail}如需准确答复，请咨询上级党组织。`;
}

// Hybrid retrieval: BM25 over jieba tokens, over character pairs and over single characters, and cosine search (the local
// embedder's exact sparse index or the HNSW store), fused by normalised scores
// (measured on the dev set: better than reciprocal-rank fusion and than either ranking alone).
// Each hit also carries scores that mean something on their own: cosine similarity and term coverage.
import type { Logger } from '../ground/logger.js';
import type { Chunk } from './chunk.js';
import type { KnowledgeIndex } from './index-store.js';
import { bigramShare, matchText, termCoverage } from './coverage.js';
import { charPairCodes, indexedText } from './index-store.js';
import { charQuery, charScore } from './char-channel.js';
import { homophoneFixer } from './homophones.js';
import { questionTopic } from './query.js';
import { expandTerms } from './synonyms.js';
import { oovExpander } from './oov.js';
import { defines, numberedTerms } from './enumeration.js';
import { docNames, findScope, scopeFactor, type Scope } from './scope.js';

export interface Hit {
  chunk: Chunk;
  /** Fused score, 0..1 relative to this question's best matches (ordering only). */
  score: number;
  bm25: number;
  cosine: number;
  /** IDF-weighted share of the question's terms found in the chunk, 0..1. */
  coverage: number;
  /** Share of the question's character pairs found in the chunk, 0..1. */
  bigrams: number;
}

export interface Retrieval {
  question: string;
  /** BM25 tokens of the question. */
  tokens: string[];
  /** Content words of the question (for coverage). */
  words: string[];
  /** Share of the question's content words of two or more characters that the corpus contains (1 when none). */
  known: number;
  /** Documents and articles the question names. */
  scope?: Scope;
  hits: Hit[];
}

export interface Retriever {
  retrieve(question: string, opts?: { k?: number }): Promise<Retrieval>;
  index: KnowledgeIndex;
}

const POOL = 40;
// Measured on dev + tune: words 0.5 / vectors 0.5 gave tune hit@1 .752; adding the character-pair channel at
// 0.4 / 0.4 / 0.2 gave .832 (dev .912 → .882, one question).
const WORD_WEIGHT = 0.4;
const GRAM_WEIGHT = 0.4;
// Vectors 0.2 → 0.4 and single characters 0.3 → 0.5 (issue 11, fourth round): a plateau over dense .3–.5 × chars .4–.6
// where every whole-corpus set gains or holds (tune2/tune3/rank/rank4 MRR +.01–.02, tune −.003, dev/own unchanged);
// at 0.2 / 0.3 they were fitted on dev and tune alone.
const DENSE_WEIGHT = 0.4;
// Single characters (issue 11, third round): the local dense channel holds characters too, but mixed with pairs; this
// channel keeps one rare character of the document's word that a paraphrase kept.
const CHAR_WEIGHT = 0.5;
// Unknown words expanded by morpheme (oov.ts): 0.1–0.5 measured, 0.3 best on tune2/rank4, neutral on the rest.
const OOV_WEIGHT = 0.3;
const LEAD_WEIGHT = 0.45;
// A mild prior for short chunks (issue 11, fourth round): long broad passages (政治生活准则's parts, ~400 characters)
// match a member's everyday words by sheer breadth and outranked the short article that answers. 0.1 raised rank.jsonl
// hit@1 .741 → .778, tune3 .809 → .830, MRR on tune2/tune3/rank/rank4 +.005–.02; dev lost one first hit (.941 → .912),
// tune MRR −.005. 0.2 and more lost on tune and rank; capping the boost of short chunks at 1 lost the gain.
const LENGTH_PRIOR = 0.1;

/** Factor on a chunk's fused score by its length against the index's average: 1 at the average, 4× longer ≈ 0.87. */
export function lengthPrior(length: number, average: number): number {
  return (Math.max(1, length) / Math.max(1, average)) ** -LENGTH_PRIOR;
}

// A unit that defines a numbered term the question names (四个意识 → 政治意识、大局意识…) is the answer; units that
// merely mention the term otherwise outrank it.
const DEFINES_WEIGHT = 0.3;

/**
 * How much of the question's vocabulary the corpus knows: a word counts when it is a corpus token or all its character
 * pairs occur. Questions about other matters (挂号, 股票行情, 地铁) use words the party documents never contain.
 */
export function knownShare(words: string[], index: Pick<KnowledgeIndex, 'bm25' | 'grams'>): number {
  const long = [...new Set(words)].filter((w) => w.length >= 2);
  if (!long.length) return 1;
  const known = long.filter((w) => {
    if (index.bm25.has(w)) return true;
    const pairs = charPairCodes(w);
    return pairs.length > 0 && pairs.every((p) => index.grams.has(p));
  });
  return known.length / long.length;
}

export function createRetriever({ index, logger }: { index: KnowledgeIndex; logger?: Logger }): Retriever {
  const names = docNames(index.chunks);
  const oov = oovExpander(index.bm25, index.chars);
  const averageLength = index.chunks.reduce((n, c) => n + c.text.length, 0) / Math.max(1, index.chunks.length);
  const fixTypos = homophoneFixer(index.grams, index.bm25, (s) => index.tokenizer.segments(s));
  const matchTexts = new Map<number, string>();
  const matchTextOf = (i: number) => {
    let s = matchTexts.get(i);
    if (s === undefined) matchTexts.set(i, (s = matchText(indexedText(index.chunks[i]!))));
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
      // Homophone typos corrected (平议 → 评议): measured on tune2 hit@1 .725 → .745, MRR .784 → .804; no change on dev/tune.
      const topic = fixTypos(questionTopic(question));
      const tokens = index.tokenizer.tokenize(topic);
      const words = index.tokenizer.words(topic);
      const lexical = index.bm25.search(
        [...tokens, ...expandTerms(words).flatMap((w) => index.tokenizer.tokenize(w))],
        POOL,
      );
      const gramHits = index.grams.search(charPairCodes(topic), POOL);
      // The local embedder searches its exact sparse index; a configured endpoint's vectors are in the HNSW store.
      const vector = index.dense ? undefined : await embedQuery(topic);
      const dense = index.dense
        ? index.dense.search(topic, POOL)
        : vector
          ? index.store.searchVector(vector, POOL)
          : [];
      // Linear fusion of scores normalised by each ranking's best: keeps magnitudes that rank fusion throws away.
      const fused = new Map<number, { score: number; bm25: number; cosine: number }>();
      const entry = (i: number) => fused.get(i) ?? fused.set(i, { score: 0, bm25: 0, cosine: 0 }).get(i)!;
      const topLexical = lexical[0]?.score || 1;
      const topDense = dense[0]?.similarity || 1;
      for (const h of lexical) {
        const e = entry(h.index);
        e.bm25 = h.score;
        e.score += (WORD_WEIGHT * h.score) / topLexical;
      }
      const topGram = gramHits[0]?.score || 1;
      for (const h of gramHits) entry(h.index).score += (GRAM_WEIGHT * h.score) / topGram;
      for (const h of dense) {
        const e = entry(h.label);
        e.cosine = h.similarity;
        e.score += (DENSE_WEIGHT * Math.max(0, h.similarity)) / topDense;
      }
      // Words the corpus never uses, searched as the corpus words sharing their morphemes (oov.ts).
      const unknown = oov.expand(words);
      if (unknown.length) {
        const oovHits = index.bm25.search(unknown, POOL);
        const topOov = oovHits[0]?.score || 1;
        for (const h of oovHits) entry(h.index).score += (OOV_WEIGHT * h.score) / topOov;
      }
      // Single characters, scored for the candidates found so far.
      const charQ = charQuery(index.chars, topic);
      const charScores = [...fused.keys()].map(
        (i) => [i, charScore(index.chars, charQ, matchText(indexedText(index.chunks[i]!)))] as const,
      );
      const topChar = Math.max(0, ...charScores.map(([, s]) => s)) || 1;
      for (const [i, s] of charScores) fused.get(i)!.score += (CHAR_WEIGHT * s) / topChar;
      // A unit whose opening sentence (its stated topic) covers the question is about exactly that.
      for (const [i, e] of fused) {
        const lead = index.chunks[i]!.lead;
        if (lead) e.score += LEAD_WEIGHT * termCoverage(words, matchText(lead), index.bm25);
      }
      for (const [i, e] of fused) e.score *= lengthPrior(index.chunks[i]!.text.length, averageLength);
      const numbered = numberedTerms(topic);
      if (numbered.length)
        for (const [i, e] of fused) if (numbered.some((t) => defines(matchTextOf(i), t))) e.score += DEFINES_WEIGHT;
      const scope = findScope(question, names);
      if (scope.docs.size || scope.units.size) {
        for (const [i, e] of fused) e.score *= scopeFactor(index.chunks[i]!, scope);
        // A named article ranks even when the words do not match: add it to the candidates.
        if (scope.units.size)
          index.chunks.forEach((c, i) => {
            if (!fused.has(i) && scopeFactor(c, scope) > 1) entry(i).score = 1;
          });
      }
      const hits = [...fused.entries()]
        .sort((a, b) => b[1].score - a[1].score)
        .slice(0, k)
        .map(([i, e]) => ({
          chunk: index.chunks[i]!,
          ...e,
          coverage: termCoverage(words, matchTextOf(i), index.bm25),
          bigrams: bigramShare(matchText(topic), matchTextOf(i)),
        }));
      return { question, tokens, words, hits, scope, known: knownShare(words, index) };
    },
  };
}

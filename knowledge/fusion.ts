// Fusion of the retrieval channels into one score per candidate. The features are what the retriever already computes
// for every candidate (each channel's score normalised by its best, the lead's coverage, the length); `handScore` is
// the hand-set linear fusion measured round after round (its weights and their history below).

export interface Features {
  /** BM25 over jieba words (with synonyms), over the question's best. */
  word: number;
  /** BM25 over character pairs, over the best. */
  gram: number;
  /** Cosine similarity (clamped at 0), over the best. */
  dense: number;
  /** BM25 over the corpus words sharing morphemes with the question's unknown words, over the best. */
  oov: number;
  /** Single rare characters, over the best. */
  char: number;
  /** IDF-weighted coverage of the question's words by the unit's opening sentence, 0..1. */
  lead: number;
  /** 1 when the unit defines a numbered term the question names (四个意识). */
  defines: number;
  /** ln(length / the index's average length). */
  logLength: number;
}

export const FEATURE_NAMES = ['word', 'gram', 'dense', 'oov', 'char', 'lead', 'defines', 'logLength'] as const;

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
// merely mention the term otherwise outrank it. 0.3 → 0.4 (ninth round): planhold2 +1 first hit, holdout6 MRR +.003,
// no set lower; at 0.5 tune and tune3 lost.
const DEFINES_WEIGHT = 0.4;

/** The hand fusion: channels and lead summed with their weights, times the length prior, plus the definition boost. */
export function handScore(f: Features): number {
  const sum =
    WORD_WEIGHT * f.word +
    GRAM_WEIGHT * f.gram +
    DENSE_WEIGHT * f.dense +
    OOV_WEIGHT * f.oov +
    CHAR_WEIGHT * f.char +
    LEAD_WEIGHT * f.lead;
  return sum * Math.exp(-LENGTH_PRIOR * f.logLength) + DEFINES_WEIGHT * f.defines;
}

/** A candidate being fused: its features, the raw scores hits report, its rank in each channel (0: not found). */
export interface Candidate {
  f: Features;
  score: number;
  bm25: number;
  cosine: number;
  /** 1-based rank in the word, pair, vector and unknown-word channels; 0 when the channel did not find it. */
  ranks: [number, number, number, number];
}

export function newCandidate(): Candidate {
  return {
    f: { word: 0, gram: 0, dense: 0, oov: 0, char: 0, lead: 0, defines: 0, logLength: 0 },
    score: 0,
    bm25: 0,
    cosine: 0,
    ranks: [0, 0, 0, 0],
  };
}

// The single-character channel: BM25 over the Chinese characters of a text, scored only for the candidates the other
// channels found. A paraphrase often keeps one rare character of the document's word where no word or character pair
// matches; the candidates' texts are counted at question time, so the index keeps only a document frequency per
// character (no postings: at 50,000 chunks those cost ~100 MiB and touched every chunk for common characters).
import { normalizeForMatch } from './normalize.js';

const HAN_FIRST = 0x4e00;
const HAN_LAST = 0x9fff;
const K1 = 1.2;
const B = 0.75;

export interface CharStats {
  /** Chunks containing each character of the CJK block. */
  df: Uint32Array;
  docs: number;
  avgLength: number;
}

/** One pass over the (normalised) indexed texts. */
export function charStats(texts: Iterable<string>): CharStats {
  const df = new Uint32Array(HAN_LAST - HAN_FIRST + 1);
  const last = new Int32Array(df.length).fill(-1);
  let docs = 0;
  let total = 0;
  for (const t of texts) {
    const s = normalizeForMatch(t);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i) - HAN_FIRST;
      if (c < 0 || c >= df.length) continue;
      total++;
      if (last[c] !== docs) {
        last[c] = docs;
        df[c]!++;
      }
    }
    docs++;
  }
  return { df, docs, avgLength: total / Math.max(1, docs) };
}

/** The question's characters (normalised) with their BM25 inverse document frequencies. */
export function charQuery(stats: CharStats, question: string): Map<number, number> {
  const q = new Map<number, number>();
  const s = normalizeForMatch(question);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - HAN_FIRST;
    if (c < 0 || c >= stats.df.length || q.has(c) || !stats.df[c]) continue;
    const df = stats.df[c]!;
    q.set(c, Math.log(1 + (stats.docs - df + 0.5) / (df + 0.5)));
  }
  return q;
}

/** BM25 of a normalised candidate text for the question's characters. */
export function charScore(stats: CharStats, query: Map<number, number>, text: string): number {
  const tf = new Map<number, number>();
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - HAN_FIRST;
    if (c < 0 || c >= stats.df.length) continue;
    length++;
    if (query.has(c)) tf.set(c, (tf.get(c) ?? 0) + 1);
  }
  let score = 0;
  const norm = K1 * (1 - B + (B * length) / stats.avgLength);
  for (const [c, f] of tf) score += (query.get(c)! * f * (K1 + 1)) / (f + norm);
  return score;
}

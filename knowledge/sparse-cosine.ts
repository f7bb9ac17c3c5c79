// Exact cosine search for the local embedder. Its vectors are sparse TF-IDF weights of character 1–2-grams, so
// instead of hashing them into dense dimensions for HNSW (an approximate graph that takes ~30 s to build at 50,000
// chunks and found .80 of the true 40 nearest there), the weights go into postings like BM25's: built in seconds,
// exact, and a question touches only its own grams' postings.
import { bm25TopK } from './bm25.js';
import { IntIds } from './int-ids.js';
import { forEachGram, LocalNgramEmbeddings } from './local-embedder.js';

export interface DenseHit {
  label: number;
  similarity: number;
}

export interface SparseCosine {
  search(text: string, k: number): DenseHit[];
}

/** Unit-length TF-IDF weights of a text's grams, by gram hash. */
function weights(text: string, embedder: LocalNgramEmbeddings): Map<number, number> {
  const counts = new Map<number, number>();
  forEachGram(text, (h) => counts.set(h, (counts.get(h) ?? 0) + 1));
  let norm = 0;
  for (const [h, c] of counts) {
    const w = (1 + Math.log(c)) * embedder.idf(h);
    counts.set(h, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [h, w] of counts) counts.set(h, w / norm);
  return counts;
}

export function buildSparseCosine(texts: string[], embedder: LocalNgramEmbeddings): SparseCosine {
  return fromCounts(countGrams(texts), embedder);
}

/**
 * Fits the local embedder and builds its index in one reading of the texts: each text's gram counts are kept in flat
 * arrays while the document frequencies are counted, then weighted (the same index as fit + buildSparseCosine).
 */
export function fitSparseCosine(texts: string[], dim: number): { embedder: LocalNgramEmbeddings; dense: SparseCosine } {
  const counts = countGrams(texts);
  const terms = counts.ids.size;
  const embedder = new LocalNgramEmbeddings({
    dim,
    docs: texts.length,
    grams: Array.from(counts.hashes.subarray(0, terms)),
    df: Array.from(counts.df.subarray(0, terms)),
  });
  return { embedder, dense: fromCounts(counts, embedder) };
}

/** Each text's gram counts in flat arrays (term id, count), terms numbered in order of first sight. */
interface GramCounts {
  ids: IntIds;
  /** By term id: the gram's hash and its document frequency. */
  hashes: Int32Array;
  df: Uint32Array;
  /** Text d's entries are [docEnd[d], docEnd[d + 1]). */
  docEnd: Uint32Array;
  termIds: Uint32Array;
  tf: Uint16Array;
}

function grown<A extends Int32Array | Uint32Array | Uint16Array>(a: A, need: number): A {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => A)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function countGrams(texts: string[]): GramCounts {
  const ids = new IntIds();
  let hashes = new Int32Array(1 << 14);
  let df = new Uint32Array(1 << 14);
  // Per text: counts by term id, and the ids in order of first sight.
  let inDoc = new Uint32Array(1 << 14);
  const seen: number[] = [];
  let termIds = new Uint32Array(1 << 16);
  let tf = new Uint16Array(1 << 16);
  let n = 0;
  const docEnd = new Uint32Array(texts.length + 1);
  const onGram = (h: number) => {
    const id = ids.add(h);
    if (id >= hashes.length) {
      hashes = grown(hashes, id + 1);
      df = grown(df, id + 1);
      inDoc = grown(inDoc, id + 1);
    }
    hashes[id] = h;
    if (inDoc[id] === 0) seen.push(id);
    inDoc[id]!++;
  };
  texts.forEach((t, d) => {
    seen.length = 0;
    forEachGram(t, onGram);
    termIds = grown(termIds, n + seen.length);
    tf = grown(tf, n + seen.length);
    for (const id of seen) {
      df[id]!++;
      termIds[n] = id;
      tf[n++] = Math.min(inDoc[id]!, 65535);
      inDoc[id] = 0;
    }
    docEnd[d + 1] = n;
  });
  return { ids, hashes, df, docEnd, termIds: termIds.subarray(0, n), tf: tf.subarray(0, n) };
}

/** Postings of unit-length weights ((1 + ln tf) · idf, normalised per text). */
function fromCounts(g: GramCounts, embedder: LocalNgramEmbeddings): SparseCosine {
  const { ids, docEnd, termIds, tf } = g;
  const count = docEnd.length - 1;
  const terms = ids.size;
  const idf = new Float64Array(terms);
  for (let t = 0; t < terms; t++) idf[t] = embedder.idf(g.hashes[t]!);
  // Pass 1: postings per term and each text's norm; pass 2 fills the postings with the normalised weights.
  const postings = new Uint32Array(terms);
  const norms = new Float64Array(count);
  for (let d = 0; d < count; d++) {
    let norm = 0;
    for (let i = docEnd[d]!; i < docEnd[d + 1]!; i++) {
      const w = (1 + Math.log(tf[i]!)) * idf[termIds[i]!]!;
      norm += w * w;
      postings[termIds[i]!]!++;
    }
    norms[d] = Math.sqrt(norm) || 1;
  }
  const offsets = new Uint32Array(terms + 1);
  for (let t = 0; t < terms; t++) offsets[t + 1] = offsets[t]! + postings[t]!;
  const docs = new Uint32Array(termIds.length);
  const ws = new Float32Array(termIds.length);
  const fill = offsets.slice(0, terms);
  for (let d = 0; d < count; d++) {
    for (let i = docEnd[d]!; i < docEnd[d + 1]!; i++) {
      const t = termIds[i]!;
      const at = fill[t]!++;
      docs[at] = d;
      ws[at] = ((1 + Math.log(tf[i]!)) * idf[t]!) / norms[d]!;
    }
  }
  const scores = new Float64Array(count);
  return {
    search(text, k) {
      const touched: number[] = [];
      for (const [h, qw] of weights(text, embedder)) {
        const id = ids.get(h);
        if (id === undefined) continue;
        for (let i = offsets[id]!; i < offsets[id + 1]!; i++) {
          const d = docs[i]!;
          if (scores[d] === 0) touched.push(d);
          scores[d] = scores[d]! + qw * ws[i]!;
        }
      }
      const hits = bm25TopK(touched, scores, k);
      for (const d of touched) scores[d] = 0;
      return hits.map((h) => ({ label: h.index, similarity: h.score }));
    },
  };
}

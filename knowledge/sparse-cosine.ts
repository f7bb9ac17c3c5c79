// Exact cosine search for the local embedder. Its vectors are sparse TF-IDF weights of character 1–2-grams, so
// instead of hashing them into dense dimensions for HNSW (an approximate graph that takes ~30 s to build at 50,000
// chunks and found .80 of the true 40 nearest there), the weights go into postings like BM25's: built in seconds,
// exact, and a question touches only its own grams' postings.
import { bm25TopK } from './bm25.js';
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
  return fromWeights(texts.length, (d) => weights(texts[d]!, embedder), embedder);
}

/**
 * Fits the local embedder and builds its index in one reading of the texts: each text's gram counts are kept in flat
 * arrays while the document frequencies are counted, then weighted (the same index as fit + buildSparseCosine).
 */
export function fitSparseCosine(texts: string[], dim: number): { embedder: LocalNgramEmbeddings; dense: SparseCosine } {
  const df = new Map<number, number>();
  const counts = new Map<number, number>();
  let hashes = new Int32Array(1 << 16);
  let tf = new Uint16Array(1 << 16);
  let n = 0;
  const docEnd = new Uint32Array(texts.length + 1);
  texts.forEach((t, d) => {
    counts.clear();
    forEachGram(t, (h) => counts.set(h, (counts.get(h) ?? 0) + 1));
    for (const [h, c] of counts) {
      df.set(h, (df.get(h) ?? 0) + 1);
      if (n === hashes.length) {
        const a = new Int32Array(n * 2);
        a.set(hashes);
        hashes = a;
        const b = new Uint16Array(n * 2);
        b.set(tf);
        tf = b;
      }
      hashes[n] = h;
      tf[n++] = Math.min(c, 65535);
    }
    docEnd[d + 1] = n;
  });
  const embedder = new LocalNgramEmbeddings({ dim, docs: texts.length, grams: [...df.keys()], df: [...df.values()] });
  const one = new Map<number, number>();
  const dense = fromWeights(
    texts.length,
    (d) => {
      one.clear();
      let norm = 0;
      for (let i = docEnd[d]!; i < docEnd[d + 1]!; i++) {
        const w = (1 + Math.log(tf[i]!)) * embedder.idf(hashes[i]!);
        one.set(hashes[i]!, w);
        norm += w * w;
      }
      norm = Math.sqrt(norm) || 1;
      for (const [h, w] of one) one.set(h, w / norm);
      return one;
    },
    embedder,
  );
  return { embedder, dense };
}

/** Postings of unit-length weights, given each document's weights by gram hash. */
function fromWeights(
  count: number,
  weightsOf: (d: number) => Map<number, number>,
  embedder: LocalNgramEmbeddings,
): SparseCosine {
  // Pass 1: each document's weights, appended to flat arrays; term ids in order of first sight.
  const ids = new Map<number, number>();
  const df: number[] = [];
  let termIds = new Uint32Array(1 << 16);
  let values = new Float32Array(1 << 16);
  let n = 0;
  const docEnd = new Uint32Array(count);
  for (let d = 0; d < count; d++) {
    for (const [h, w] of weightsOf(d)) {
      let id = ids.get(h);
      if (id === undefined) {
        id = df.length;
        ids.set(h, id);
        df.push(0);
      }
      df[id]!++;
      if (n === termIds.length) {
        const a = new Uint32Array(n * 2);
        a.set(termIds);
        termIds = a;
        const b = new Float32Array(n * 2);
        b.set(values);
        values = b;
      }
      termIds[n] = id;
      values[n++] = w;
    }
    docEnd[d] = n;
  }
  // Pass 2: postings by term (compressed sparse rows).
  const offsets = new Uint32Array(df.length + 1);
  for (let t = 0; t < df.length; t++) offsets[t + 1] = offsets[t]! + df[t]!;
  const docs = new Uint32Array(n);
  const ws = new Float32Array(n);
  const fill = offsets.slice(0, df.length);
  let start = 0;
  for (let d = 0; d < count; d++) {
    for (let i = start; i < docEnd[d]!; i++) {
      const at = fill[termIds[i]!]!++;
      docs[at] = d;
      ws[at] = values[i]!;
    }
    start = docEnd[d]!;
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

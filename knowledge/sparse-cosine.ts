// Exact cosine search for the local embedder. Its vectors are sparse TF-IDF weights of character 1–2-grams, so
// instead of hashing them into dense dimensions for HNSW (an approximate graph that takes ~30 s to build at 50,000
// chunks and found .80 of the true 40 nearest there), the weights go into postings like BM25's: built in seconds,
// exact, and a question touches only its own grams' postings.
import { bm25TopK } from './bm25.js';
import { forEachGram, type LocalNgramEmbeddings } from './local-embedder.js';

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
  // Pass 1: each document's weights, appended to flat arrays; term ids in order of first sight.
  const ids = new Map<number, number>();
  const df: number[] = [];
  let termIds = new Uint32Array(1 << 16);
  let values = new Float32Array(1 << 16);
  let n = 0;
  const docEnd = new Uint32Array(texts.length);
  texts.forEach((t, d) => {
    for (const [h, w] of weights(t, embedder)) {
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
  });
  // Pass 2: postings by term (compressed sparse rows).
  const offsets = new Uint32Array(df.length + 1);
  for (let t = 0; t < df.length; t++) offsets[t + 1] = offsets[t]! + df[t]!;
  const docs = new Uint32Array(n);
  const ws = new Float32Array(n);
  const fill = offsets.slice(0, df.length);
  let start = 0;
  for (let d = 0; d < texts.length; d++) {
    for (let i = start; i < docEnd[d]!; i++) {
      const at = fill[termIds[i]!]!++;
      docs[at] = d;
      ws[at] = values[i]!;
    }
    start = docEnd[d]!;
  }
  const scores = new Float64Array(texts.length);
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

// BM25 over pre-tokenised chunks, with an inverted index so a query costs only its terms' postings.

export interface Bm25Hit {
  index: number;
  score: number;
}

export interface Bm25 {
  search(tokens: string[], k: number): Bm25Hit[];
  /** Inverse document frequency; a term absent from the corpus gets the highest value. */
  idf(term: string): number;
  has(term: string): boolean;
  size: number;
}

export function createBm25(docs: string[][], { k1 = 1.2, b = 0.75 } = {}): Bm25 {
  const n = docs.length;
  const postings = new Map<string, number[]>();
  const lengths = new Float32Array(n);
  let total = 0;
  docs.forEach((tokens, d) => {
    lengths[d] = tokens.length;
    total += tokens.length;
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, f] of tf) {
      let p = postings.get(t);
      if (!p) postings.set(t, (p = []));
      p.push(d, f);
    }
  });
  const avg = total / Math.max(1, n);
  const idfOf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const maxIdf = idfOf(0);
  const scores = new Float64Array(n);
  return {
    size: n,
    has: (t) => postings.has(t),
    idf: (t) => {
      const p = postings.get(t);
      return p ? idfOf(p.length / 2) : maxIdf;
    },
    search(tokens, k) {
      const touched: number[] = [];
      for (const t of new Set(tokens)) {
        const p = postings.get(t);
        if (!p) continue;
        const idf = idfOf(p.length / 2);
        for (let i = 0; i < p.length; i += 2) {
          const d = p[i]!;
          const f = p[i + 1]!;
          if (scores[d] === 0) touched.push(d);
          scores[d] = scores[d]! + (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * lengths[d]!) / avg));
        }
      }
      const hits = topK(touched, scores, k);
      for (const d of touched) scores[d] = 0;
      return hits;
    },
  };
}

/** The k best of the touched documents, with a small min-heap instead of sorting them all. */
function topK(touched: number[], scores: Float64Array, k: number): Bm25Hit[] {
  const heap: number[] = [];
  const less = (a: number, b: number) => scores[heap[a]!]! < scores[heap[b]!]!;
  const swap = (a: number, b: number) => ([heap[a], heap[b]] = [heap[b]!, heap[a]!]);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(l, m)) m = l;
      if (r < heap.length && less(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (const d of touched) {
    if (heap.length < k) {
      heap.push(d);
      for (let i = heap.length - 1; i > 0 && less(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if (scores[d]! > scores[heap[0]!]!) {
      heap[0] = d;
      down(0);
    }
  }
  return heap.map((index) => ({ index, score: scores[index]! })).sort((x, y) => y.score - x.score);
}

// BM25 over pre-tokenised documents, stored compactly: a term dictionary and postings in flat typed arrays
// (compressed sparse rows), so 50,000 chunks cost tens of MB instead of Maps of strings. Terms are strings
// (jieba words) or small integers (character-pair codes). A query costs only its terms' postings.

import { IntIds } from './int-ids.js';

export interface Bm25Hit {
  index: number;
  score: number;
}

export interface Bm25<T extends string | number = string> {
  search(tokens: T[], k: number): Bm25Hit[];
  /** Inverse document frequency; a term absent from the corpus gets the highest value. */
  idf(term: T): number;
  has(term: T): boolean;
  /** Calls fn with every term and its document frequency. */
  forEachTerm(fn: (term: T, df: number) => void): void;
  /** Calls fn with every document (chunk index) that holds the term, in order, until it returns true. */
  forEachDoc(term: T, fn: (doc: number) => unknown): void;
  size: number;
  /** The index as plain arrays, to save with the index and restore without tokenising again. */
  toJSON(): Bm25State<T>;
}

export interface Bm25State<T extends string | number = string> {
  terms: T[];
  /** postings of term t: docs[offsets[t]..offsets[t+1]], with term frequencies in tfs. */
  offsets: number[];
  docs: number[];
  tfs: number[];
  lengths: number[];
}

interface Parts<T> {
  terms: T[];
  ids: TermIds<T>;
  offsets: Uint32Array;
  docs: DocIds;
  tfs: Uint8Array;
  lengths: Float32Array;
}

/** Document ids of postings: two bytes each while the corpus has at most 65,536 documents (50,000 chunks: ~20 MB less). */
export type DocIds = Uint16Array | Uint32Array;

export function docIdArray(length: number, documents: number): DocIds {
  return documents <= 1 << 16 ? new Uint16Array(length) : new Uint32Array(length);
}

/** Grows a typed array by doubling. */
class Ints {
  a = new Uint32Array(1024);
  n = 0;
  push(x: number) {
    if (this.n === this.a.length) {
      const b = new Uint32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = x;
  }
}

/**
 * Postings in the order they were added, as term ids and term frequencies in fixed blocks: growing one array by
 * doubling left as much garbage as it kept (at 50,000 chunks, tens of MB per index, freed only by a later GC).
 */
class PostingBlocks {
  static readonly BITS = 16;
  static readonly SIZE = 1 << PostingBlocks.BITS;
  ids: Uint32Array[] = [];
  tfs: Uint8Array[] = [];
  n = 0;
  push(id: number, tf: number) {
    const at = this.n & (PostingBlocks.SIZE - 1);
    if (at === 0) {
      this.ids.push(new Uint32Array(PostingBlocks.SIZE));
      this.tfs.push(new Uint8Array(PostingBlocks.SIZE));
    }
    this.ids[this.ids.length - 1]![at] = id;
    this.tfs[this.tfs.length - 1]![at] = tf;
    this.n++;
  }
}

/** Term → id lookup: a Map, or for integer terms (character-pair codes) the faster IntIds table. */
interface TermIds<T> {
  get(t: T): number | undefined;
  has(t: T): boolean;
}

/**
 * Adds documents one at a time (their token arrays can be dropped at once), then builds the postings.
 * `integers`: the terms are 32-bit integers, kept in an IntIds table instead of a Map.
 */
export function bm25Builder<T extends string | number = string>(opts: { integers?: boolean } = {}) {
  const map = new Map<T, number>();
  const table = opts.integers ? new IntIds() : undefined;
  const ids: TermIds<T> = table ? (table as unknown as TermIds<T>) : map;
  const terms: T[] = [];
  const df = new Ints();
  // Per document: its (term id, tf) postings, in document order.
  const pairs = new PostingBlocks();
  const docEnd = new Ints();
  const lengths = new Ints();
  // Counts of the current document by term id, and its term ids in order of first sight.
  let inDoc = new Uint32Array(1 << 12);
  const seen: number[] = [];
  const idOf = (t: T): number => {
    if (table) {
      const id = table.add(t as number);
      if (id === terms.length) {
        terms.push(t);
        df.push(0);
      }
      return id;
    }
    let id = map.get(t);
    if (id === undefined) {
      id = terms.length;
      map.set(t, id);
      terms.push(t);
      df.push(0);
    }
    return id;
  };
  return {
    add(tokens: Iterable<T>): void {
      seen.length = 0;
      let len = 0;
      for (const t of tokens) {
        len++;
        const id = idOf(t);
        if (id >= inDoc.length) {
          const a = new Uint32Array(inDoc.length * 2);
          a.set(inDoc);
          inDoc = a;
        }
        if (inDoc[id] === 0) seen.push(id);
        inDoc[id]!++;
      }
      for (const id of seen) {
        const f = inDoc[id]!;
        inDoc[id] = 0;
        df.a[id]!++;
        // A term's frequency in one chunk never nears 255; capping keeps a byte per posting.
        pairs.push(id, Math.min(f, 255));
      }
      docEnd.push(pairs.n);
      lengths.push(len);
    },
    build(k1?: number, b?: number): Bm25<T> {
      const offsets = new Uint32Array(terms.length + 1);
      for (let t = 0; t < terms.length; t++) offsets[t + 1] = offsets[t]! + df.a[t]!;
      const total = offsets[terms.length]!;
      const docs = docIdArray(total, docEnd.n);
      const tfs = new Uint8Array(total);
      const fill = offsets.slice(0, terms.length);
      let i = 0;
      for (let d = 0; d < docEnd.n; d++) {
        for (const end = docEnd.a[d]!; i < end; i++) {
          const block = i >>> PostingBlocks.BITS;
          const j = i & (PostingBlocks.SIZE - 1);
          const t = pairs.ids[block]![j]!;
          const at = fill[t]!++;
          docs[at] = d;
          tfs[at] = pairs.tfs[block]![j]!;
        }
      }
      // The builder is done: its blocks go now, not when the caller's scope ends.
      pairs.ids = [];
      pairs.tfs = [];
      return fromParts(
        { terms, ids, offsets, docs, tfs, lengths: Float32Array.from(lengths.a.subarray(0, lengths.n)) },
        k1,
        b,
      );
    },
  };
}

export function createBm25<T extends string | number = string>(
  docs: Iterable<T[]>,
  opts: { k1?: number; b?: number } = {},
): Bm25<T> {
  const builder = bm25Builder<T>();
  for (const d of docs) builder.add(d);
  return builder.build(opts.k1, opts.b);
}

export function restoreBm25<T extends string | number = string>(s: Bm25State<T>): Bm25<T> {
  return fromParts({
    terms: s.terms,
    ids: new Map(s.terms.map((t, i) => [t, i])),
    offsets: Uint32Array.from(s.offsets),
    docs: (s.lengths.length <= 1 << 16 ? Uint16Array : Uint32Array).from(s.docs),
    tfs: Uint8Array.from(s.tfs),
    lengths: Float32Array.from(s.lengths),
  });
}

function fromParts<T extends string | number>(p: Parts<T>, k1 = 1.2, b = 0.75): Bm25<T> {
  const { ids, offsets, docs, tfs, lengths } = p;
  const n = lengths.length;
  let total = 0;
  for (const l of lengths) total += l;
  const avg = total / Math.max(1, n);
  const idfOf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const maxIdf = idfOf(0);
  const scores = new Float64Array(n);
  return {
    size: n,
    has: (t) => ids.has(t),
    forEachTerm: (fn) => p.terms.forEach((t, id) => fn(t, offsets[id + 1]! - offsets[id]!)),
    forEachDoc: (t, fn) => {
      const id = ids.get(t);
      if (id !== undefined) for (let i = offsets[id]!; i < offsets[id + 1]!; i++) if (fn(docs[i]!) === true) return;
    },
    idf: (t) => {
      const id = ids.get(t);
      return id === undefined ? maxIdf : idfOf(offsets[id + 1]! - offsets[id]!);
    },
    search(tokens, k) {
      const touched: number[] = [];
      for (const t of new Set(tokens)) {
        const id = ids.get(t);
        if (id === undefined) continue;
        const from = offsets[id]!;
        const to = offsets[id + 1]!;
        const idf = idfOf(to - from);
        for (let i = from; i < to; i++) {
          const d = docs[i]!;
          const f = tfs[i]!;
          if (scores[d] === 0) touched.push(d);
          scores[d] = scores[d]! + (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * lengths[d]!) / avg));
        }
      }
      const hits = bm25TopK(touched, scores, k);
      for (const d of touched) scores[d] = 0;
      return hits;
    },
    toJSON: () => ({
      terms: p.terms,
      offsets: Array.from(offsets),
      docs: Array.from(docs),
      tfs: Array.from(tfs),
      lengths: Array.from(lengths),
    }),
  };
}

/** The k best of the touched documents (by their score in `scores`), with a small min-heap instead of sorting them all. */
export function bm25TopK(touched: number[], scores: Float64Array, k: number): Bm25Hit[] {
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

// Exact cosine search for the local embedder. Its vectors are sparse TF-IDF weights of character 1–2-grams, so
// instead of hashing them into dense dimensions for HNSW (an approximate graph that takes ~30 s to build at 50,000
// chunks and found .80 of the true 40 nearest there), the weights go into postings like BM25's: built in seconds,
// exact, and a question touches only its own grams' postings.
import { bm25TopK, docIdArray } from './bm25.js';
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
  return fromDf(texts, gramDf(texts), embedder);
}

/**
 * Fits the local embedder and builds its index: one reading of the texts counts the document frequencies (the
 * embedder's state), a second weighs each text's grams straight into the postings (the same index as fit +
 * buildSparseCosine). Reading twice keeps no per-text lists: at 50,000 chunks those were ~100 MB of build garbage.
 */
export function fitSparseCosine(texts: string[], dim: number): { embedder: LocalNgramEmbeddings; dense: SparseCosine } {
  const g = gramDf(texts);
  const terms = g.ids.size;
  const embedder = new LocalNgramEmbeddings({
    dim,
    docs: texts.length,
    grams: Array.from(g.hashes.subarray(0, terms)),
    df: Array.from(g.df.subarray(0, terms)),
  });
  return { embedder, dense: fromDf(texts, g, embedder) };
}

/** The grams of the texts, numbered in order of first sight, with their document frequencies. */
interface GramDf {
  ids: IntIds;
  /** By term id: the gram's hash and its document frequency. */
  hashes: Int32Array;
  df: Uint32Array;
}

function grown<A extends Int32Array | Uint32Array>(a: A, need: number): A {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => A)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function gramDf(texts: string[]): GramDf {
  const ids = new IntIds();
  let hashes = new Int32Array(1 << 14);
  let df = new Uint32Array(1 << 14);
  // The last text each term was seen in (+1), so a text counts once per term.
  let last = new Uint32Array(1 << 14);
  let doc = 0;
  const onGram = (h: number) => {
    const id = ids.add(h);
    if (id >= hashes.length) {
      hashes = grown(hashes, id + 1);
      df = grown(df, id + 1);
      last = grown(last, id + 1);
    }
    hashes[id] = h;
    if (last[id] !== doc) {
      last[id] = doc;
      df[id]!++;
    }
  };
  for (const t of texts) {
    doc++;
    forEachGram(t, onGram);
  }
  return { ids, hashes, df };
}

/** Postings of unit-length weights ((1 + ln tf) · idf, normalised per text), filled text by text. */
function fromDf(texts: string[], g: GramDf, embedder: LocalNgramEmbeddings): SparseCosine {
  const { ids } = g;
  const count = texts.length;
  const terms = ids.size;
  const idf = new Float64Array(terms);
  for (let t = 0; t < terms; t++) idf[t] = embedder.idf(g.hashes[t]!);
  // A term has one posting per text containing it: its document frequency.
  const offsets = new Uint32Array(terms + 1);
  for (let t = 0; t < terms; t++) offsets[t + 1] = offsets[t]! + g.df[t]!;
  const docs = docIdArray(offsets[terms]!, count);
  const ws = new Float32Array(offsets[terms]!);
  const fill = offsets.slice(0, terms);
  // Per text: counts by term id, and the ids in order of first sight.
  const inDoc = new Uint32Array(terms);
  const seen: number[] = [];
  const onGram = (h: number) => {
    const id = ids.get(h)!;
    if (inDoc[id] === 0) seen.push(id);
    inDoc[id]!++;
  };
  texts.forEach((t, d) => {
    seen.length = 0;
    forEachGram(t, onGram);
    let norm = 0;
    for (const id of seen) {
      const w = (1 + Math.log(Math.min(inDoc[id]!, 65535))) * idf[id]!;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const id of seen) {
      const at = fill[id]!++;
      docs[at] = d;
      ws[at] = ((1 + Math.log(Math.min(inDoc[id]!, 65535))) * idf[id]!) / norm;
      inDoc[id] = 0;
    }
  });
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

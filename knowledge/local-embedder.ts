// A local, deterministic embedder: character 1- and 2-grams of the normalised text, TF-IDF weighted,
// signed-hashed into a fixed number of dimensions, L2-normalised. No network, no key.
// Grams are handled as their 32-bit FNV-1a hashes only (computed from the characters, never built as strings):
// fitting 50,000 chunks then takes a few seconds and the saved state is two arrays of numbers.
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { IntIds } from './int-ids.js';
import { normalizeForMatch } from './normalize.js';

export const LOCAL_EMBEDDER_VERSION = 'local-ngram-v2';

export interface LocalEmbedderState {
  dim: number;
  docs: number;
  /** FNV-1a hashes (as int32) of the n-grams of the corpus it was fitted on … */
  grams: number[];
  /** … and their document frequencies. */
  df: number[];
}

const FNV_OFFSET = 0x811c9dc5;
const SEPARATOR = /[\s\p{P}\p{S}]+/u;

/** FNV-1a continued over one code point's UTF-16 units: a gram's hash extends its first character's. */
function extend(h: number, s: string, at: number, width: number): number {
  for (let i = at; i < at + width; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Calls `fn` with the hash (int32) of every character unigram and bigram of the text, within runs of non-punctuation. */
export function forEachGram(text: string, fn: (hash: number) => void): void {
  const s = normalizeForMatch(text);
  let prev = 0;
  let hasPrev = false;
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    // Chinese characters, digits and lower-case letters (most of the text) skip the Unicode class test.
    const plain = (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a);
    if (!plain && SEPARATOR.test(width === 1 ? s[i]! : s.slice(i, i + 2))) {
      hasPrev = false;
    } else {
      const uni = extend(FNV_OFFSET, s, i, width);
      if (hasPrev) fn(extend(prev, s, i, width) | 0);
      fn(uni | 0);
      prev = uni;
      hasPrev = true;
    }
    i += width;
  }
}

/** LangChain's embeddings interface, not its base class: the offline default never loads LangChain (~11 MB of RSS). */
export class LocalNgramEmbeddings implements EmbeddingsInterface {
  readonly id: string;
  private readonly maxIdf: number;
  private readonly dim: number;
  private readonly docs: number;
  /** Gram hash → id, and by id the hash and its document frequency: typed arrays, not a Map (at 50,000 chunks the
   * Map and the state's plain arrays held ~1 M numbers on the heap). */
  private readonly ids = new IntIds();
  private readonly grams: Int32Array;
  private readonly df: Uint32Array;

  constructor(state: LocalEmbedderState) {
    this.id = `${LOCAL_EMBEDDER_VERSION}-${state.dim}`;
    this.dim = state.dim;
    this.docs = state.docs;
    this.maxIdf = Math.log((state.docs + 1) / 1) + 1;
    this.grams = Int32Array.from(state.grams);
    this.df = new Uint32Array(state.grams.length);
    // A hash listed twice keeps its last frequency, as the Map did.
    state.grams.forEach((g, i) => {
      this.df[this.ids.add(g)] = state.df[i]!;
    });
  }

  /** Learns document frequencies from the corpus chunks. */
  static fit(texts: string[], dim = 512): LocalNgramEmbeddings {
    const df = new Map<number, number>();
    const seen = new Set<number>();
    for (const t of texts) {
      seen.clear();
      forEachGram(t, (h) => seen.add(h));
      for (const h of seen) df.set(h, (df.get(h) ?? 0) + 1);
    }
    return new LocalNgramEmbeddings({ dim, docs: texts.length, grams: [...df.keys()], df: [...df.values()] });
  }

  toJSON(): LocalEmbedderState {
    const df = Array.from(this.grams, (g) => this.df[this.ids.get(g)!]!);
    return { dim: this.dim, docs: this.docs, grams: Array.from(this.grams), df };
  }

  idf(hash: number): number {
    const id = this.ids.get(hash);
    const df = id === undefined ? 0 : this.df[id]!;
    return df ? Math.log((this.docs + 1) / df) + 1 : this.maxIdf;
  }

  embedText(text: string): number[] {
    const counts = new Map<number, number>();
    forEachGram(text, (h) => counts.set(h, (counts.get(h) ?? 0) + 1));
    const v = new Float64Array(this.dim);
    for (const [h, c] of counts) {
      const u = h >>> 0;
      v[u % this.dim]! += (u & 0x80000000 ? -1 : 1) * (1 + Math.log(c)) * this.idf(h);
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => x / norm);
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embedText(d));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embedText(document);
  }
}

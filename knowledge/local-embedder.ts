// A local, deterministic embedder: character 1- and 2-grams of the normalised text, TF-IDF weighted,
// signed-hashed into a fixed number of dimensions, L2-normalised. No network, no key.
import { Embeddings } from '@langchain/core/embeddings';
import { normalizeForMatch } from './normalize.js';

export const LOCAL_EMBEDDER_VERSION = 'local-ngram-v1';

export interface LocalEmbedderState {
  dim: number;
  docs: number;
  /** Document frequency of each n-gram in the corpus it was fitted on. */
  df: Record<string, number>;
}

export function charGrams(text: string): string[] {
  const chars = [...normalizeForMatch(text).replace(/[\s\p{P}\p{S}]+/gu, '|')];
  const grams: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '|') continue;
    grams.push(c);
    const n = chars[i + 1];
    if (n && n !== '|') grams.push(c + n);
  }
  return grams;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class LocalNgramEmbeddings extends Embeddings {
  readonly id: string;
  private readonly maxIdf: number;

  constructor(private readonly state: LocalEmbedderState) {
    super({});
    this.id = `${LOCAL_EMBEDDER_VERSION}-${state.dim}`;
    this.maxIdf = Math.log((state.docs + 1) / 1) + 1;
  }

  /** Learns document frequencies from the corpus chunks. */
  static fit(texts: string[], dim = 512): LocalNgramEmbeddings {
    const df: Record<string, number> = {};
    for (const t of texts) for (const g of new Set(charGrams(t))) df[g] = (df[g] ?? 0) + 1;
    return new LocalNgramEmbeddings({ dim, docs: texts.length, df });
  }

  toJSON(): LocalEmbedderState {
    return this.state;
  }

  idf(gram: string): number {
    const df = this.state.df[gram];
    return df ? Math.log((this.state.docs + 1) / df) + 1 : this.maxIdf;
  }

  embedText(text: string): number[] {
    const counts = new Map<string, number>();
    for (const g of charGrams(text)) counts.set(g, (counts.get(g) ?? 0) + 1);
    const v = new Float64Array(this.state.dim);
    for (const [g, c] of counts) {
      const h = fnv1a(g);
      v[h % this.state.dim]! += (h & 0x80000000 ? -1 : 1) * (1 + Math.log(c)) * this.idf(g);
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

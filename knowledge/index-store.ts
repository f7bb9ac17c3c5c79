// The built index: chunks with their tokens, BM25, vectors in the HNSW store. Built, saved and loaded here.
import fs from 'node:fs/promises';
import path from 'node:path';
import { chunkHeader, type Chunk } from './chunk.js';
import { bm25Builder, restoreBm25, type Bm25, type Bm25State } from './bm25.js';
import { createTokenizer, quotedTerms, unbracket, type Tokenizer } from './tokenizer.js';
import { loadVectors, noVectors, type VectorIndex } from './vectors.js';
import { normalizeForMatch } from './normalize.js';
import { charStats, type CharStats } from './char-channel.js';
import { LOCAL_DIM, restoreLocalEmbedder, type Embedder } from './embeddings.js';
import type { LocalEmbedderState, LocalNgramEmbeddings } from './local-embedder.js';
import { buildSparseCosine, fitSparseCosine, type SparseCosine } from './sparse-cosine.js';
import { sha256, type Manifest } from './manifest.js';

export interface DocText {
  id: string;
  title: string;
  short: string;
  /** Cleaned text: quotes are verified against it. */
  text: string;
}

export interface KnowledgeIndex {
  chunks: Chunk[];
  docs: DocText[];
  tokenizer: Tokenizer;
  bm25: Bm25;
  /** BM25 over character pairs (as integer codes): catches what word segmentation splits differently. */
  grams: Bm25<number>;
  /** Document frequencies of single characters, for the character channel (char-channel.ts). */
  chars: CharStats;
  /** Vectors of the configured embeddings endpoint (empty with the local embedder: no HNSW store is loaded). */
  store: VectorIndex;
  embedder: Embedder;
  /** With the local embedder: exact cosine over its sparse gram weights, in place of the HNSW store. */
  dense?: SparseCosine;
}

export type Progress = (p: { phase: 'chunk' | 'embed' | 'index' | 'save'; done: number; total: number }) => void;

const BATCH = 256;

export function indexedText(c: Chunk): string {
  return `${chunkHeader(c)}${c.keywords ? ` ${c.keywords}` : ''}\n${c.text}`;
}

const HAN_FIRST = 0x4e00;
const HAN_LAST = 0x9fff;
const HAN_SPAN = HAN_LAST - HAN_FIRST + 1;

/** Pairs of adjacent Chinese characters of a text (normalised), as small integers: the character channel's terms. */
export function charPairCodes(text: string): number[] {
  const s = normalizeForMatch(unbracket(text));
  const out: number[] = [];
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const han = c >= HAN_FIRST && c <= HAN_LAST ? c - HAN_FIRST : -1;
    if (han >= 0 && prev >= 0) out.push(prev * HAN_SPAN + han);
    prev = han;
  }
  return out;
}

function gramIndex(chunks: Chunk[]): Bm25<number> {
  const builder = bm25Builder<number>({ integers: true });
  for (const c of chunks) builder.add(charPairCodes(indexedText(c)));
  return builder.build();
}

/** Builds the index; `remote` is the configured embedder, else a local one is fitted on the chunks. */
export async function buildIndex(
  chunks: Chunk[],
  docs: DocText[],
  opts: { remote?: Embedder; onProgress?: Progress; useTerms?: boolean } = {},
): Promise<KnowledgeIndex> {
  const texts = chunks.map(indexedText);
  const tokenizer = createTokenizer(opts.useTerms === false ? [] : quotedTerms(docs.map((d) => d.text)));
  // Tokens go straight into the postings: no per-chunk arrays of strings are kept.
  const words = bm25Builder<string>();
  texts.forEach((t, i) => {
    words.add(tokenizer.tokenize(t));
    if (i % BATCH === 0 || i === texts.length - 1)
      opts.onProgress?.({ phase: 'chunk', done: i + 1, total: texts.length });
  });
  const bm25 = words.build();
  const grams = gramIndex(chunks);
  const chars = charStats(texts);
  if (!opts.remote) {
    opts.onProgress?.({ phase: 'embed', done: 0, total: texts.length });
    const { embedder, dense } = fitSparseCosine(texts, LOCAL_DIM);
    opts.onProgress?.({ phase: 'embed', done: texts.length, total: texts.length });
    return { chunks, docs, tokenizer, bm25, grams, chars, store: noVectors, embedder, dense };
  }
  const embedder = opts.remote;
  // LangChain and hnswlib-node are loaded only for a configured endpoint.
  const [{ HnswStore }, { Document }] = await Promise.all([
    import('./hnsw-store.js'),
    import('@langchain/core/documents'),
  ]);
  const store = new HnswStore(embedder, { capacity: texts.length });
  for (let i = 0; i < texts.length; i += BATCH) {
    const batch = texts.slice(i, i + BATCH);
    const vectors = await embedder.embedDocuments(batch);
    await store.addVectors(
      vectors,
      batch.map((_, j) => new Document({ pageContent: '', metadata: { chunk: i + j } })),
    );
    opts.onProgress?.({ phase: 'embed', done: Math.min(i + BATCH, texts.length), total: texts.length });
  }
  return { chunks, docs, tokenizer, bm25, grams, chars, store, embedder };
}

/** Files whose hashes the manifest records and loadIndex verifies. */
const HASHED = ['chunks.json', 'embedder.json'];

/** A saved file differs from what was built (hand-edited or damaged): the index must be rebuilt. */
export class IndexIntegrityError extends Error {
  constructor(readonly file: string) {
    super(`saved index file ${file} does not match the hash in its manifest`);
    this.name = 'IndexIntegrityError';
  }
}

/** Saves the index; returns the manifest as written (with the hash of each saved file). */
export async function saveIndex(dir: string, index: KnowledgeIndex, manifest: Manifest): Promise<Manifest> {
  const tmp = `${dir}.tmp-${process.pid}`;
  await fs.rm(tmp, { recursive: true, force: true });
  await fs.mkdir(tmp, { recursive: true });
  const { chunks, docs, tokenizer, store, embedder } = index;
  const contentHashes: Record<string, string> = {};
  const write = async (name: string, data: string) => {
    await fs.writeFile(path.join(tmp, name), data);
    if (HASHED.includes(name)) contentHashes[name] = sha256(data);
  };
  await write('chunks.json', JSON.stringify({ chunks, docs, bm25: index.bm25.toJSON(), terms: tokenizer.terms }));
  if ('toJSON' in embedder && embedder.id.startsWith('local')) {
    await write('embedder.json', JSON.stringify((embedder as unknown as { toJSON(): LocalEmbedderState }).toJSON()));
  }
  await store.save(path.join(tmp, 'vectors'));
  const written = { ...manifest, contentHashes };
  await fs.writeFile(path.join(tmp, 'manifest.json'), JSON.stringify(written, null, 2));
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rename(tmp, dir);
  return written;
}

/** Reads a saved file and checks it against the manifest's hash (a file the manifest does not know is refused). */
async function readVerified(dir: string, name: string, manifest: Manifest): Promise<string> {
  const data = await fs.readFile(path.join(dir, name));
  if (manifest.contentHashes?.[name] !== sha256(data)) throw new IndexIntegrityError(name);
  return data.toString('utf8');
}

export async function loadIndex(dir: string, manifest: Manifest, remote?: Embedder): Promise<KnowledgeIndex> {
  const saved = JSON.parse(await readVerified(dir, 'chunks.json', manifest)) as {
    chunks: Chunk[];
    docs: DocText[];
    bm25: Bm25State;
    terms: string[];
  };
  const local = remote
    ? undefined
    : restoreLocalEmbedder(JSON.parse(await readVerified(dir, 'embedder.json', manifest)) as LocalEmbedderState);
  const embedder: Embedder = remote ?? local!;
  const store = await loadVectors(path.join(dir, 'vectors'), embedder);
  return {
    chunks: saved.chunks,
    docs: saved.docs,
    tokenizer: createTokenizer(saved.terms),
    bm25: restoreBm25(saved.bm25),
    grams: gramIndex(saved.chunks),
    chars: charStats(saved.chunks.map(indexedText)),
    store,
    embedder,
    dense: local ? buildSparseCosine(saved.chunks.map(indexedText), local as LocalNgramEmbeddings) : undefined,
  };
}

// The built index: chunks with their tokens, BM25, vectors in the HNSW store. Built, saved and loaded here.
import fs from 'node:fs/promises';
import path from 'node:path';
import { Document } from '@langchain/core/documents';
import { chunkHeader, type Chunk } from './chunk.js';
import { createBm25, type Bm25 } from './bm25.js';
import { createTokenizer, quotedTerms, type Tokenizer } from './tokenizer.js';
import { HnswStore } from './hnsw-store.js';
import { normalizeForMatch } from './normalize.js';
import { fitLocalEmbedder, restoreLocalEmbedder, type Embedder } from './embeddings.js';
import type { LocalEmbedderState } from './local-embedder.js';
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
  tokens: string[][];
  tokenizer: Tokenizer;
  bm25: Bm25;
  /** BM25 over character pairs: catches what word segmentation splits differently in question and text. */
  grams: Bm25;
  store: HnswStore;
  embedder: Embedder;
}

export type Progress = (p: { phase: 'chunk' | 'embed' | 'index' | 'save'; done: number; total: number }) => void;

const BATCH = 256;

export function indexedText(c: Chunk): string {
  return `${chunkHeader(c)}\n${c.text}`;
}

/** Chinese character pairs of a text (normalised), the tokens of the character channel. */
export function charPairs(text: string): string[] {
  const chars = [...normalizeForMatch(text)];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    if (HAN.test(a) && HAN.test(b)) out.push(a + b);
  }
  return out;
}
const HAN = /[\u4e00-\u9fff]/;

function gramIndex(chunks: Chunk[]): Bm25 {
  return createBm25(chunks.map((c) => charPairs(indexedText(c))));
}

/** Builds the index; `remote` is the configured embedder, else a local one is fitted on the chunks. */
export async function buildIndex(
  chunks: Chunk[],
  docs: DocText[],
  opts: { remote?: Embedder; onProgress?: Progress; useTerms?: boolean } = {},
): Promise<KnowledgeIndex> {
  const texts = chunks.map(indexedText);
  const tokenizer = createTokenizer(opts.useTerms === false ? [] : quotedTerms(docs.map((d) => d.text)));
  const tokens: string[][] = [];
  texts.forEach((t, i) => {
    tokens.push(tokenizer.tokenize(t));
    if (i % BATCH === 0 || i === texts.length - 1)
      opts.onProgress?.({ phase: 'chunk', done: i + 1, total: texts.length });
  });
  const embedder = opts.remote ?? fitLocalEmbedder(texts);
  const store = new HnswStore(embedder);
  for (let i = 0; i < texts.length; i += BATCH) {
    const batch = texts.slice(i, i + BATCH);
    const vectors = await embedder.embedDocuments(batch);
    await store.addVectors(
      vectors,
      batch.map((_, j) => new Document({ pageContent: '', metadata: { chunk: i + j } })),
    );
    opts.onProgress?.({ phase: 'embed', done: Math.min(i + BATCH, texts.length), total: texts.length });
  }
  return { chunks, docs, tokens, tokenizer, bm25: createBm25(tokens), grams: gramIndex(chunks), store, embedder };
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
  const { chunks, docs, tokens, tokenizer, store, embedder } = index;
  const contentHashes: Record<string, string> = {};
  const write = async (name: string, data: string) => {
    await fs.writeFile(path.join(tmp, name), data);
    if (HASHED.includes(name)) contentHashes[name] = sha256(data);
  };
  await write('chunks.json', JSON.stringify({ chunks, docs, tokens, terms: tokenizer.terms }));
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
    tokens: string[][];
    terms: string[];
  };
  const embedder =
    remote ??
    restoreLocalEmbedder(JSON.parse(await readVerified(dir, 'embedder.json', manifest)) as LocalEmbedderState);
  const store = await HnswStore.load(path.join(dir, 'vectors'), embedder);
  return {
    ...saved,
    tokenizer: createTokenizer(saved.terms),
    bm25: createBm25(saved.tokens),
    grams: gramIndex(saved.chunks),
    store,
    embedder,
  };
}

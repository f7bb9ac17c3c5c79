// Makes sure an up-to-date index exists: loads it when the manifest matches the corpus and embedder, else builds it.
import path from 'node:path';
import type { Config } from '../ground/config.js';
import type { Logger } from '../ground/logger.js';
import { loadCorpus } from './loader.js';
import { chunkDoc } from './chunker.js';
import {
  buildIndex,
  IndexIntegrityError,
  loadIndex,
  saveIndex,
  type DocText,
  type KnowledgeIndex,
  type Progress,
} from './index-store.js';
import { corpusHash, isCurrent, readManifest, INDEX_FORMAT, type Manifest } from './manifest.js';
import { createRemoteEmbedder, embedderId } from './embeddings.js';
import type { Chunk } from './chunk.js';
import { attachUnitKeywords, loadUnitKeywords, type KeywordProblem } from './unit-keywords.js';

export function indexDir(config: Config): string {
  return path.join(config.dataDir, 'index');
}

export interface ChunkedCorpus {
  chunks: Chunk[];
  docs: DocText[];
  /** Lines of the keyword sidecars that were not used: malformed, or naming a unit the document does not have. */
  keywordProblems: KeywordProblem[];
}

export async function chunkCorpus(corpusPath: string): Promise<ChunkedCorpus> {
  const raw = await loadCorpus(corpusPath);
  const { keywords, problems } = await loadUnitKeywords(corpusPath);
  const chunks: Chunk[] = [];
  const docs: DocText[] = [];
  for (const d of raw) {
    const out = chunkDoc(d);
    for (const c of out.chunks) chunks.push({ ...c, id: `${d.id}#${chunks.length}` });
    docs.push({ id: d.id, title: out.title, short: out.chunks[0]?.short ?? out.title, text: out.text });
  }
  problems.push(...attachUnitKeywords(chunks, keywords));
  return { chunks, docs, keywordProblems: problems };
}

export interface EnsureResult {
  index: KnowledgeIndex;
  manifest: Manifest;
  built: boolean;
}

export async function ensureIndex(
  config: Config,
  logger: Logger,
  opts: { onProgress?: Progress; force?: boolean } = {},
): Promise<EnsureResult> {
  const dir = indexDir(config);
  const { hash, files } = await corpusHash(config.corpusDir);
  const embedder = embedderId(config);
  const remote = await createRemoteEmbedder(config);
  const existing = await readManifest(dir);
  if (!opts.force && isCurrent(existing, hash, embedder)) {
    try {
      const t0 = performance.now();
      const index = await loadIndex(dir, existing!, remote);
      logger.info({ dir, chunks: index.chunks.length, ms: Math.round(performance.now() - t0) }, 'index loaded');
      return { index, manifest: existing!, built: false };
    } catch (err) {
      if (err instanceof IndexIntegrityError)
        logger.warn(
          { dir, file: err.file },
          'saved index was changed after it was built (does not match its manifest): rebuilding from the corpus',
        );
      else logger.warn({ err: (err as Error).message, dir }, 'saved index unreadable; rebuilding');
    }
  }
  const t0 = performance.now();
  logger.info({ dir, reason: existing ? 'corpus or embedder changed' : 'no index' }, 'building index');
  const { chunks, docs, keywordProblems } = await chunkCorpus(config.corpusDir);
  for (const p of keywordProblems) logger.warn(p, 'keyword sidecar line not used');
  let index: KnowledgeIndex;
  let usedEmbedder = embedder;
  try {
    index = await buildIndex(chunks, docs, { remote, onProgress: opts.onProgress });
  } catch (err) {
    if (!remote) throw err;
    // The embeddings endpoint is unreachable: answer with the local embedder now, try the endpoint again next start.
    logger.error({ err: (err as Error).message }, 'embeddings endpoint failed; index built with the local embedder');
    index = await buildIndex(chunks, docs, { onProgress: opts.onProgress });
    usedEmbedder = index.embedder.id;
  }
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    corpusHash: hash,
    embedderId: usedEmbedder,
    files,
    chunks: chunks.length,
    builtAt: new Date().toISOString(),
  };
  opts.onProgress?.({ phase: 'save', done: 0, total: 1 });
  const saved = await saveIndex(dir, index, manifest);
  opts.onProgress?.({ phase: 'save', done: 1, total: 1 });
  logger.info({ dir, chunks: chunks.length, ms: Math.round(performance.now() - t0) }, 'index built');
  return { index, manifest: saved, built: true };
}

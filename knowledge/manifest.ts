// The index manifest: what the saved index was built from. A changed corpus or embedder means a rebuild.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { listCorpusFiles } from './loader.js';
import { listKeywordFiles } from './unit-keywords.js';

/** Bump when chunking, cleaning or tokenising changes, so old indexes rebuild. */
export const INDEX_FORMAT = 14;

export interface Manifest {
  format: number;
  corpusHash: string;
  embedderId: string;
  files: string[];
  chunks: number;
  builtAt: string;
  /** sha256 of each saved file the answers quote from (chunks.json: chunks, cleaned documents) or rank with. */
  contentHashes?: Record<string, string>;
}

export function sha256(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export async function corpusHash(corpusPath: string): Promise<{ hash: string; files: string[] }> {
  const files = await listCorpusFiles(corpusPath);
  const h = crypto.createHash('sha256');
  h.update(`format:${INDEX_FORMAT}\n`);
  // Keyword sidecars change what is indexed, so they count as corpus (but are not listed as documents).
  for (const f of [...files, ...(await listKeywordFiles(corpusPath))]) {
    h.update(`${path.basename(f)}\n`);
    h.update(await fs.readFile(f));
  }
  return { hash: h.digest('hex'), files: files.map((f) => path.basename(f)) };
}

export async function readManifest(dir: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

export function isCurrent(m: Manifest | undefined, hash: string, embedder: string): boolean {
  return !!m && m.format === INDEX_FORMAT && m.corpusHash === hash && m.embedderId === embedder;
}

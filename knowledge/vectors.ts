// What the index needs of a vector store. The HNSW store (hnsw-store.ts: hnswlib-node behind LangChain's vector
// store) holds a configured endpoint's vectors; with the local embedder it is empty, and this stand-in saves and
// searches the same as an empty one without loading hnswlib-node or LangChain (~11 MB of RSS in every bot).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';

export interface VectorIndex {
  size: number;
  /** Nearest documents (labels: chunk positions) with cosine similarity. */
  searchVector(query: number[], k: number): Array<{ label: number; similarity: number }>;
  save(directory: string): Promise<void>;
}

/** An empty store: the files an empty HnswStore writes, so a saved index is the same either way. */
export const noVectors: VectorIndex = {
  size: 0,
  searchVector: () => [],
  async save(directory) {
    await fs.mkdir(directory, { recursive: true });
    await fs.writeFile(path.join(directory, 'args.json'), JSON.stringify({ count: 0 }));
    await fs.writeFile(path.join(directory, 'docstore.json'), '[]');
  },
};

/** A saved store: the HNSW store only when it holds vectors. */
export async function loadVectors(directory: string, embeddings: EmbeddingsInterface): Promise<VectorIndex> {
  const args = JSON.parse(await fs.readFile(path.join(directory, 'args.json'), 'utf8')) as { count?: number };
  if (!args.count) return noVectors;
  const { HnswStore } = await import('./hnsw-store.js');
  return HnswStore.load(directory, embeddings);
}

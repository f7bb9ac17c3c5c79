// hnswlib-node behind LangChain's vector-store interface (instead of @langchain/community's HNSWLib).
// Scores are cosine SIMILARITY (higher is closer), unlike HNSWLib's distance.
import fs from 'node:fs/promises';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { Document, type DocumentInterface } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { SaveableVectorStore } from '@langchain/core/vectorstores';

const { HierarchicalNSW } = hnswlib;
type Index = InstanceType<typeof HierarchicalNSW>;

export interface HnswArgs {
  dim: number;
  m: number;
  efConstruction: number;
  efSearch: number;
  /** Elements to allocate at once when the total is known (a build), instead of growing by doubling. */
  capacity?: number;
}

export class HnswStore extends SaveableVectorStore {
  declare FilterType: (doc: DocumentInterface) => boolean;
  private index?: Index;
  private docs: DocumentInterface[] = [];

  constructor(
    embeddings: EmbeddingsInterface,
    private readonly args: Partial<HnswArgs> = {},
  ) {
    super(embeddings, {});
  }

  _vectorstoreType(): string {
    return 'hnswlib-node';
  }

  get size(): number {
    return this.docs.length;
  }

  private ensure(dim: number, extra: number): Index {
    if (!this.index) {
      this.index = new HierarchicalNSW('cosine', dim);
      this.index.initIndex({
        maxElements: Math.max(extra, 16, this.args.capacity ?? 0),
        m: this.args.m ?? 16,
        efConstruction: this.args.efConstruction ?? 100,
        randomSeed: 42,
      });
      this.args.dim = dim;
    } else if (this.docs.length + extra > this.index.getMaxElements()) {
      this.index.resizeIndex(Math.max(this.docs.length + extra, this.index.getMaxElements() * 2));
    }
    return this.index;
  }

  async addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<string[]> {
    if (!vectors.length) return [];
    const index = this.ensure(vectors[0]!.length, vectors.length);
    const ids: string[] = [];
    vectors.forEach((v, i) => {
      const label = this.docs.length;
      index.addPoint(v, label);
      this.docs.push(documents[i]!);
      ids.push(String(label));
    });
    return ids;
  }

  async addDocuments(documents: DocumentInterface[]): Promise<string[]> {
    return this.addVectors(await this.embeddings.embedDocuments(documents.map((d) => d.pageContent)), documents);
  }

  /** Nearest documents with cosine similarity. */
  searchVector(query: number[], k: number): Array<{ label: number; similarity: number }> {
    if (!this.index || !this.docs.length) return [];
    this.index.setEf(Math.max(this.args.efSearch ?? 64, k));
    const { neighbors, distances } = this.index.searchKnn(query, Math.min(k, this.docs.length));
    return neighbors.map((label, i) => ({ label, similarity: 1 - distances[i]! }));
  }

  async similaritySearchVectorWithScore(
    query: number[],
    k: number,
    filter?: this['FilterType'],
  ): Promise<[DocumentInterface, number][]> {
    const hits = this.searchVector(query, filter ? k * 4 : k);
    return hits
      .map((h): [DocumentInterface, number] => [this.docs[h.label]!, h.similarity])
      .filter(([d]) => !filter || filter(d))
      .slice(0, k);
  }

  async save(directory: string): Promise<void> {
    await fs.mkdir(directory, { recursive: true });
    if (this.index) this.index.writeIndexSync(path.join(directory, 'hnswlib.index'));
    await fs.writeFile(path.join(directory, 'args.json'), JSON.stringify({ ...this.args, count: this.docs.length }));
    await fs.writeFile(
      path.join(directory, 'docstore.json'),
      JSON.stringify(this.docs.map((d) => [d.pageContent, d.metadata])),
    );
  }

  static async load(directory: string, embeddings: EmbeddingsInterface): Promise<HnswStore> {
    const args = JSON.parse(await fs.readFile(path.join(directory, 'args.json'), 'utf8')) as HnswArgs & {
      count: number;
    };
    const store = new HnswStore(embeddings, args);
    const docs = JSON.parse(await fs.readFile(path.join(directory, 'docstore.json'), 'utf8')) as Array<
      [string, Record<string, unknown>]
    >;
    store.docs = docs.map(([pageContent, metadata]) => new Document({ pageContent, metadata }));
    if (args.count) {
      store.index = new HierarchicalNSW('cosine', args.dim);
      store.index.readIndexSync(path.join(directory, 'hnswlib.index'));
    }
    return store;
  }
}

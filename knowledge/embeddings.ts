// The embedder: an OpenAI-compatible endpoint when EMBEDDING_MODEL is configured, else the local one.
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Config } from '../ground/config.js';
import { LOCAL_EMBEDDER_VERSION, LocalNgramEmbeddings, type LocalEmbedderState } from './local-embedder.js';

export const LOCAL_DIM = 512;

export type Embedder = EmbeddingsInterface & { id: string };

/** Identifies the embedder in the index manifest: a different one rebuilds the index. */
export function embedderId(config: Config): string {
  const { embeddingModel, embeddingDimensions, baseURL } = config.llm;
  if (!embeddingModel) return `${LOCAL_EMBEDDER_VERSION}-${LOCAL_DIM}`;
  return `openai:${embeddingModel}:${embeddingDimensions ?? 'default'}@${baseURL ?? 'api.openai.com'}`;
}

export async function createRemoteEmbedder(config: Config): Promise<Embedder | undefined> {
  const { embeddingModel, embeddingDimensions, baseURL, apiKey, timeoutMs, maxRetries } = config.llm;
  if (!embeddingModel) return undefined;
  // Loaded only when configured: the OpenAI client costs ~30 MB of RSS the offline default does not need.
  const { OpenAIEmbeddings } = await import('@langchain/openai');
  const remote = new OpenAIEmbeddings({
    model: embeddingModel,
    apiKey: apiKey ?? 'not-needed',
    dimensions: embeddingDimensions,
    encodingFormat: 'float',
    timeout: timeoutMs,
    maxRetries,
    batchSize: 64,
    configuration: { baseURL },
  });
  // A member waits on the question's embedding, and BM25 alone still answers: one short deadline for it, retries included.
  const queryDeadline = Math.min(timeoutMs, QUERY_DEADLINE_MS);
  const embedQuery = remote.embedQuery.bind(remote);
  return Object.assign(remote, {
    id: embedderId(config),
    embedQuery: (text: string) => withDeadline(embedQuery(text), queryDeadline),
  });
}

export const QUERY_DEADLINE_MS = 3000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`query embedding took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export function fitLocalEmbedder(texts: string[]): LocalNgramEmbeddings {
  return LocalNgramEmbeddings.fit(texts, LOCAL_DIM);
}

export function restoreLocalEmbedder(state: LocalEmbedderState): LocalNgramEmbeddings {
  return new LocalNgramEmbeddings(state);
}

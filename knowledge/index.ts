// The answering core's entry point: createKnowledge(config, logger) → { answerer, retriever, … }.
import type { Config } from '../ground/config.js';
import type { Logger } from '../ground/logger.js';
import type { Answerer } from './types.js';
import { ensureIndex } from './build.js';
import { createRetriever, type Retriever } from './retriever.js';
import { createAnswerer, type DetailedAnswer } from './answerer.js';
import { createModelAnswerer } from './llm-answer.js';
import type { KnowledgeIndex, Progress } from './index-store.js';
import type { Manifest } from './manifest.js';

export type { Answer, Answerer, Citation, SourceRef } from './types.js';
export type { Progress } from './index-store.js';

export interface Knowledge {
  answerer: Answerer;
  /** Same as answerer.answer, plus the retrieval and the refusal reason (for eval and debugging). */
  answerDetailed(question: string, opts?: { signal?: AbortSignal }): Promise<DetailedAnswer>;
  retriever: Retriever;
  index: KnowledgeIndex;
  manifest: Manifest;
  /** True when this call built the index (it was missing or stale). */
  built: boolean;
  close(): Promise<void>;
}

export interface KnowledgeOptions {
  onProgress?: Progress;
  /** Rebuild even when the saved index is current. */
  rebuild?: boolean;
}

export async function createKnowledge(config: Config, logger: Logger, opts: KnowledgeOptions = {}): Promise<Knowledge> {
  const log = logger.child({ mod: 'knowledge' });
  const { index, manifest, built } = await ensureIndex(config, log, {
    onProgress: opts.onProgress,
    force: opts.rebuild,
  });
  const retriever = createRetriever({ index, logger: log });
  const model = await createModelAnswerer(config, index, log);
  const answerer = createAnswerer({ retriever, model, maxChars: config.answerMaxChars, logger: log });
  return {
    answerer: { answer: answerer.answer },
    answerDetailed: answerer.answerDetailed,
    retriever,
    index,
    manifest,
    built,
    close: async () => {},
  };
}

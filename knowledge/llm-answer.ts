// The chat-model path (placeholder interface; the implementation follows in llm-answer.ts).
import type { Retrieval } from './retriever.js';
import type { Citation } from './types.js';

export interface ModelAnswerer {
  /** A verified answer, or undefined when nothing verifiable is left. Throws when the model fails. */
  answer(question: string, r: Retrieval, opts?: { signal?: AbortSignal }): Promise<{ text: string; citations: Citation[] } | undefined>;
}

import type { Config } from '../app/config.js';
import type { Logger } from '../app/logger.js';
import type { KnowledgeIndex } from './index-store.js';

/** Builds the model path when CHAT_MODEL is configured. */
export async function createModelAnswerer(config: Config, _index: KnowledgeIndex, _logger: Logger): Promise<ModelAnswerer | undefined> {
  if (!config.llm.chatModel) return undefined;
  return undefined;
}

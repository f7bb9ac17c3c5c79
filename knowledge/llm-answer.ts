// The chat-model path: fenced, numbered context; the question as data; every quote verified against the corpus.
import type { ChatOpenAI } from '@langchain/openai';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Config } from '../ground/config.js';
import type { Logger } from '../ground/logger.js';
import type { Retrieval } from './retriever.js';
import type { Citation } from './types.js';
import type { KnowledgeIndex } from './index-store.js';
import { citeLabel } from './chunk.js';
import { defang, fill, loadPrompts, MODEL_REFUSAL, type Prompts } from './prompts.js';
import { createQuoteVerifier, labelQuotes, stripUnverified, type QuoteVerifier } from './quote-verify.js';
import { toPlainText } from './plain-text.js';

export interface ModelAnswerer {
  /** A verified answer, or undefined when nothing verifiable is left. Throws when the model fails. */
  answer(question: string, r: Retrieval, opts?: { signal?: AbortSignal }): Promise<{ text: string; citations: Citation[] } | undefined>;
}

const CONTEXT_HITS = 5;
/** A quote this short is a term (“三会一课”), not evidence for an answer. */
const MIN_EVIDENCE = 6;

export function buildContext(r: Retrieval): string {
  return r.hits
    .slice(0, CONTEXT_HITS)
    .map((h, i) => `[${i + 1}] ${citeLabel(h.chunk)}${h.chunk.section ? `（${h.chunk.section}）` : ''}\n<<<\n${defang(h.chunk.text)}\n>>>`)
    .join('\n\n');
}

export interface ModelAnswererDeps {
  model: Pick<BaseChatModel, 'invoke'>;
  prompts: Prompts;
  verifier: QuoteVerifier;
  botName: string;
  maxChars: number;
  logger?: Logger;
  /** Bound on the whole model call, retries included (LLM_TIMEOUT_MS is also each attempt's timeout). */
  deadlineMs?: number;
}

export function createModelAnswererWith({ model, prompts, verifier, botName, maxChars, logger, deadlineMs }: ModelAnswererDeps): ModelAnswerer {
  const system = fill(prompts.system, { bot_name: botName, max_chars: String(maxChars), refusal: MODEL_REFUSAL });
  return {
    async answer(question, r, opts = {}) {
      const user = fill(prompts.user, { context: buildContext(r), question: defang(question) });
      // Without an overall deadline, LLM_MAX_RETRIES retries of a hanging endpoint add up (8 s × 2 by default).
      const signals = [opts.signal, deadlineMs ? AbortSignal.timeout(deadlineMs) : undefined].filter((s): s is AbortSignal => !!s);
      const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
      const reply = await model.invoke([new SystemMessage(system), new HumanMessage(user)], { signal });
      const raw = typeof reply.content === 'string' ? reply.content : reply.content.map((p) => ('text' in p ? p.text : '')).join('');
      if (!raw.trim() || raw.includes(MODEL_REFUSAL)) return undefined;
      const { text, verified, removed } = stripUnverified(toPlainText(raw), verifier);
      if (removed.length) logger?.warn({ removed }, 'model quoted text not in the corpus; removed');
      const prefer = r.hits.map((h) => h.chunk);
      const located = verified
        .filter((q) => q.length >= MIN_EVIDENCE)
        .map((quote) => ({ quote, chunk: verifier.locate(quote, prefer) }))
        .filter((x): x is { quote: string; chunk: NonNullable<typeof x.chunk> } => !!x.chunk);
      if (!located.length) return undefined;
      const citations = located.map(({ quote, chunk }) => ({ doc: chunk.short, clause: chunk.clause, quote }));
      return { text: labelQuotes(text, located).trim(), citations };
    },
  };
}

export async function createChatModel(config: Config): Promise<ChatOpenAI | undefined> {
  const { chatModel, apiKey, baseURL, timeoutMs, maxRetries } = config.llm;
  if (!chatModel) return undefined;
  // Loaded only when configured: the OpenAI client costs ~30 MB of RSS the offline default does not need.
  const { ChatOpenAI } = await import('@langchain/openai');
  return new ChatOpenAI({ model: chatModel, apiKey: apiKey ?? 'not-needed', temperature: 0, timeout: timeoutMs, maxRetries, configuration: { baseURL } });
}

/** Builds the model path when CHAT_MODEL is configured. */
export async function createModelAnswerer(config: Config, index: KnowledgeIndex, logger: Logger): Promise<ModelAnswerer | undefined> {
  const model = await createChatModel(config);
  if (!model) return undefined;
  return createModelAnswererWith({
    model,
    prompts: loadPrompts(),
    verifier: createQuoteVerifier(index.docs, index.chunks),
    botName: config.botName,
    maxChars: config.answerMaxChars,
    logger,
    deadlineMs: config.llm.timeoutMs,
  });
}

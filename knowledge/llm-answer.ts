// The chat-model path: the model selects numbered context sentences and may write one short lead sentence
// (structured output); code cuts the quotes from the corpus, attaches the citations and keeps the lead only
// when the selected sentences support every number, bound, modal and negation in it.
import type { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Config } from '../ground/config.js';
import type { Logger } from '../ground/logger.js';
import type { Citation } from './types.js';
import type { KnowledgeIndex } from './index-store.js';
import { citeLabel, type Chunk } from './chunk.js';
import { defang, fill, loadPrompts, type Prompts } from './prompts.js';
import { createQuoteVerifier, type QuoteVerifier } from './quote-verify.js';
import { createChatModel } from './chat-model.js';
import {
  buildModelContext,
  MAX_SELECTED,
  quoteRuns,
  resolveSelection,
  selectionSchema,
  type QuoteRun,
  type Selection,
} from './model-select.js';
import { checkLead, MAX_LEAD_CHARS } from './lead-check.js';

export interface ModelAnswer {
  text: string;
  citations: Citation[];
  /** The model's lead as shown, if it passed the checks. */
  lead?: string;
  /** Why the model's lead was not shown. */
  leadDropped?: string;
}

export interface ModelAnswerOptions {
  signal?: AbortSignal;
  /** The extractive decision refused this on-topic question: answer only if the model says the context answers it. */
  mayAnswerRefused?: boolean;
}

/** The passages the answer may quote: the retrieval's hits (a Retrieval fits). */
export interface ModelAnswerContext {
  hits: ReadonlyArray<{ chunk: Chunk }>;
}

export interface ModelAnswerer {
  /** A cited answer from the model's selection, or undefined when the model declines or selects nothing valid. Throws when the model fails. */
  answer(question: string, context: ModelAnswerContext, opts?: ModelAnswerOptions): Promise<ModelAnswer | undefined>;
}

export type StructuredMethod = 'jsonSchema' | 'functionCalling';

export interface ModelAnswererDeps {
  model: Pick<BaseChatModel, 'withStructuredOutput'>;
  prompts: Prompts;
  verifier: QuoteVerifier;
  botName: string;
  maxChars: number;
  logger?: Logger;
  /** Bound on the whole model call, retries and the structured-output fallback included. */
  deadlineMs?: number;
  /** The first structured-output method tried; json_schema falls back to function calling once a server rejects it. */
  method?: StructuredMethod;
}

/** Errors that mean "this server does not do json_schema" rather than "the server is failing". */
function unsupportedStructured(err: unknown): boolean {
  const e = err as { status?: number; name?: string; message?: string; lc_error_code?: string };
  if (e?.name === 'AbortError' || /abort|timed? ?out/i.test(e?.message ?? '')) return false;
  if (typeof e?.status === 'number') return [400, 404, 415, 422].includes(e.status);
  return (
    e?.lc_error_code === 'OUTPUT_PARSING_FAILURE' ||
    /OutputParser|SyntaxError|ZodError/.test(e?.name ?? '') ||
    /parse/i.test(e?.message ?? '')
  );
}

/** Cuts a quote at a clause boundary to fit `room` characters; the caller marks the cut. */
function cut(quote: string, room: number): string {
  const head = quote.slice(0, room);
  const at = Math.max(head.lastIndexOf('，'), head.lastIndexOf('；'), head.lastIndexOf('、'), head.lastIndexOf('：'));
  return at > room / 3 ? head.slice(0, at) : head;
}

/** `label：「quote」「quote」` lines within maxChars; a quote that had to be cut ends in … and is cited as cut. */
export function renderQuotes(groups: QuoteRun[][], maxChars: number): { text: string; citations: Citation[] } {
  const lines: string[] = [];
  const citations: Citation[] = [];
  let used = 0;
  for (const runs of groups) {
    const label = citeLabel(runs[0]!.chunk);
    let line = `${label}：`;
    for (const run of runs) {
      const room = maxChars - used - line.length - (lines.length ? 1 : 0) - 3;
      if (room < 20) break;
      const quote = run.quote.length <= room ? run.quote : cut(run.quote, room);
      line += `「${quote}」${quote.length < run.quote.length ? '…' : ''}`;
      citations.push({ doc: run.chunk.short, clause: run.chunk.clause, quote });
      if (quote.length < run.quote.length) break;
    }
    if (line.endsWith('：')) break;
    lines.push(line);
    used += line.length + 1;
  }
  return { text: lines.join('\n'), citations };
}

export function createModelAnswererWith(deps: ModelAnswererDeps): ModelAnswerer {
  const { model, prompts, verifier, botName, maxChars, logger, deadlineMs } = deps;
  let method: StructuredMethod = deps.method ?? 'jsonSchema';
  const system = fill(prompts.system, {
    bot_name: botName,
    max_selected: String(MAX_SELECTED),
    max_lead_chars: String(Math.min(40, MAX_LEAD_CHARS)),
  });

  async function select(messages: Array<SystemMessage | HumanMessage>, signal?: AbortSignal): Promise<Selection> {
    const run = (m: StructuredMethod) =>
      model
        .withStructuredOutput(selectionSchema, { name: 'select_sentences', method: m })
        .invoke(messages, { signal }) as Promise<Selection>;
    try {
      return await run(method);
    } catch (err) {
      if (method !== 'jsonSchema' || signal?.aborted || !unsupportedStructured(err)) throw err;
      logger?.info({ err: (err as Error).message }, 'json_schema structured output failed; trying function calling');
      const selection = await run('functionCalling');
      method = 'functionCalling';
      return selection;
    }
  }

  return {
    async answer(question, context, opts = {}) {
      const ctx = buildModelContext(context.hits);
      if (!ctx.sentences.length) return undefined;
      const user = fill(prompts.user, { context: ctx.text, question: defang(question) });
      // One deadline for everything: LLM_MAX_RETRIES retries of a hanging endpoint would otherwise add up.
      const signals = [opts.signal, deadlineMs ? AbortSignal.timeout(deadlineMs) : undefined].filter(
        (s): s is AbortSignal => !!s,
      );
      const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
      // Imported here: with no chat model configured, LangChain is never loaded (~11 MB of RSS).
      const { HumanMessage, SystemMessage } = await import('@langchain/core/messages');
      const selection = await select([new SystemMessage(system), new HumanMessage(user)], signal);
      if (!selection.answerable) return undefined;
      const selected = resolveSelection(selection.sentences, ctx);
      const ignored = selection.sentences.length - selected.length;
      if (ignored > 0)
        logger?.warn(
          { numbers: selection.sentences, sentences: ctx.sentences.length },
          'model selected sentences that do not exist or are too short; ignored',
        );
      const groups = quoteRuns(selected)
        .map((runs) => runs.filter((r) => verifier.verify(r.quote)))
        .filter((runs) => runs.length);
      if (!groups.length) return undefined;
      const quotes = renderQuotes(groups, maxChars);
      if (!quotes.citations.length) return undefined;
      // Checked against what is shown (a quote cut to fit no longer supports what was cut off).
      const verdict = checkLead(
        selection.lead ?? '',
        quotes.citations.map((c) => c.quote),
        question,
      );
      if (!verdict.ok && verdict.reason !== 'empty')
        logger?.warn(
          { lead: selection.lead, reason: verdict.reason },
          'model lead not supported by its sentences; dropped',
        );
      const lead = verdict.ok && verdict.lead.length + 1 + quotes.text.length <= maxChars ? verdict.lead : undefined;
      return {
        text: lead ? `${lead}\n${quotes.text}` : quotes.text,
        citations: quotes.citations,
        lead,
        leadDropped: verdict.ok ? (lead ? undefined : 'no room') : verdict.reason,
      };
    },
  };
}

/**
 * Asks the model, never throws: the model's answer, or undefined after a failure, a timeout or a decline (the caller
 * then keeps its extractive answer or its refusal). With mayAnswerRefused the caller had refused the question.
 */
export async function modelAnswer(
  model: ModelAnswerer,
  question: string,
  context: ModelAnswerContext,
  opts: ModelAnswerOptions & { logger?: Logger } = {},
): Promise<ModelAnswer | undefined> {
  try {
    const answer = await model.answer(question, context, opts);
    if (!answer) opts.logger?.info({ question, refused: !!opts.mayAnswerRefused }, 'model selected nothing usable');
    return answer;
  } catch (err) {
    opts.logger?.warn({ err: (err as Error).message, refused: !!opts.mayAnswerRefused }, 'model failed');
    return undefined;
  }
}

/** Builds the model path when CHAT_MODEL is configured. */
export async function createModelAnswerer(
  config: Config,
  index: KnowledgeIndex,
  logger: Logger,
): Promise<ModelAnswerer | undefined> {
  const model = await createChatModel(config);
  if (!model) return undefined;
  return createModelAnswererWith({
    model,
    prompts: loadPrompts(),
    verifier: createQuoteVerifier(index.docs),
    botName: config.botName,
    maxChars: config.answerMaxChars,
    logger,
    deadlineMs: config.llm.timeoutMs,
  });
}

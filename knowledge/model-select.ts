// The model's half of a model answer: numbered context sentences in, a selection of numbers (and a lead) out.
// Everything shown to members as a quote is cut from the corpus by code from the selected numbers.
import { z } from 'zod';
import { citeLabel, type Chunk } from './chunk.js';
import { splitSentences } from './sentences.js';
import { defang } from './prompts.js';

/** The structured reply the model must give. */
export const selectionSchema = z.object({
  answerable: z.boolean().describe('资料中的句子能否回答这个问题'),
  sentences: z.array(z.number().int()).describe('回答问题所必需的句子编号，最重要的在前，最多 4 个；不能回答时为空'),
  lead: z.string().describe('一句话的直接回答，不超过 40 字，只能使用所选句子里的事实；没有把握时留空'),
});

export type Selection = z.infer<typeof selectionSchema>;

export interface ContextSentence {
  n: number;
  chunk: Chunk;
  /** Offsets in chunk.text: the sentence is chunk.text.slice(start, end), verbatim. */
  start: number;
  end: number;
  text: string;
}

export interface ModelContext {
  /** The prompt text: passages with their labels, every sentence numbered [n]. */
  text: string;
  sentences: ContextSentence[];
}

const CONTEXT_CHUNKS = 5;
const MAX_SENTENCES = 80;
/** A clause's own number at the start of its text (16. / 第十六条) is the label's business, not the quote's. */
const LEADING_NUMBER = /^(\d{1,3}[.．、]\s*|第[〇零一二三四五六七八九十百千\d]+条\s*)/;

/** Numbers the sentences of the best chunks, one passage per chunk; the same sentence is numbered once. */
export function buildModelContext(hits: ReadonlyArray<{ chunk: Chunk }>): ModelContext {
  const sentences: ContextSentence[] = [];
  const seen = new Set<string>();
  const passages: string[] = [];
  for (const { chunk } of hits.slice(0, CONTEXT_CHUNKS)) {
    const lines: string[] = [];
    for (const span of splitSentences(chunk.text)) {
      if (sentences.length >= MAX_SENTENCES) break;
      const lead = LEADING_NUMBER.exec(span.text)?.[0].length ?? 0;
      const text = span.text.slice(lead).trim();
      if (!text || seen.has(text)) continue;
      seen.add(text);
      const start = span.start + lead + (span.text.slice(lead).length - span.text.slice(lead).trimStart().length);
      const s = { n: sentences.length + 1, chunk, start, end: start + text.length, text };
      sentences.push(s);
      lines.push(`[${s.n}] ${defang(text)}`);
    }
    if (lines.length)
      passages.push(`${citeLabel(chunk)}${chunk.section ? `（${chunk.section}）` : ''}\n<<<\n${lines.join('\n')}\n>>>`);
  }
  return { text: passages.join('\n\n'), sentences };
}

/** A quote this short is a term or a heading, not evidence for an answer. */
const MIN_EVIDENCE = 6;
export const MAX_SELECTED = 4;

/** The selected sentences that exist (numbers the model invented are ignored), in the model's order, at most four. */
export function resolveSelection(numbers: readonly unknown[], ctx: ModelContext): ContextSentence[] {
  const out: ContextSentence[] = [];
  for (const n of numbers) {
    const s = typeof n === 'number' && Number.isInteger(n) ? ctx.sentences[n - 1] : undefined;
    if (!s || s.text.length < MIN_EVIDENCE || out.includes(s)) continue;
    out.push(s);
    if (out.length >= MAX_SELECTED) break;
  }
  return out;
}

export interface QuoteRun {
  chunk: Chunk;
  /** Verbatim text of consecutive selected sentences of one chunk. */
  quote: string;
}

/** Groups the selection by chunk (first-selected chunk first); consecutive sentences of a chunk become one quote. */
export function quoteRuns(selected: ContextSentence[]): QuoteRun[][] {
  const byChunk = new Map<string, ContextSentence[]>();
  for (const s of selected) byChunk.set(s.chunk.id, [...(byChunk.get(s.chunk.id) ?? []), s]);
  return [...byChunk.values()].map((group) => {
    const sorted = [...group].sort((a, b) => a.n - b.n);
    const runs: ContextSentence[][] = [];
    for (const s of sorted) {
      const last = runs[runs.length - 1];
      if (last && last[last.length - 1]!.n + 1 === s.n) last.push(s);
      else runs.push([s]);
    }
    return runs.map((run) => ({
      chunk: run[0]!.chunk,
      quote: run[0]!.chunk.text.slice(run[0]!.start, run[run.length - 1]!.end),
    }));
  });
}

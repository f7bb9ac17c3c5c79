// Extractive answers: the 1–3 sentences of the best hits that best answer the question, quoted verbatim with citations.
import { citeLabel, type Chunk } from './chunk.js';
import { splitSentences } from './sentences.js';
import { bigramShare, matchText, termCoverage } from './coverage.js';
import { askedKinds, containsKind } from './question-kind.js';
import { enumerates, numberedTerms } from './enumeration.js';
import { questionTopic } from './query.js';
import type { Retrieval } from './retriever.js';
import type { Bm25 } from './bm25.js';
import type { Citation } from './types.js';

export interface Picked {
  chunk: Chunk;
  quote: string;
  score: number;
  kinds: number;
  /** Enumerates the items of a numbered term the question names (四个意识 → 政治意识、大局意识…). */
  listed: boolean;
}

/** Questions that ask for several items. */
const LIST_QUESTION = /(哪些|哪几|哪[二三四五六七八九十两]|几种|几类|几个方面|都有啥|都有什么|有什么|包括)/;

/** 0..1: how much a sentence reads as a list (；-separated parts, 、-separated items). */
function listiness(quote: string): number {
  const semi = (quote.match(/；/g) ?? []).length;
  const dun = (quote.match(/、/g) ?? []).length;
  return Math.min(1, (2 * semi + dun) / 8);
}

const CONSIDERED = 4;
const LEADING_NUMBER = /^(\d{1,3}[.．、]\s*|第[〇零一二三四五六七八九十百千\d]+条\s*)/;

/** Scores the sentences of the top hits against the question and picks up to `max`. */
export function pickSentences(r: Retrieval, deps: { bm25: Pick<Bm25, 'idf'> }, max = 3): Picked[] {
  const kinds = askedKinds(r.question);
  const numbered = numberedTerms(r.question);
  const topic = matchText(questionTopic(r.question));
  const listQuestion = LIST_QUESTION.test(r.question) || numbered.length > 0;
  const scored: Picked[] = [];
  const top = r.hits[0]?.score || 1;
  for (const h of r.hits.slice(0, CONSIDERED)) {
    const weight = 0.4 + (0.6 * h.score) / top;
    for (const s of splitSentences(h.chunk.text)) {
      const quote = s.text.replace(LEADING_NUMBER, '').trim();
      if (quote.length < 4) continue;
      const text = matchText(quote);
      const lexical = 0.5 * termCoverage(r.words, text, deps.bm25) + 0.5 * bigramShare(topic, text);
      const kindHits = kinds.filter((k) => containsKind(quote, k)).length;
      const listed = numbered.some((t) => enumerates(quote, t));
      const shape = listQuestion ? 0.25 * listiness(quote) : 0;
      const brevity = listQuestion ? 1 : Math.min(1, (150 / quote.length) ** 0.3);
      scored.push({ chunk: h.chunk, quote, kinds: kindHits, listed, score: lexical * weight * brevity + 0.1 * kindHits + shape });
    }
  }
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0]?.score ?? 0;
  // A sentence that enumerates the numbered term asked about is the definition: it goes first.
  const listed = scored.filter((p) => p.listed).slice(0, 1);
  const picked = [...listed, ...scored.filter((p, i) => !p.listed && (i === 0 || p.score >= best * 0.55))].slice(0, max);
  // The answer must contain what was asked for (a date, a number…): bring in the best sentence that has it.
  for (const k of kinds) {
    if (picked.some((p) => containsKind(p.quote, k))) continue;
    const typed = scored.find((p) => containsKind(p.quote, k) && p.score >= best * 0.2);
    if (!typed) continue;
    if (picked.length < max) picked.push(typed);
    else picked[max - 1] = typed;
  }
  return picked;
}

/** Cuts a quote at a clause boundary so it fits `room` characters; the result is still verbatim. */
export function fitQuote(quote: string, room: number): string {
  if (quote.length <= room) return quote;
  const cut = quote.slice(0, room);
  const at = Math.max(cut.lastIndexOf('，'), cut.lastIndexOf('；'), cut.lastIndexOf('、'), cut.lastIndexOf('：'));
  return at > room / 3 ? cut.slice(0, at) : cut;
}

export function formatQuoted(picked: Picked[], maxChars: number): { text: string; citations: Citation[] } {
  const lines: string[] = [];
  const citations: Citation[] = [];
  let used = 0;
  for (const p of picked) {
    const label = citeLabel(p.chunk);
    const room = maxChars - used - label.length - 4 - (lines.length ? 1 : 0);
    if (room < 20) break;
    const quote = fitQuote(p.quote, room - 1);
    const line = `${label}：「${quote}」${quote.length < p.quote.length ? '…' : ''}`;
    lines.push(line);
    used += line.length + 1;
    citations.push({ doc: p.chunk.short, clause: p.chunk.clause, quote });
  }
  return { text: lines.join('\n'), citations };
}

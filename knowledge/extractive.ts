// Extractive answers: the 1–3 sentences of the best hits that best answer the question, quoted verbatim with citations.
import { citeLabel } from './chunk.js';
import { containsKind, type AskedKind } from './question-kind.js';
import type { Scored } from './sentence-scoring.js';
import type { Citation } from './types.js';

export type Picked = Scored;

/** Up to `max` sentences: an enumeration of the asked term first, then the best; each asked kind represented. */
export function pickSentences(scored: Scored[], kinds: AskedKind[], max = 3): Picked[] {
  const best = scored[0]?.score ?? 0;
  const listed = scored.filter((p) => p.listed).slice(0, 1);
  const picked: Picked[] = [];
  const overlaps = (p: Picked) => picked.some((q) => q.chunk.id === p.chunk.id && (q.quote.includes(p.quote) || p.quote.includes(q.quote)));
  for (const p of [...listed, ...scored.filter((p, i) => !p.listed && (i === 0 || p.score >= best * 0.55))]) {
    if (picked.length < max && !overlaps(p)) picked.push(p);
  }
  // The answer must contain what was asked for (a date, a number…): bring in the best sentence that has it.
  for (const k of kinds) {
    if (picked.some((p) => containsKind(p.quote, k))) continue;
    const bestRelevance = Math.max(0, ...scored.map((p) => p.relevance));
    const typed = scored.find((p) => containsKind(p.quote, k) && p.relevance >= bestRelevance * 0.5);
    if (!typed || overlaps(typed)) continue;
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

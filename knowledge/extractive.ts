// Extractive answers: the 1–3 sentences of the best hits that best cover the question, quoted verbatim with citations.
import { citeLabel, type Chunk } from './chunk.js';
import { splitSentences } from './sentences.js';
import { termCoverage } from './coverage.js';
import { askedKinds, containsKind } from './question-kind.js';
import type { Retrieval } from './retriever.js';
import type { Tokenizer } from './tokenizer.js';
import type { Bm25 } from './bm25.js';
import type { Citation } from './types.js';

export interface Picked {
  chunk: Chunk;
  quote: string;
  score: number;
}

const RANK_WEIGHT = [1, 0.8, 0.65, 0.5, 0.4];
const LEADING_NUMBER = /^(\d{1,3}[.．、]\s*|第[〇零一二三四五六七八九十百千\d]+条\s*)/;

/** Scores the sentences of the top hits against the question. */
export function pickSentences(r: Retrieval, deps: { tokenizer: Tokenizer; bm25: Bm25 }, max = 3): Picked[] {
  const kinds = askedKinds(r.question);
  const scored: Picked[] = [];
  r.hits.slice(0, RANK_WEIGHT.length).forEach((h, rank) => {
    for (const s of splitSentences(h.chunk.text)) {
      const quote = s.text.replace(LEADING_NUMBER, '').trim();
      if (quote.length < 4) continue;
      const cov = termCoverage(r.tokens, new Set(deps.tokenizer.tokenize(quote)), deps.bm25);
      const typed = kinds.filter((k) => containsKind(quote, k)).length;
      scored.push({ chunk: h.chunk, quote, score: cov * RANK_WEIGHT[rank]! + 0.15 * typed });
    }
  });
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0]?.score ?? 0;
  return scored.filter((p, i) => i === 0 || p.score >= best * 0.5).slice(0, max);
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
    const frame = label.length + 4;
    const room = maxChars - used - frame - (lines.length ? 1 : 0);
    if (room < 20) break;
    const quote = fitQuote(p.quote, room - 1);
    const cut = quote.length < p.quote.length;
    const line = `${label}：「${quote}」${cut ? "…" : ""}`;
    lines.push(line);
    used += line.length + 1;
    citations.push({ doc: p.chunk.short, clause: p.chunk.clause, quote });
  }
  return { text: lines.join('\n'), citations };
}

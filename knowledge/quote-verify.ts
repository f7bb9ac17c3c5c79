// Quote verification: every quoted span in a model's answer must occur verbatim in the corpus (whitespace aside).
import { squashSpace } from './normalize.js';
import { citeLabel, type Chunk } from './chunk.js';

export interface QuoteSpan {
  start: number;
  end: number;
  inner: string;
}

const PAIRS: Array<[string, string]> = [['「', '」'], ['『', '』'], ['“', '”'], ['"', '"']];

/** Quoted spans in a text, outermost first (a “term” inside a 「quote」 belongs to the quote). */
export function findQuotes(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  for (const [open, close] of PAIRS) {
    let i = text.indexOf(open);
    while (i >= 0) {
      const j = text.indexOf(close, i + 1);
      if (j < 0) break;
      spans.push({ start: i, end: j + 1, inner: text.slice(i + 1, j) });
      i = text.indexOf(open, j + 1);
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  return spans.filter((s, k) => !spans.slice(0, k).some((o) => o.start <= s.start && o.end >= s.end));
}

export interface QuoteVerifier {
  verify(quote: string): boolean;
  /** The chunk that holds the quote, preferring the given candidates. */
  locate(quote: string, prefer?: Chunk[]): Chunk | undefined;
}

export function createQuoteVerifier(docs: Array<{ text: string }>, chunks: Chunk[]): QuoteVerifier {
  const corpus = docs.map((d) => squashSpace(d.text)).join('\u0000');
  const squashed = new Map<string, string>();
  const of = (c: Chunk) => squashed.get(c.id) ?? squashed.set(c.id, squashSpace(c.text)).get(c.id)!;
  return {
    verify: (quote) => {
      const q = squashSpace(quote.replace(/…+$/, ''));
      return q.length > 0 && corpus.includes(q);
    },
    locate: (quote, prefer = []) => {
      const q = squashSpace(quote);
      return prefer.find((c) => of(c).includes(q)) ?? chunks.find((c) => of(c).includes(q));
    },
  };
}

/** Removes unverifiable quotes (and a citation right after them); returns the text and the verified quotes. */
export function stripUnverified(text: string, verifier: QuoteVerifier): { text: string; verified: string[]; removed: string[] } {
  const verified: string[] = [];
  const removed: string[] = [];
  let out = '';
  let pos = 0;
  for (const s of findQuotes(text)) {
    if (verifier.verify(s.inner)) {
      verified.push(s.inner);
      continue;
    }
    removed.push(s.inner);
    out += text.slice(pos, s.start);
    const after = /^\s*[（(]?《[^》]{1,20}》[^，。；）)\s]{0,12}[）)]?/.exec(text.slice(s.end));
    pos = s.end + (after ? after[0].length : 0);
  }
  out += text.slice(pos);
  return { text: out, verified, removed };
}

/** Ensures every verified quote is followed by its correct citation label. */
export function labelQuotes(text: string, quotes: Array<{ quote: string; chunk: Chunk }>): string {
  let out = text;
  for (const { quote, chunk } of quotes) {
    const label = citeLabel(chunk);
    const at = out.indexOf(quote);
    if (at < 0) continue;
    const end = at + quote.length + 1;
    if (out.slice(end, end + label.length + 4).includes(label) || out.slice(Math.max(0, at - label.length - 6), at).includes(label)) continue;
    out = `${out.slice(0, end)}（${label}）${out.slice(end)}`;
  }
  return out;
}

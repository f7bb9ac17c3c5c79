// Quote verification: a quote shown to members must occur verbatim in the corpus (whitespace aside).
import { squashSpace } from './normalize.js';

export interface QuoteVerifier {
  verify(quote: string): boolean;
}

export function createQuoteVerifier(docs: Array<{ text: string }>): QuoteVerifier {
  const corpus = docs.map((d) => squashSpace(d.text)).join('\u0000');
  return {
    verify: (quote) => {
      const q = squashSpace(quote.replace(/…+$/, ''));
      return q.length > 0 && corpus.includes(q);
    },
  };
}

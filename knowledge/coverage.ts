// Term coverage: how much of a question's information (IDF-weighted terms) a text contains. 0..1, comparable across questions.
import type { Bm25 } from './bm25.js';

export function termCoverage(queryTokens: string[], docTokens: Set<string>, bm25: Pick<Bm25, 'idf'>): number {
  let total = 0;
  let found = 0;
  for (const t of new Set(queryTokens)) {
    const w = bm25.idf(t);
    total += w;
    if (docTokens.has(t)) found += w;
  }
  return total ? found / total : 0;
}

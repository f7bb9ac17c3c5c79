// Term coverage: how much of a question's information (IDF-weighted content words) a text contains, 0..1,
// comparable across questions. A word counts as found when it occurs in the text (whatever the segmentation),
// partly found by the share of its character pairs that occur.
import { normalizeForMatch } from './normalize.js';
import { synonymsOf } from './synonyms.js';

export interface Weigher {
  idf(term: string): number;
}

function bigrams(w: string): string[] {
  const chars = [...w];
  if (chars.length < 2) return [w];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** `words` are the question's content words (not overlapping); `text` is the normalised candidate text. */
export function termCoverage(words: string[], text: string, w: Weigher): number {
  let total = 0;
  let found = 0;
  for (const word of new Set(words)) {
    const weight = w.idf(word);
    total += weight;
    if (text.includes(word) || synonymsOf(word).some((s) => text.includes(s))) found += weight;
    else if (word.length > 1) {
      const grams = bigrams(word);
      found += (weight * grams.filter((g) => text.includes(g)).length) / grams.length / 2;
    }
  }
  return total ? found / total : 0;
}

export function matchText(text: string): string {
  return normalizeForMatch(text);
}

/**
 * The text with the question's own form appended for each question word the text writes only in another form
 * (共青团 where the article writes 中国共产主义青年团): character-pair matching then counts the word as present.
 */
export function withQuestionForms(words: string[], text: string): string {
  let extra = '';
  for (const w of new Set(words))
    if (w.length > 1 && !text.includes(w) && synonymsOf(w).some((s) => text.includes(s))) extra += ` ${w}`;
  return extra ? text + extra : text;
}

/** Share of the topic's Chinese character pairs that occur in the text (segmentation-free). */
export function bigramShare(topic: string, text: string): number {
  const grams = new Set<string>();
  const chars = [...topic];
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    if (/^[\u4e00-\u9fff]{2}$/.test(g)) grams.add(g);
  }
  if (!grams.size) return 0;
  let found = 0;
  for (const g of grams) if (text.includes(g)) found++;
  return found / grams.size;
}

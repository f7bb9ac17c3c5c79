// Term coverage: how much of a question's information (IDF-weighted content words) a text contains, 0..1,
// comparable across questions. A word counts as found when it occurs in the text (whatever the segmentation),
// partly found by the share of its character pairs that occur.
import { normalizeForMatch } from './normalize.js';
import { synonymsOf } from './synonyms.js';
import { isStopword } from './stopwords.js';
import { unbracket } from './tokenizer.js';

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

/**
 * `words` are the question's content words (not overlapping); `text` is the normalised candidate text; `formsOf` gives
 * the other forms that count as a word's (the hits' coverage also takes coverage-only readings: 上面 for 上级).
 */
export function termCoverage(
  words: string[],
  text: string,
  w: Weigher,
  formsOf: (word: string) => string[] = synonymsOf,
): number {
  let total = 0;
  let found = 0;
  for (const word of new Set(words)) {
    const weight = w.idf(word);
    total += weight;
    if (text.includes(word) || formsOf(word).some((s) => text.includes(s))) found += weight;
    else if (word.length === 2 && splitAbbreviation(text, word)) found += SPLIT_SHARE * weight;
    else if (word.length > 1) {
      const grams = bigrams(word);
      found += (weight * grams.filter((g) => text.includes(g)).length) / grams.length / 2;
    }
  }
  return total ? found / total : 0;
}

/** How much a two-character word counts when the text writes it apart (吸毒 as 吸食、注射毒品). */
const SPLIT_SHARE = 0.7;
/** Characters that start a phrase, not a shortening (每年 is not 每届…年). */
const DETERMINER = /[每各本该此其第全]/;
/** At most this many characters between the two (吸食、注射毒品: 吸 … 毒 four apart). */
const SPLIT_GAP = 4;

/**
 * Chinese shortens two words to their first characters (吸食毒品 → 吸毒, 公务用车 → 公车): a two-character word of the
 * question is in the text when its characters come in order a few characters apart, no clause break between — not
 * when either is a function character or the first a determiner (要开, 每年: 要…召开, 每届任期三年 are no shortening).
 */
export function splitAbbreviation(text: string, word: string): boolean {
  const [a, b] = [word[0]!, word[1]!];
  if (isStopword(a) || isStopword(b) || DETERMINER.test(a)) return false;
  for (let at = text.indexOf(a); at >= 0; at = text.indexOf(a, at + 1)) {
    const window = text.slice(at + 2, at + 2 + SPLIT_GAP);
    const next = window.indexOf(b);
    if (next >= 0 && !/[。；，]/.test(window.slice(0, next))) return true;
  }
  return false;
}

/** A text as matched: normalised, legal alternatives read both ways (退（离）休 holds 退休 and 离休). */
export function matchText(text: string): string {
  return normalizeForMatch(unbracket(text));
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

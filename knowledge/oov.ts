// Words of a question that the corpus never uses (炒股, 公车, 结婚) are expanded to corpus words built from the same
// morphemes: a Chinese abbreviation keeps characters of the full term in order (公车 → 公务用车, 党代会 → 党的代表大会),
// and an everyday word often shares its rarest character with the document's term (炒股 → 股票, 结婚 → 婚丧). General
// morphology over the corpus's own vocabulary, no word list.
import type { Bm25 } from './bm25.js';
import type { CharStats } from './char-channel.js';

const HAN = /^[\u4e00-\u9fff]{2,4}$/;
const HAN_FIRST = 0x4e00;
/** A character in more than this share of the chunks says little about which one is meant (党, 员, 会…). */
const RARE_SHARE = 0.05;
/** Expansion terms per unknown word, the most frequent first (a rare morpheme's common words are its usual senses). */
const PER_WORD = 6;

function isSubsequence(short: string, long: string): boolean {
  let j = 0;
  for (let i = 0; i < long.length && j < short.length; i++) if (long[i] === short[j]) j++;
  return j === short.length;
}

export interface OovExpander {
  /** Corpus terms standing for the question's unknown words (empty when every word is known). */
  expand(words: string[]): string[];
}

export function oovExpander(bm25: Bm25, chars: CharStats): OovExpander {
  // The vocabulary's Chinese words of two to eight characters with their document frequencies, read on first need.
  let vocab: { term: string; df: number }[] | undefined;
  const terms = () => {
    if (!vocab) {
      vocab = [];
      bm25.forEachTerm((t, df) => {
        if (t.length >= 2 && t.length <= 8 && /^[\u4e00-\u9fff]+$/.test(t)) vocab!.push({ term: t, df });
      });
      vocab.sort((a, b) => b.df - a.df);
    }
    return vocab;
  };
  const charDf = (c: string) => chars.df[c.charCodeAt(0) - HAN_FIRST] ?? 0;
  return {
    expand(words) {
      const out = new Set<string>();
      for (const w of new Set(words)) {
        if (!HAN.test(w) || bm25.has(w)) continue;
        const found: string[] = [];
        // An abbreviation: the full term starts with the same character and keeps all of them in order.
        for (const { term } of terms()) {
          if (found.length >= PER_WORD) break;
          if (term.length > w.length && term.length <= 3 * w.length && term[0] === w[0] && isSubsequence(w, term))
            found.push(term);
        }
        // The rarest character the corpus has, when it is rare enough to point at a topic.
        const rarest = [...w].filter((c) => charDf(c) > 0).sort((a, b) => charDf(a) - charDf(b))[0];
        if (rarest && charDf(rarest) <= RARE_SHARE * chars.docs)
          for (const { term } of terms()) {
            if (found.length >= 2 * PER_WORD) break;
            if (term.includes(rarest) && !found.includes(term)) found.push(term);
          }
        for (const t of found) out.add(t);
      }
      return [...out];
    },
  };
}

// Words of a question that the corpus never uses (炒股, 公车, 结婚) are expanded to corpus words built from the same
// morphemes: a Chinese abbreviation keeps characters of the full term in order (公车 → 公务用车, 党代会 → 党的代表大会),
// and an everyday word often shares its rarest character with the document's term (炒股 → 股票, 结婚 → 婚丧). General
// morphology over the corpus's own vocabulary, no word list.
import type { Bm25 } from './bm25.js';
import type { CharStats } from './char-channel.js';

const HAN = /^[\u4e00-\u9fff]{2,4}$/;
const HAN_WORD = /^[\u4e00-\u9fff]+$/;
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

/** Expansions kept per unknown word: members repeat their words, and a pass over the vocabulary costs ~1 ms per 100k terms. */
const CACHE = 512;

export function oovExpander(bm25: Bm25, chars: CharStats): OovExpander {
  const charDf = (c: string) => chars.df[c.charCodeAt(0) - HAN_FIRST] ?? 0;
  const cache = new Map<string, string[]>();
  // One pass over the vocabulary (nothing of it is kept: at 50,000 chunks a copy would cost tens of MiB).
  const expandWord = (w: string): string[] => {
    const rarest = [...w].filter((c) => charDf(c) > 0).sort((a, b) => charDf(a) - charDf(b))[0];
    const rare = rarest && charDf(rarest) <= RARE_SHARE * chars.docs ? rarest : undefined;
    const abbreviations: { term: string; df: number }[] = [];
    const sharing: { term: string; df: number }[] = [];
    bm25.forEachTerm((term, df) => {
      if (term.length < 2 || term.length > 8) return;
      // An abbreviation: the full term starts with the same character and keeps all of them in order.
      if (term[0] === w[0] && term.length > w.length && term.length <= 3 * w.length && isSubsequence(w, term))
        abbreviations.push({ term, df });
      else if (rare && term.includes(rare) && HAN_WORD.test(term)) sharing.push({ term, df });
    });
    // The most frequent first: a morpheme's common words are its usual senses.
    const top = (xs: { term: string; df: number }[]) =>
      xs
        .sort((a, b) => b.df - a.df)
        .slice(0, PER_WORD)
        .map((x) => x.term);
    return [...top(abbreviations), ...top(sharing)];
  };
  return {
    expand(words) {
      const out = new Set<string>();
      for (const w of new Set(words)) {
        if (!HAN.test(w) || bm25.has(w)) continue;
        let found = cache.get(w);
        if (!found) {
          found = expandWord(w);
          if (cache.size >= CACHE) cache.delete(cache.keys().next().value!);
          cache.set(w, found);
        }
        for (const t of found) out.add(t);
      }
      return [...out];
    },
  };
}

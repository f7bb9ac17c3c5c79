// Word tokens for BM25: @node-rs/jieba (search mode) over normalised text, with the corpus's own quoted terms
// (“三会一课”, “六个一”…) added to the dictionary, stopwords dropped.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { normalizeForMatch } from './normalize.js';
import { isStopword } from './stopwords.js';
import { IntIds } from './int-ids.js';
import { forEachLine } from './table-lines.js';

export interface Tokenizer {
  /** Search-mode tokens (overlapping: 组织生活 → 组织, 生活, 组织生活) for BM25. */
  tokenize(text: string): string[];
  /** Plain-mode content words (no overlaps) for coverage. */
  words(text: string): string[];
  /** `words` with each guessed word of a modal and a verb (要报) as the verb alone, where `keepsVerb` accepts it. */
  asVerbs(words: string[], keepsVerb: (verb: string) => boolean): string[];
  terms: string[];
  /** Words of the dictionary only (jieba's own and the corpus terms; no new words guessed), stopwords kept. */
  segments(text: string): string[];
}

function dictionaryFile(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve('@node-rs/jieba/package.json')), 'dict.txt');
}

/**
 * jieba's own dictionary, read when a segmenter is built and then dropped: importing '@node-rs/jieba/dict.js'
 * would keep it and the unused IDF table (~11 MB) alive for the life of the process.
 */
function readDictionary(): Buffer {
  return fs.readFileSync(dictionaryFile());
}

const HAN_FIRST = 0x4e00;
const HAN_SPAN = 0x9fff - HAN_FIRST + 1;
/** Frequencies of jieba's two-character words, by pair code (an integer table: a Map of strings costs ~20 MB). */
let pairFrequencies: { ids: IntIds; freq: Uint32Array } | undefined;

/** The code of two Han characters as the pair index stores them (charPairCodes); -1 when either is not Han. */
export function pairCode(a: number, b: number): number {
  const x = a - HAN_FIRST;
  const y = b - HAN_FIRST;
  return x >= 0 && x < HAN_SPAN && y >= 0 && y < HAN_SPAN ? x * HAN_SPAN + y : -1;
}

/**
 * Frequency of a two-character word in jieba's dictionary (0 when it is none), read on first use: which of two
 * words that sound alike people more likely meant.
 */
export function pairFrequency(word: string): number {
  if (!pairFrequencies) {
    const ids = new IntIds();
    let freq = new Uint32Array(1 << 16);
    // Lines `word freq tag`; a two-character word is six UTF-8 bytes then a space. Bytes are scanned, not decoded
    // whole, through a small buffer (table-lines.ts): the dictionary is 5 MB.
    forEachLine(dictionaryFile(), (buf, i, end) => {
      if (end - i > 7 && buf[i + 6] === 0x20 && buf[i]! >= 0xe0 && buf[i + 3]! >= 0xe0) {
        const w = buf.toString('utf8', i, i + 6);
        const code = pairCode(w.charCodeAt(0), w.charCodeAt(1));
        if (code >= 0) {
          let f = 0;
          for (let j = i + 7; j < end && buf[j]! >= 0x30 && buf[j]! <= 0x39; j++) f = f * 10 + buf[j]! - 0x30;
          const id = ids.add(code);
          if (id >= freq.length) {
            const g = new Uint32Array(freq.length * 2);
            g.set(freq);
            freq = g;
          }
          freq[id] = f;
        }
      }
    });
    pairFrequencies = { ids, freq };
  }
  if (word.length !== 2) return 0;
  const id = pairFrequencies.ids.get(pairCode(word.charCodeAt(0), word.charCodeAt(1)));
  return id === undefined ? 0 : pairFrequencies.freq[id]!;
}

/** Han characters that jieba's dictionary tags, alone, as a verb or an adjective (干 v, 急 v, 贵 a; not 童 nr). */
let predicates: Uint8Array | undefined;

/** Whether a single character is, as a word of its own, a verb or an adjective in jieba's dictionary. */
export function isPredicate(char: string): boolean {
  if (!predicates) {
    const table = new Uint8Array(HAN_SPAN);
    // Lines `字 freq tag`: three UTF-8 bytes, a space, the frequency, a space, the tag.
    forEachLine(dictionaryFile(), (buf, i, end) => {
      if (end - i < 7 || buf[i + 3] !== 0x20 || buf[i]! < 0xe0) return;
      let j = i + 4;
      while (j < end && buf[j] !== 0x20) j++;
      const tag = buf[j + 1];
      if (tag === 0x76 || tag === 0x61) {
        const code = buf.toString('utf8', i, i + 3).charCodeAt(0) - HAN_FIRST;
        if (code >= 0 && code < HAN_SPAN) table[code] = 1;
      }
    });
    predicates = table;
  }
  const code = char.charCodeAt(0) - HAN_FIRST;
  return char.length === 1 && code >= 0 && code < HAN_SPAN && predicates[code] === 1;
}

/** One segmenter per distinct term list: a Jieba with its dictionary costs ~35 MB. */
const segmenters = new Map<string, Jieba>();

function segmenter(terms: string[]): Jieba {
  const key = terms.join('\n');
  let jieba = segmenters.get(key);
  if (!jieba) {
    jieba = Jieba.withDict(readDictionary());
    if (terms.length) jieba.loadDict(Buffer.from(terms.map((t) => `${t} 100000 n`).join('\n')));
    segmenters.set(key, jieba);
  }
  return jieba;
}

/** Short quoted terms of the corpus: “…” spans of 2–8 characters without punctuation, normalised. */
export function quotedTerms(texts: string[]): string[] {
  const terms = new Set<string>();
  for (const t of texts) {
    for (const m of t.matchAll(/[“「"]([^“”「」"，。、；：\s]{2,8})[”」"]/g)) terms.add(normalizeForMatch(m[1]!));
  }
  return [...terms].filter((t) => /[\u4e00-\u9fff]/.test(t)).sort();
}

/**
 * Legal texts write alternatives in brackets inside a word: 退（离）休, 出国（境）, 消费卡（券）, 使（领）馆. Each becomes both
 * words (退休 离休, 出国 出境), so a member's 退休 or 出国 matches; the brackets otherwise cut the word in two. A numeral
 * in brackets is an item number （一）, not an alternative.
 */
export function unbracket(text: string): string {
  if (!text.includes('（') && !text.includes('(')) return text;
  // The alternative replaces the character before the bracket (出国（境） = 出国 or 出境); that reading is added after the
  // text as a short phrase (two characters before, the alternative, the character after) for the segmenter.
  const alternatives: string[] = [];
  const main = text.replace(
    /([\u4e00-\u9fff]{0,2})([\u4e00-\u9fff])[（(]((?![一二三四五六七八九十〇零])[\u4e00-\u9fff])[）)](?=([\u4e00-\u9fff]?))/g,
    (_, before: string, a: string, b: string, c: string) => {
      alternatives.push(`${before}${b}${c}`);
      return `${before}${a}`;
    },
  );
  return alternatives.length ? `${main} ${alternatives.join(' ')}` : main;
}

/** Modal verbs: 能, 要, 得, 会, 该, 应, 须, 想, 可, 敢. */
const MODAL = /^[能要得会该应须想可敢]$/;

/**
 * A word the segmenter guessed (in no dictionary) from a modal and a verb (要报, 得交): the modal is a function word and
 * the verb the content, which the documents may write as a word of its own (报上级党组织). As one guessed word it
 * matches nothing.
 */
function guessedModal(word: string, known: Set<string>): boolean {
  return word.length === 2 && MODAL.test(word[0]!) && !known.has(word) && pairFrequency(word) === 0;
}

export function createTokenizer(terms: string[] = []): Tokenizer {
  const jieba = segmenter(terms);
  const known = new Set(terms);
  return {
    terms,
    tokenize(text: string): string[] {
      return jieba
        .cutForSearch(normalizeForMatch(unbracket(text)), true)
        .filter((w) => !isStopword(w.trim()) && w.trim() !== '');
    },
    segments(text: string): string[] {
      return jieba.cut(text, false);
    },
    words(text: string): string[] {
      return (
        jieba
          .cut(normalizeForMatch(unbracket(text)), true)
          .map((w) => w.trim())
          // A word of function characters only (是从, 还要, 也得) carries no topic either.
          .filter((w) => w !== '' && !isStopword(w) && ![...w].every(isStopword))
      );
    },
    asVerbs(words, keepsVerb) {
      return words.flatMap((w) => {
        if (!guessedModal(w, known)) return [w];
        const verb = w.slice(1);
        return !keepsVerb(verb) ? [w] : isStopword(verb) ? [] : [verb];
      });
    },
  };
}

/** Drops cached segmenters (for measuring a cold index load). */
export function clearSegmenters(): void {
  segmenters.clear();
}

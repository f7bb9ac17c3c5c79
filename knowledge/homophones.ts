// Homophone typos: members type by pinyin, so a wrong character usually sounds like the right one (制渡化 for 制度化,
// 平议 for 评议). A pair of characters the corpus never contains is replaced by the corpus's most frequent pair that
// sounds the same and differs in one character, when that is a word of the corpus and far more frequent in jieba's
// dictionary than what was typed (评议 ≫ 平议; a common word the corpus lacks stays) — only where the pair is one word
// or two lone characters of the dictionary's segmentation and no character, typed or corrected, is a function word
// (是, 有, 在). The corrected topic is what the channels search; pairs across two words stay as typed.
import type { Bm25 } from './bm25.js';
import { homophonesOf, soundKey } from './pinyin.js';
import { isStopword } from './stopwords.js';
import { isPredicate, pairCode, pairFrequency } from './tokenizer.js';

/** How much more frequent (in jieba's dictionary) the corrected word must be than what was typed. */
const LIKELIER = 20;
/** Function characters so common that typed, they are what the member meant (是, 的, 了…). */
const MEANT = /[是的了在和与有就都也还又吗呢吧啊呀不没很太要会能]/;
/** Verbs and prepositions that, typed beside a word, are meant (当 + 组织, 为 + 支部, 对 + 党员). */
const EDGE_MEANT = /[当做作去到给让对把被从为跟向往]/;
/**
 * Adverbs that, typed first before a verb, are meant (钱也全退了: 全 + 退, never 劝退) — when the pair reads as an
 * adverb and its verb: a pronoun or another adverb before it, or an aspect particle after (先场 may still be 现场).
 */
const ADVERB_MEANT = /[全都也还再又才就先已刚只光共总]/;
const BEFORE_ADVERB = /[也都还又我你他她们己]/;
const AFTER_VERB = /[了过着完]/;
const NEGATION = /[不没别]/;
/** A typed pair this frequent in jieba's dictionary is a word of its own (不通 stays, though 不同 is 50 times commoner). */
const COMMON = 300;

const HAN_FIRST = 0x4e00;
const HAN_LAST = 0x9fff;
const isHan = (c: number) => c >= HAN_FIRST && c <= HAN_LAST;

/** The character at i when it is a Han character, else ''. */
const hanAt = (chars: string[], i: number): string => {
  const c = chars[i];
  return c && isHan(c.charCodeAt(0)) ? c : '';
};

export type HomophoneFixer = (topic: string) => string;

/** A fixer over the character-pair index `grams` (terms are pair codes, see charPairCodes). */
export function homophoneFixer(
  grams: Bm25<number>,
  words: Pick<Bm25, 'has' | 'idf' | 'forEachTerm'>,
  segments: (s: string) => string[],
  /** Whether the corpus's text contains a string (three characters here). */
  occurs: (s: string) => boolean = () => false,
): HomophoneFixer {
  // The corpus's words of three or four characters by their sound, built on first use.
  let bySound: Map<string, string[]> | undefined;
  const soundAlike = (typed: string[]): string[] | undefined => {
    if (!bySound) {
      const m = new Map<string, string[]>();
      words.forEachTerm((t) => {
        if (t.length < 3 || t.length > 4) return;
        const key = soundKey(t);
        if (key) m.set(key, [...(m.get(key) ?? []), t]);
      });
      bySound = m;
    }
    const key = soundKey(typed.join(''));
    if (!key) return undefined;
    for (const word of bySound.get(key) ?? []) {
      const chars = [...word];
      const differ = chars.flatMap((c, j) => (c === typed[j] ? [] : [j]));
      if (differ.length !== 1 || isStopword(chars[differ[0]!]!)) continue;
      // In three, a verb or preposition typed at the edge beside a word of the corpus is meant (我刚当组织委员: 当 +
      // 组织, never 党组织); a noun's character is not (鱼花台 → 雨花台).
      const at = differ[0]!;
      const rest = typed.filter((_, j) => j !== at).join('');
      if (chars.length === 3 && at !== 1 && EDGE_MEANT.test(typed[at]!) && words.has(rest)) continue;
      // Four characters that sound like a corpus term are that term even where a function character was typed (四个和格
      // → 四个合格); in three, a function character is more often meant (和党员).
      if (chars.length === 4 || !isStopword(typed[differ[0]!]!)) return chars;
    }
    return undefined;
  };
  // The pair that keeps one of the two characters and swaps the other for a homophone: first the one the corpus also writes
  // beside more of its neighbours (每月的主提党日 → 主题党日: 的主题 and 主题党 occur, 的主体 but never 主体党, though 体党
  // does), then the corpus's most frequent (lowest IDF).
  const likeliest = (a: number, b: number, before = '', after = ''): [number, number] | undefined => {
    const pairs: Array<[number, number]> = [];
    // Only words of the corpus: a correction must be one, and 党领 (of 党领导) must not outrank 党龄 for 党令.
    const word = (x: number, y: number) => grams.has(pairCode(x, y)) && words.has(String.fromCharCode(x, y));
    for (const x of homophonesOf(a)) if (word(x, b)) pairs.push([x, b]);
    for (const y of homophonesOf(b)) if (word(a, y)) pairs.push([a, y]);
    if (pairs.length < 2) return pairs[0];
    // Ranked by fit, then the corpus's frequency, then the dictionary's (事迹 before 事机, as often in the corpus).
    const rank = ([x, y]: [number, number]): number[] => {
      const pair = String.fromCharCode(x, y);
      const fit = Number(!!before && occurs(before + pair)) + Number(!!after && occurs(pair + after));
      return [fit, -words.idf(pair), pairFrequency(pair)];
    };
    const ranked = pairs.map((p) => ({ p, r: rank(p) }));
    const better = (u: number[], v: number[]) => {
      const i = u.findIndex((x, j) => x !== v[j]);
      return i >= 0 && u[i]! > v[i]!;
    };
    return ranked.reduce((best, c) => (better(c.r, best.r) ? c : best)).p;
  };

  return (topic) => {
    const chars = [...topic];
    // Characters that the dictionary segmentation leaves alone (a typo rarely forms a word with its neighbours).
    // A two-character word counts too: a rare dictionary word may be what the typo spelled.
    const alone = new Array<boolean>(chars.length).fill(false);
    const pairStart = new Array<boolean>(chars.length).fill(false);
    let at = 0;
    for (const w of segments(topic)) {
      const n = [...w].length;
      if (n === 1) alone[at] = true;
      if (n === 2) pairStart[at] = true;
      at += n;
    }
    let changed = false;
    for (let i = 0; i + 1 < chars.length; i++) {
      const a = chars[i]!.charCodeAt(0);
      const b = chars[i + 1]!.charCodeAt(0);
      if (!isHan(a) || !isHan(b) || !(pairStart[i] || (alone[i] && alone[i + 1]))) continue;
      const typed = chars[i]! + chars[i + 1]!;
      // A pair the corpus writes only across two of its words (全党|令行禁止) that is no word of the dictionary either
      // is still a typo (党令 for 党龄).
      if (grams.has(pairCode(a, b)) && (words.has(typed) || pairFrequency(typed) > 0)) continue;
      // A verb said twice around 一 (放一放, 想一想) is no typo of a word with 一 (一方).
      if ((chars[i] === '一' && chars[i - 1] === chars[i + 1]) || (chars[i + 1] === '一' && chars[i] === chars[i + 2]))
        continue;
      const best = likeliest(a, b, hanAt(chars, i - 1), hanAt(chars, i + 2));
      if (!best) continue;
      const [x, y] = best;
      const fixed = String.fromCharCode(x, y);
      // An abbreviated list of negations (三不腐 = 不敢腐、不能腐、不想腐) is no typo of a word (不服).
      if (typed[0] === '不' && /[二三四五六七八九十两]/.test(chars[i - 1] ?? '')) continue;
      // A function character typed second may be the typo (品得 → 品德, 党其 → 党旗); typed first it belongs to the word
      // before (个新 is …个 新…, never 革新), and the commonest ones are meant wherever they stand (腐是 is 腐 + 是).
      if (!words.has(fixed) || [chars[i]!, ...fixed].some(isStopword) || MEANT.test(chars[i + 1]!)) continue;
      // A negation kept before a verb or adjective (不干 → 不敢, 不急 → 不计) swaps what the member negated: as they
      // typed it, it reads as well. Before any other character (不童) the typo is the character.
      if (x === a && NEGATION.test(chars[i]!) && isPredicate(chars[i + 1]!)) continue;
      if (
        x !== a &&
        ADVERB_MEANT.test(chars[i]!) &&
        (BEFORE_ADVERB.test(chars[i - 1] ?? '') || AFTER_VERB.test(chars[i + 2] ?? ''))
      )
        continue;
      // A common word typed (不通, 查看) is what the member meant, however much commoner its homophone is (不同) —
      // unless the corpus writes its homophone with the two characters typed beside it: 党日 typed as a common
      // homophone inside 主题党日, a four-character phrase of the documents one sound away.
      const typedFrequency = pairFrequency(typed);
      const inPhrase = () =>
        (!!hanAt(chars, i - 2) && !!hanAt(chars, i - 1) && occurs(chars[i - 2]! + chars[i - 1]! + fixed)) ||
        (!!hanAt(chars, i + 2) && !!hanAt(chars, i + 3) && occurs(fixed + chars[i + 2]! + chars[i + 3]!));
      // Read the corpus only when the frequencies alone would keep what was typed.
      if ((typedFrequency >= COMMON || pairFrequency(fixed) <= LIKELIER * typedFrequency) && !inPhrase()) continue;
      chars[i] = String.fromCharCode(x);
      chars[i + 1] = String.fromCharCode(y);
      changed = true;
    }
    // A longer term of the corpus one homophone away (留党查看 → 留党察看, 三查三该 → 三查三改): three or four characters
    // that sound like a corpus word are that word, however common the typed pair is (查看 ≫ 察看 in general Chinese).
    for (const n of [4, 3])
      for (let i = 0; i + n <= chars.length; i++) {
        const typed = chars.slice(i, i + n);
        if (!typed.every((c) => isHan(c.charCodeAt(0))) || words.has(typed.join(''))) continue;
        const fixed = soundAlike(typed);
        if (!fixed) continue;
        chars.splice(i, n, ...fixed);
        changed = true;
        i += n - 1;
      }
    return changed ? chars.join('') : topic;
  };
}

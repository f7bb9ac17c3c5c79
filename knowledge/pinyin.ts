// Sound of the text: each Chinese character as its toneless pinyin syllable (the common reading, from pinyin-pro's
// data, pure JavaScript), adjacent syllables as integer pairs. Members type by pinyin input, so a wrong character is mostly a homophone
// (平议 for 评议): its syllable pair still matches the document's.
import { pinyin } from 'pinyin-pro';
import { normalizeForMatch } from './normalize.js';

const HAN_FIRST = 0x4e00;
const HAN_LAST = 0x9fff;

/** Syllable id + 1 of every character in the CJK block (0: no reading), built once on first use. */
let table: Uint16Array | undefined;

function syllables(): Uint16Array {
  if (table) return table;
  const chars = Array.from({ length: HAN_LAST - HAN_FIRST + 1 }, (_, i) => String.fromCharCode(HAN_FIRST + i));
  const ids = new Map<string, number>();
  const t = new Uint16Array(chars.length);
  // One call per character: a character without a reading would shift a longer call's output.
  chars.forEach((ch, i) => {
    const s = pinyin(ch, { toneType: 'none' });
    if (!s || !/^[a-zü]+$/.test(s)) return;
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = ids.size + 1));
    t[i] = id;
  });
  table = t;
  return t;
}

/** Pairs of adjacent Chinese characters' syllables (normalised text), as integers: the sound channel's terms. */
export function soundPairCodes(text: string): number[] {
  const t = syllables();
  const s = normalizeForMatch(text);
  const out: number[] = [];
  let prev = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const id = c >= HAN_FIRST && c <= HAN_LAST ? t[c - HAN_FIRST]! : 0;
    if (id && prev) out.push(prev * 2048 + id);
    prev = id;
  }
  return out;
}

/** Characters (code points) read with each syllable, built on first use. */
let bySyllable: number[][] | undefined;

/** The other characters of the CJK block with the same toneless reading as the character `code`. */
export function homophonesOf(code: number): number[] {
  const t = syllables();
  if (!bySyllable) {
    bySyllable = [];
    t.forEach((id, i) => {
      if (id) (bySyllable![id] ??= []).push(HAN_FIRST + i);
    });
  }
  const id = code >= HAN_FIRST && code <= HAN_LAST ? t[code - HAN_FIRST]! : 0;
  return id ? bySyllable[id]!.filter((c) => c !== code) : [];
}

// Sound of the text: each Chinese character as its toneless pinyin syllable (the common reading), adjacent syllables
// as integer pairs. Members type by pinyin input, so a wrong character is mostly a homophone (平议 for 评议): its
// syllable pair still matches the document's. The readings come from pinyin-pro through a small table generated at
// development time (bin/gen-pinyin.js), so the dictionary (~38 MiB of heap) is never loaded at run time.
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../ground/config.js';
import { normalizeForMatch } from './normalize.js';

const HAN_FIRST = 0x4e00;
const HAN_LAST = 0x9fff;
/** `syllable<TAB>characters` per line (64 KB), written by bin/gen-pinyin.js. */
export const SYLLABLES_FILE = path.join(PROJECT_ROOT, 'knowledge', 'tables', 'pinyin-syllables.txt');

/** Syllable id + 1 of every character in the CJK block (0: no reading), read once on first use. */
let table: Uint16Array | undefined;

function syllables(): Uint16Array {
  if (table) return table;
  const t = new Uint16Array(HAN_LAST - HAN_FIRST + 1);
  const lines = fs.readFileSync(SYLLABLES_FILE, 'utf8').split('\n');
  // lü and lu (nü and nu) are one sound to the keyboard: ü is typed as v or u, so 纪律 comes out as 纪侓/纪录.
  const ids = new Map<string, number>();
  for (const line of lines) {
    const [syllable = '', chars = ''] = line.split('\t');
    const name = syllable.replace('ü', 'u');
    const id = ids.get(name) ?? ids.set(name, ids.size + 1).get(name)!;
    for (let j = 0; j < chars.length; j++) {
      const c = chars.charCodeAt(j);
      if (c >= HAN_FIRST && c <= HAN_LAST) t[c - HAN_FIRST] = id;
    }
  }
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

/** The syllables of a run of Chinese characters as one key (`12,40,7`); undefined when one has no reading. */
export function soundKey(text: string): string | undefined {
  const t = syllables();
  const ids: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const id = c >= HAN_FIRST && c <= HAN_LAST ? t[c - HAN_FIRST]! : 0;
    if (!id) return undefined;
    ids.push(id);
  }
  return ids.join(',');
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

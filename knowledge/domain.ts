// How much a question is about the corpus's own matters, segmentation aside: the strongest "lift" of a question word
// the corpus contains, i.e. how many times more often (as a log) the corpus uses it than general Chinese does.
// General usage comes from jieba's IDF table (@node-rs/jieba ships it). 党员, 处分, 党费 are far more common in party
// documents than in general text; 影响, 申请, 单位, 今天 occur in the documents too, but no more than anywhere else.
// A question about other matters (公积金, 天气, 小升初) has no word with a high lift, whatever its wording.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Bm25 } from './bm25.js';
import { IntIds } from './int-ids.js';
import { forEachLine } from './table-lines.js';

interface GeneralIdf {
  idf: Map<string, number>;
  /** For words jieba's table lacks (the corpus's own terms such as 两学一做): its median, as jieba does. */
  unknown: number;
}

/** Per corpus index: only the table's entries for words the corpus contains are kept (the whole table is ~11 MB). */
const tables = new WeakMap<object, GeneralIdf | null>();

/** jieba's IDF table, or undefined if the installed package has none (the lift is then unknown). */
function tableFile(): string | undefined {
  try {
    const file = path.join(
      path.dirname(createRequire(import.meta.url).resolve('@node-rs/jieba/package.json')),
      'idf.txt',
    );
    return fs.existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** FNV-1a over UTF-8 bytes. */
function fnv(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h | 0;
}

/**
 * Math.round(100 · value) of a value written `digits.digits` in bytes [from, to), without making a string; undefined
 * for any other form, or within a hair of a half step (there the string is parsed, as before).
 */
export function hundredths(bytes: Uint8Array, from: number, to: number): number | undefined {
  let whole = 0;
  let i = from;
  for (; i < to && bytes[i]! >= 0x30 && bytes[i]! <= 0x39; i++) whole = whole * 10 + bytes[i]! - 0x30;
  if (i === from || whole > 1e6) return undefined;
  if (i === to) return whole * 100;
  if (bytes[i] !== 0x2e) return undefined;
  const digit = (k: number) => (i + k < to ? bytes[i + k]! - 0x30 : 0);
  for (let j = i + 1; j < to; j++) if (bytes[j]! < 0x30 || bytes[j]! > 0x39) return undefined;
  // The digits after the hundredths decide the rounding unless they read 4999999… or 5000000…
  let rest = 0;
  for (let k = 3; k <= 9; k++) rest = rest * 10 + digit(k);
  if (rest === 4_999_999 || rest === 5_000_000) return undefined;
  return whole * 100 + digit(1) * 10 + digit(2) + (digit(3) >= 5 ? 1 : 0);
}

function readGeneralIdf(bm25: Pick<Bm25, 'has' | 'forEachTerm'>): GeneralIdf | null {
  // Read through a small buffer (table-lines.ts) and scanned as bytes, without a string per line: a line's word is
  // decoded only when the hash of its bytes is that of a corpus word of two or more characters (the lift reads no
  // other), its value only then; the median from a histogram in steps of 0.01.
  const file = tableFile();
  if (!file) return null;
  const wanted = new IntIds();
  bm25.forEachTerm((t) => {
    if (t.length < 2) return;
    const b = Buffer.from(t);
    wanted.add(fnv(b, 0, b.length));
  });
  const idf = new Map<string, number>();
  const histogram = new Uint32Array(2001);
  let lines = 0;
  forEachLine(file, (bytes, start, end) => {
    const space = bytes.indexOf(0x20, start);
    if (space > start && space < end) {
      let bucket = hundredths(bytes, space + 1, end);
      let value: number | undefined;
      if (bucket === undefined) {
        value = Number(bytes.toString('latin1', space + 1, end));
        bucket = Number.isFinite(value) ? Math.round(value * 100) : undefined;
      }
      if (bucket !== undefined) {
        histogram[Math.min(2000, Math.max(0, bucket))]!++;
        lines++;
        if (wanted.has(fnv(bytes, start, space))) {
          const word = bytes.toString('utf8', start, space);
          if (bm25.has(word)) idf.set(word, value ?? Number(bytes.toString('latin1', space + 1, end)));
        }
      }
    }
  });
  let seen = 0;
  let median = 12;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!;
    if (seen * 2 >= lines) {
      median = i / 100;
      break;
    }
  }
  return lines ? { idf, unknown: median } : null;
}

function generalIdf(bm25: Pick<Bm25, 'has' | 'forEachTerm'>): GeneralIdf | null {
  let t = tables.get(bm25);
  if (t === undefined) {
    t = readGeneralIdf(bm25);
    tables.set(bm25, t);
  }
  return t;
}

/**
 * The question's words for the domain lift: a word the corpus lacks stands for the corpus token that ends it, as
 * jieba's search mode cuts it (新党员 → 党员), so a modifier before a domain word does not hide it from the lift.
 * Only the head: a Chinese compound is a kind of its last part (新党员 is a 党员), while its first part can be a
 * domain word in a compound about other matters (所得税 is a tax, not 所得).
 */
export function liftWords(words: string[], has: (w: string) => boolean, subTokens: (w: string) => string[]): string[] {
  return words.flatMap((w) =>
    has(w) ? [w] : subTokens(w).filter((t) => t !== w && t.length >= 2 && w.endsWith(t) && has(t)),
  );
}

/**
 * The question's domain lift: max over its content words of two or more characters that are corpus tokens of
 * (general IDF − corpus IDF). The refusal policy (refusal.ts) reads it: below `domainMin` the question is about other
 * matters. No such word → -Infinity; no table to compare with → undefined (the sentence thresholds alone decide).
 */
export function domainLift(
  words: string[],
  bm25: Pick<Bm25, 'has' | 'idf' | 'forEachTerm'>,
  /** Which index terms are the documents' own words (not members' words from keyword sidecars). */
  documentsUse: (w: string) => boolean = (w) => bm25.has(w),
): number | undefined {
  const table = generalIdf(bm25);
  if (!table) return undefined;
  let best = Number.NEGATIVE_INFINITY;
  for (const w of new Set(words)) {
    if (w.length < 2 || !documentsUse(w)) continue;
    best = Math.max(best, (table.idf.get(w) ?? table.unknown) - bm25.idf(w));
  }
  return best;
}

// How much a question is about the corpus's own matters, segmentation aside: the strongest "lift" of a question word
// the corpus contains, i.e. how many times more often (as a log) the corpus uses it than general Chinese does.
// General usage comes from jieba's IDF table (@node-rs/jieba ships it). 党员, 处分, 党费 are far more common in party
// documents than in general text; 影响, 申请, 单位, 今天 occur in the documents too, but no more than anywhere else.
// A question about other matters (公积金, 天气, 小升初) has no word with a high lift, whatever its wording.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Bm25 } from './bm25.js';

interface GeneralIdf {
  idf: Map<string, number>;
  /** For words jieba's table lacks (the corpus's own terms such as 两学一做): its median, as jieba does. */
  unknown: number;
}

/** Per corpus index: only the table's entries for words the corpus contains are kept (the whole table is ~11 MB). */
const tables = new WeakMap<object, GeneralIdf | null>();

/** jieba's IDF table, or undefined if the installed package has none (the lift is then unknown). */
function readTable(): Buffer | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('@node-rs/jieba/package.json');
    return fs.readFileSync(path.join(path.dirname(pkg), 'idf.txt'));
  } catch {
    return undefined;
  }
}

function readGeneralIdf(has: (w: string) => boolean): GeneralIdf | null {
  // Scanned as bytes, line by line (no 6 MB string, no array of 270,000 lines); the median from a histogram in
  // steps of 0.01.
  const bytes = readTable();
  if (!bytes) return null;
  const idf = new Map<string, number>();
  const histogram = new Uint32Array(2001);
  let lines = 0;
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const space = bytes.indexOf(0x20, start);
    if (space > start && space < end) {
      const value = Number(bytes.toString('latin1', space + 1, end));
      if (Number.isFinite(value)) {
        histogram[Math.min(2000, Math.max(0, Math.round(value * 100)))]!++;
        lines++;
        const word = bytes.toString('utf8', start, space);
        if (has(word)) idf.set(word, value);
      }
    }
    start = end + 1;
  }
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

function generalIdf(bm25: Pick<Bm25, 'has'>): GeneralIdf | null {
  let t = tables.get(bm25);
  if (t === undefined) {
    t = readGeneralIdf((w) => bm25.has(w));
    tables.set(bm25, t);
  }
  return t;
}

/**
 * The question's domain lift: max over its content words of two or more characters that are corpus tokens of
 * (general IDF − corpus IDF). The refusal policy (refusal.ts) reads it: below `domainMin` the question is about other
 * matters. No such word → -Infinity; no table to compare with → undefined (the sentence thresholds alone decide).
 */
export function domainLift(words: string[], bm25: Pick<Bm25, 'has' | 'idf'>): number | undefined {
  const table = generalIdf(bm25);
  if (!table) return undefined;
  let best = Number.NEGATIVE_INFINITY;
  for (const w of new Set(words)) {
    if (w.length < 2 || !bm25.has(w)) continue;
    best = Math.max(best, (table.idf.get(w) ?? table.unknown) - bm25.idf(w));
  }
  return best;
}

// References in a question: a document named by its short or full title (党章, 《纪律处分条例》) and an article
// (第三十三条, 第16条). Named documents and articles are what the member asked about: their chunks rank first.
import type { Chunk } from './chunk.js';
import { chineseToNumber } from './structure.js';

export interface Scope {
  docs: Set<string>;
  /** Unit keys asked for: a33 (第三十三条) and c33 (第33条 of a plan). */
  units: Set<string>;
}

export function docNames(chunks: Chunk[]): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const c of chunks) {
    if (names.has(c.docId)) continue;
    const short = c.short.replace(/[《》]/g, '');
    names.set(
      c.docId,
      [...new Set([short, c.title.replace(/\s+/g, '')])].filter((n) => n.length >= 2),
    );
  }
  return names;
}

/** What a 第N条 right after it counts items of: a list inside a text, not the document's articles. */
export const ITEM_OF = /(里|里面|中|之中|当中|原则|内容|要求|义务|权利|任务|职责|条件)$/;

export function findScope(question: string, names: Map<string, string[]>): Scope {
  const q = question.replace(/\s+/g, '');
  const docs = new Set<string>();
  for (const [docId, list] of names) if (list.some((n) => q.includes(n))) docs.add(docId);
  const units = new Set<string>();
  for (const m of q.matchAll(/第([〇零一二三四五六七八九十百千\d]+)条/g)) {
    // 义务里第一条 / 基本原则第一条 is the first item of a list the question names, not an article.
    if (ITEM_OF.test(q.slice(0, m.index))) continue;
    const n = chineseToNumber(m[1]!);
    if (Number.isFinite(n)) {
      units.add(`a${n}`);
      units.add(`c${n}`);
    }
  }
  return { docs, units };
}

/** Score multiplier for a chunk under the scope: named document and article up, other documents down. */
export function scopeFactor(c: Chunk, scope: Scope): number {
  let f = 1;
  if (scope.docs.size) f *= scope.docs.has(c.docId) ? 1 : 0.5;
  if (scope.units.size && scope.units.has(c.unit) && (!scope.docs.size || scope.docs.has(c.docId))) f *= 2;
  return f;
}

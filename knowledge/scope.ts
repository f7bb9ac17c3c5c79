// References in a question: a document named by its short or full title (党章, 《纪律处分条例》) and an article
// (第三十三条, 第16条). Named documents and articles are what the member asked about: their chunks rank first.
import type { Chunk } from './chunk.js';
import { asksDocumentAtHand, POINTED_DOCUMENT } from './question-kind.js';
import { chineseToNumber } from './structure.js';

export interface Scope {
  docs: Set<string>;
  /** Unit keys asked for: a33 (第三十三条) and c33 (第33条 of a plan). */
  units: Set<string>;
  /** The first article asked for, as the member wrote it (第31条), for telling them a document does not have it. */
  typed?: string;
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
  const named: Array<{ docId: string; end: number }> = [];
  for (const [docId, list] of names)
    for (const n of list) for (const at of indicesOf(q, n)) named.push({ docId, end: at + n.length });
  named.push(...looselyNamed(q, names));
  // 条例里…党章: the document read in (里, 上, 中) is where to look; the other one is what is asked about.
  const within = named.filter((d) => IN.test(q.slice(d.end)));
  for (const d of within.length ? within : named) docs.add(d.docId);
  const units = new Set<string>();
  let typed: string | undefined;
  // 头一条 is members' 第一条.
  const numbered = q.replace(/头一条/g, '第一条');
  for (const m of numbered.matchAll(/第([〇零一二三四五六七八九十百千\d]+)条/g)) {
    // 义务里第一条 / 基本原则第一条 is the first item of a list the question names, not an article.
    if (ITEM_OF.test(numbered.slice(0, m.index))) continue;
    const n = chineseToNumber(m[1]!);
    if (Number.isFinite(n)) {
      units.add(`a${n}`);
      units.add(`c${n}`);
      typed ??= m[0];
    }
  }
  return typed ? { docs, units, typed } : { docs, units };
}

/** Right after a document's name: the member looks in it (党章上, 条例里面). */
const IN = /^(里|上|中|当中)/;

function indicesOf(q: string, name: string): number[] {
  const out: number[] = [];
  for (let at = q.indexOf(name); at >= 0; at = q.indexOf(name, at + name.length)) out.push(at);
  return out;
}

/** Kinds of document members name without the title (条例里, 准则上, 方案里说): the end of a document's short name. */
const KINDS = /(条例|准则|方案)/g;

/**
 * Documents a question names by their kind alone or with part of the title (处分条例, 廉洁准则): of the documents of
 * that kind, those whose short name shares most characters with the four before it (all of them when none does), when
 * no title of that kind is named in full.
 */
function looselyNamed(q: string, names: Map<string, string[]>): Array<{ docId: string; end: number }> {
  const out: Array<{ docId: string; end: number }> = [];
  for (const m of q.matchAll(KINDS)) {
    const kind = m[1]!;
    const ofKind = [...names].filter(([, list]) => list[0]!.endsWith(kind));
    if (ofKind.some(([, list]) => list.some((n) => q.includes(n)))) continue;
    const before = [
      ...(q
        .slice(Math.max(0, m.index! - 4), m.index!)
        .split(/[\p{P}\s]/u)
        .pop() ?? ''),
    ];
    const shared = ofKind.map(([, list]) => before.filter((c) => list[0]!.slice(0, -kind.length).includes(c)).length);
    const most = Math.max(0, ...shared);
    ofKind.forEach(([docId], i) => {
      if (shared[i] === most) out.push({ docId, end: m.index! + kind.length });
    });
  }
  return out;
}

/** Score multiplier for a chunk under the scope: named document and article up, other documents down. */
export function scopeFactor(c: Chunk, scope: Scope): number {
  let f = 1;
  if (scope.docs.size) f *= scope.docs.has(c.docId) ? 1 : 0.5;
  if (scope.units.size && scope.units.has(c.unit) && (!scope.docs.size || scope.docs.has(c.docId))) f *= 2;
  return f;
}

/**
 * A particular of the document at hand (这个文件文号多少, 这个通知哪天发的), no document named: the documents sent with a
 * cover notice (a `letter` unit, which carries the number, the issuer and the date) are the ones asked about.
 */
export function withDocumentAtHand(scope: Scope, question: string, noticeDocs: string[]): Scope {
  if (scope.docs.size || !noticeDocs.length || !asksDocumentAtHand(question)) return scope;
  return { ...scope, docs: new Set(noticeDocs) };
}

/** How far before the kind word (条例, 准则) a pointed name may start. */
const NAME_REACH = 8;

/**
 * Where the question names a document it looks in (两学一做方案里, 廉洁自律准则上): the kind word and the characters of
 * the looked-in documents' titles (`titles`) before it, up to NAME_REACH. The name says where to look, not what is asked.
 */
export function pointedDocumentSpans(question: string, titles: string[]): string[] {
  const inTitle = (c: string) => titles.some((t) => t.includes(c));
  const spans: string[] = [];
  for (const m of question.matchAll(POINTED_DOCUMENT)) {
    let from = m.index;
    while (from > 0 && m.index - from < NAME_REACH && inTitle(question[from - 1]!)) from--;
    spans.push(question.slice(from, m.index + m[0].length));
  }
  return spans;
}

// A member who asks for an article the document does not have (方案第31条 when the plan has 25 clauses) is told so:
// quoting whatever ranks first under that number would present another article as the one asked for.
import type { Chunk } from './chunk.js';
import type { Scope } from './scope.js';

/** Each document's articles (a33, c16) and its short title, read once from the chunks. */
export function articlesByDoc(chunks: Chunk[]): Map<string, { short: string; units: Set<string>; last: number }> {
  const out = new Map<string, { short: string; units: Set<string>; last: number }>();
  for (const c of chunks) {
    const doc = out.get(c.docId) ?? { short: c.short, units: new Set<string>(), last: 0 };
    out.set(c.docId, doc);
    const n = /^[ac](\d+)$/.exec(c.unit);
    if (!n) continue;
    doc.units.add(c.unit);
    doc.last = Math.max(doc.last, Number(n[1]));
  }
  return out;
}

/**
 * The reply when the question names articles none of which exists in the documents it names (in any document when it
 * names none), else undefined.
 */
export function missingArticleText(
  scope: Scope | undefined,
  articles: ReturnType<typeof articlesByDoc>,
): string | undefined {
  const typed = scope?.typed;
  if (!scope?.units.size || !typed) return undefined;
  const named = [...articles].filter(([docId]) => !scope.docs.size || scope.docs.has(docId));
  if (!named.length || named.some(([, d]) => [...scope.units].some((u) => d.units.has(u)))) return undefined;
  if (named.length === 1) {
    const [, d] = named[0]!;
    return d.last
      ? `${d.short}没有${typed}，它共${d.last}条。请核对条目序号，或直接问想了解的内容。`
      : `${d.short}不分条目，没有${typed}。请直接问想了解的内容。`;
  }
  return `现有文件都没有${typed}。请核对文件名称和条目序号，或直接问想了解的内容。`;
}

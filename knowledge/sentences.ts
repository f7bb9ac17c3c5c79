// Sentence splitting with offsets: after 。！？ (and any closing quote) and at paragraph breaks.

export interface Span {
  start: number;
  end: number;
  text: string;
}

const END = /[。！？!?]+[”’」』）)]*|\n+/g;

export function splitSentences(text: string, base = 0): Span[] {
  const spans: Span[] = [];
  let from = 0;
  const push = (to: number) => {
    const raw = text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) spans.push({ start: base + from + lead, end: base + from + lead + body.length, text: body });
  };
  for (const m of text.matchAll(END)) {
    const to = m.index! + (m[0].startsWith('\n') ? 0 : m[0].length);
    push(to);
    from = m.index! + m[0].length;
  }
  push(text.length);
  return spans;
}

/** Greedy groups of consecutive sentences, each group at most `max` characters (a longer sentence stands alone). */
export function groupSentences(spans: Span[], max: number): Span[][] {
  const groups: Span[][] = [];
  let cur: Span[] = [];
  let len = 0;
  for (const s of spans) {
    if (cur.length && len + s.text.length > max) {
      groups.push(cur);
      cur = [];
      len = 0;
    }
    cur.push(s);
    len += s.text.length;
  }
  if (cur.length) groups.push(cur);
  // A tiny tail (a date line, a closing sentence) joins the group before it.
  const tail = groups[groups.length - 1];
  if (groups.length > 1 && tail && tail.reduce((n, s) => n + s.text.length, 0) < max / 6) groups[groups.length - 2]!.push(...groups.pop()!);
  return groups;
}

const LIST_ITEM = /^(（[一二三四五六七八九十]+）|\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+、|\d{1,2}[.．、])/;

/** A sentence ending in a colon that introduces list items (（一）…) is one answer with its items, up to `max` characters. */
export function joinLists(spans: Span[], source: string, max = 420): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < spans.length; i++) {
    let cur = spans[i]!;
    if (/[：:]$/.test(cur.text)) {
      while (i + 1 < spans.length && LIST_ITEM.test(spans[i + 1]!.text) && spans[i + 1]!.end - cur.start <= max) {
        const next = spans[++i]!;
        cur = { start: cur.start, end: next.end, text: source.slice(cur.start, next.end) };
      }
    }
    out.push(cur);
  }
  return out;
}

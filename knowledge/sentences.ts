// Sentence splitting with offsets: after 。！？ (and any closing quote) and at paragraph breaks.

export interface Span {
  start: number;
  end: number;
  text: string;
}

const END = /[。！？!?]+[”’」』）)]*|\n+/g;

/** A short line without sentence punctuation: a document number, a date, a signature. */
export function isFieldLine(quote: string): boolean {
  return quote.length <= 25 && !/[，。；：！？]/.test(quote);
}

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
  if (groups.length > 1 && tail && tail.reduce((n, s) => n + s.text.length, 0) < max / 6)
    groups[groups.length - 2]!.push(...groups.pop()!);
  return groups;
}

const LIST_ITEM =
  /^(（[一二三四五六七八九十]+）|\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+、|\d{1,2}[.．、])/;

/** Where a span sits in a list: the list's lead sentence (…下列义务：), how many items the list has, how many the span holds. */
export interface ListPlace {
  lead: string;
  total: number;
  shown: number;
  /** The span starts with the lead (else it is an item quoted on its own). */
  withLead: boolean;
}

export type ListSpan = Span & { list?: ListPlace };

/**
 * A sentence ending in a colon that introduces list items (（一）…) is one answer with its items, up to `max`
 * characters. When the items do not all fit, the span records how many there are, and the items left out follow as
 * spans of their own, each knowing its list: a quote can then say it is cut and how long the list is.
 */
/** `spans` from splitSentences(source) (offsets from 0). */
export function joinLists(spans: Span[], source: string, max = 420): ListSpan[] {
  const out: ListSpan[] = [];
  for (let i = 0; i < spans.length; i++) {
    const cur = spans[i]!;
    if (!/[：:]$/.test(cur.text)) {
      out.push(cur);
      continue;
    }
    let n = 0;
    while (i + 1 + n < spans.length && LIST_ITEM.test(spans[i + 1 + n]!.text)) n++;
    if (!n) {
      out.push(cur);
      continue;
    }
    let shown = 0;
    while (shown < n && spans[i + 1 + shown]!.end - cur.start <= max) shown++;
    const end = shown ? spans[i + shown]!.end : cur.end;
    out.push({
      start: cur.start,
      end,
      text: source.slice(cur.start, end),
      list: { lead: cur.text, total: n, shown, withLead: true },
    });
    for (let j = shown + 1; j <= n; j++)
      out.push({ ...spans[i + j]!, list: { lead: cur.text, total: n, shown: 1, withLead: false } });
    i += n;
  }
  return out;
}

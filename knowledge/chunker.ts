// Structure-aware chunking: cover notice, preamble, headed parts, articles (第X条) or numbered clauses (1.),
// each with its document title, short title, section and clause label; long units split by sentence.
import { bookTitle, findTitle, shortTitle } from './titles.js';
import { cleanText } from './clean.js';
import { groupSentences, splitSentences } from './sentences.js';
import { parseHeading, parseUnitStart } from './structure.js';
import type { Chunk, UnitKind } from './chunk.js';
import type { RawDoc } from './loader.js';

export const MAX_CHUNK_CHARS = 480;
/** A unit's opening sentence (or its first ；-part) up to this length is its lead, the topic it states. */
const LEAD_MAX = 60;

interface Para {
  start: number;
  text: string;
}

interface Unit {
  heading?: string;
  kind: UnitKind;
  key: string;
  label: string;
  section: string;
  paras: Para[];
}

function paragraphs(text: string): Para[] {
  const out: Para[] = [];
  let pos = 0;
  for (const p of text.split('\n\n')) {
    out.push({ start: pos, text: p });
    pos += p.length + 2;
  }
  return out.filter((p) => p.text);
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** Groups a cleaned document's paragraphs into units by its own structure. */
export function segmentUnits(paras: Para[], title: string): Unit[] {
  const units: Unit[] = [];
  const starts = paras.map((p) => parseUnitStart(p.text)?.kind);
  const articles = starts.filter((k) => k === 'article').length;
  // Party rules number articles (第X条); numbered lines inside them are items, not units.
  const articleMode = articles > 0 && articles >= starts.filter((k) => k === 'clause').length;
  const titleIdx = paras.findIndex((p) => squash(p.text) === squash(title));
  const headings: string[] = [];
  let current: Unit | undefined;
  let parts = 0;
  let pendingHeading: string | undefined;
  const open = (u: Omit<Unit, 'paras' | 'section'>, p?: Para) => {
    current = { ...u, heading: pendingHeading, section: headings.filter(Boolean).join(' '), paras: p ? [p] : [] };
    pendingHeading = undefined;
    units.push(current);
  };
  paras.forEach((p, i) => {
    if (i < titleIdx) {
      if (!current) open({ kind: 'letter', key: 'letter', label: '印发通知' });
      current!.paras.push(p);
      return;
    }
    if (i === titleIdx) {
      current = undefined;
      return;
    }
    const heading = parseHeading(p.text);
    if (heading) {
      headings.length = heading.level;
      headings[heading.level] = heading.text;
      pendingHeading = pendingHeading ? `${pendingHeading} ${heading.text}` : heading.text;
      current = undefined;
      return;
    }
    const start = parseUnitStart(p.text);
    if (start && (start.kind === 'article') === articleMode) return open(start, p);
    if (current) return void current.paras.push(p);
    const last = headings.filter(Boolean).at(-1);
    if (!last) return open({ kind: 'preamble', key: 'preamble', label: '前言' }, p);
    open({ kind: 'part', key: `p${++parts}`, label: last.replace(/\s+/g, '') }, p);
  });
  return units.filter((u) => u.paras.length);
}

export function chunkDoc(doc: RawDoc): { chunks: Chunk[]; text: string; title: string } {
  const clean = cleanText(doc.text);
  const title = findTitle(clean.text, clean.title);
  const short = bookTitle(shortTitle(title));
  const units = segmentUnits(paragraphs(clean.text), title);
  const chunks: Chunk[] = [];
  for (const u of units) {
    const first = u.paras[0]!;
    const last = u.paras[u.paras.length - 1]!;
    const start = first.start;
    const end = last.start + last.text.length;
    const body = clean.text.slice(start, end);
    const opening = splitSentences(body)[0]?.text.replace(
      /^(\d{1,3}[.．、]\s*|第[〇零一二三四五六七八九十百千\d]+条\s*)/,
      '',
    );
    // A long opening sentence states its topic in its first ；-part (对党员的纪律处分，必须经过支部大会讨论决定，报…批准；
    // 如果…): that part is the lead.
    const stated = opening && opening.length > LEAD_MAX ? opening.split('；')[0] : opening;
    const lead = stated && stated.length <= LEAD_MAX && u.kind !== 'letter' ? stated : undefined;
    const leadPart = !!lead && lead !== opening;
    const groups =
      body.length > MAX_CHUNK_CHARS
        ? groupSentences(splitSentences(body, start), MAX_CHUNK_CHARS)
        : [[{ start, end, text: body }]];
    groups.forEach((g, part) => {
      const s = g[0]!.start;
      const e = g[g.length - 1]!.end;
      chunks.push({
        id: `${doc.id}#${chunks.length}`,
        docId: doc.id,
        title,
        short,
        section: u.section,
        clause: u.label,
        kind: u.kind,
        unit: u.key,
        heading: part === 0 ? u.heading : undefined,
        lead,
        ...(leadPart ? { leadPart } : {}),
        part: groups.length > 1 ? part + 1 : 0,
        start: s,
        end: e,
        text: clean.text.slice(s, e),
      });
    });
  }
  return { chunks, text: clean.text, title };
}

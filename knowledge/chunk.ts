// A chunk: one retrievable piece of a document, with where it came from.

export type UnitKind = 'letter' | 'preamble' | 'clause' | 'article' | 'part';

export interface Chunk {
  /** Stable id: `${docId}#${n}`. */
  id: string;
  /** The file name without extension. */
  docId: string;
  /** Full document title, e.g. 中国共产党章程. */
  title: string;
  /** Short title as users cite it, with book-title marks: 《党章》. */
  short: string;
  /** Enclosing headings, e.g. 第一章 党员 or 六、把“两学一做”学习教育纳入… */
  section: string;
  /** Label as written and cited: 第16条, 第三十三条, 总纲, 一、坚定理想信念, 通知, 前言. */
  clause: string;
  kind: UnitKind;
  /** Key of the whole unit the chunk belongs to (a long unit is split into several chunks): letter, preamble, c16, a33… */
  unit: string;
  /** The heading printed right before this unit (only on the first unit under a heading): it belongs to this unit's text. */
  heading?: string;
  /** The unit's first sentence (its topic in official documents: 党员必须履行下列义务：), on every part. */
  lead?: string;
  /** The lead is the first ；-part of a longer opening sentence: a weaker statement of the unit's topic. */
  leadPart?: boolean;
  /** Members' everyday search words for the unit (unit-keywords.ts): indexed with the header, never quoted. */
  keywords?: string;
  /** Part number within its unit (0 when the unit is one chunk). */
  part: number;
  /** Offsets in the cleaned document text. */
  start: number;
  end: number;
  /** The chunk's text, exactly as in the cleaned document. */
  text: string;
}

/** The short header indexed with a chunk's text so headings help retrieval. */
export function chunkHeader(c: Chunk): string {
  return `${c.short}${c.clause}${c.heading ? ` ${c.heading}` : ''}${c.lead ? ` ${c.lead}` : ''}`;
}

/** How a citation names a chunk: 《实施方案》第16条. */
export function citeLabel(c: Pick<Chunk, 'short' | 'clause'>): string {
  return `${c.short}${c.clause}`;
}

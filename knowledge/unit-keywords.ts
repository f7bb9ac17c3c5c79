// Members' search words for a document's units, from a sidecar beside the document: `<docId>.keywords.tsv`.
// Members name conduct and things in everyday words (婚外情, 公车私用, 红包) that share nothing with the articles'
// official wording; a lexical search cannot bridge that, so a corpus may carry, per unit, the words members use for
// it. They are indexed with the unit's header and never quoted or shown.
//
// Format: one unit a line, `unitKey<TAB>词语 词语 …` (unit keys as the chunker writes them: a33, c16, p2, preamble);
// blank lines and lines starting with # are ignored.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Chunk } from './chunk.js';

export const KEYWORDS_SUFFIX = '.keywords.tsv';

/** docId → unit key → the unit's search words joined by spaces. */
export type UnitKeywords = Map<string, Map<string, string>>;

export interface KeywordProblem {
  file: string;
  line: number;
  reason: string;
}

/** Parses one sidecar's text; malformed lines are reported, not fatal (the document still answers without them). */
export function parseUnitKeywords(text: string, file = ''): { units: Map<string, string>; problems: KeywordProblem[] } {
  const units = new Map<string, string>();
  const problems: KeywordProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const tab = raw.indexOf('\t');
    if (tab < 0) {
      problems.push({ file, line: i + 1, reason: 'no tab between the unit key and its words' });
      return;
    }
    const unit = raw.slice(0, tab).trim();
    const words = raw
      .slice(tab + 1)
      .split(/[\s,，、;；]+/)
      .filter(Boolean);
    if (!/^[A-Za-z0-9_-]+$/.test(unit)) {
      problems.push({ file, line: i + 1, reason: `unit key "${unit}" is not a unit key` });
      return;
    }
    if (words.length === 0) return;
    const before = units.get(unit);
    units.set(unit, before ? `${before} ${words.join(' ')}` : words.join(' '));
  });
  return { units, problems };
}

/** The sidecar files of a corpus: beside each document in a folder, or beside a single-file corpus. */
export async function listKeywordFiles(corpusPath: string): Promise<string[]> {
  const stat = await fs.stat(corpusPath);
  const dir = stat.isFile() ? path.dirname(corpusPath) : corpusPath;
  const only = stat.isFile() ? `${path.basename(corpusPath, path.extname(corpusPath))}${KEYWORDS_SUFFIX}` : undefined;
  const names = await fs.readdir(dir);
  return names
    .filter((n) => n.endsWith(KEYWORDS_SUFFIX) && (!only || n === only))
    .sort()
    .map((n) => path.resolve(dir, n));
}

export function keywordDocId(file: string): string {
  return path.basename(file).slice(0, -KEYWORDS_SUFFIX.length);
}

export async function loadUnitKeywords(
  corpusPath: string,
): Promise<{ keywords: UnitKeywords; problems: KeywordProblem[] }> {
  const keywords: UnitKeywords = new Map();
  const problems: KeywordProblem[] = [];
  for (const file of await listKeywordFiles(corpusPath)) {
    const parsed = parseUnitKeywords(await fs.readFile(file, 'utf8'), path.basename(file));
    keywords.set(keywordDocId(file), parsed.units);
    problems.push(...parsed.problems);
  }
  return { keywords, problems };
}

/** Gives each unit's first chunk its words; returns the sidecar entries that matched no document or no unit. */
export function attachUnitKeywords(chunks: Chunk[], keywords: UnitKeywords): KeywordProblem[] {
  const used = new Set<string>();
  const docIds = new Set<string>();
  for (const c of chunks) {
    docIds.add(c.docId);
    const words = keywords.get(c.docId)?.get(c.unit);
    if (!words) continue;
    // Once per unit, on its first part: a long unit (党章 总纲 has dozens of parts) would otherwise carry them in every
    // part and crowd the hits. Measured against every part: dev MRR .971 → .985, decide4 .934 → .944, holdout4 .897 →
    // .907, holdout2 .874 → .880; tune .914 → .911, tune3 .918 → .916, rank4 .860 → .857.
    if (c.part > 1) continue;
    c.keywords = words;
    used.add(`${c.docId}#${c.unit}`);
  }
  const problems: KeywordProblem[] = [];
  for (const [docId, units] of keywords) {
    const file = `${docId}${KEYWORDS_SUFFIX}`;
    if (!docIds.has(docId)) problems.push({ file, line: 0, reason: `no document ${docId} in the corpus` });
    else
      for (const unit of units.keys())
        if (!used.has(`${docId}#${unit}`)) problems.push({ file, line: 0, reason: `no unit ${unit} in ${docId}` });
  }
  return problems;
}

/**
 * Words that only the keyword sidecars use (their tokens that no document's text contains). They help find a unit, but
 * they are members' words, not the documents': the domain lift (how much more the documents use a word than general
 * Chinese) must not count them, or 小三/红包 would make any question about them on-topic.
 */
export function membersOnlyWords(
  chunks: Chunk[],
  documentTexts: string[],
  tokenize: (text: string) => string[],
): Set<string> {
  const candidates = new Set<string>();
  for (const c of chunks)
    for (const w of c.keywords?.split(' ') ?? [])
      for (const t of [w, ...tokenize(w)]) if (t.length >= 2) candidates.add(t);
  const out = new Set<string>();
  for (const t of candidates) if (!documentTexts.some((d) => d.includes(t))) out.add(t);
  return out;
}

export interface SidecarCheck {
  /** Units the sidecar gives words for. */
  units: number;
  /** Lines not usable: malformed, or naming a unit the document does not have. */
  problems: Array<{ line: number; unit?: string }>;
}

/** Checks an uploaded sidecar against the unit keys of its document (chunkDoc's `unit`s). */
export function checkUnitKeywords(text: string, unitKeys: Set<string>): SidecarCheck {
  const { units, problems } = parseUnitKeywords(text);
  const out: SidecarCheck['problems'] = problems.map((p) => ({ line: p.line }));
  text.split(/\r?\n/).forEach((raw, i) => {
    const tab = raw.indexOf('\t');
    const unit = tab > 0 ? raw.slice(0, tab).trim() : '';
    if (unit && !raw.trim().startsWith('#') && units.has(unit) && !unitKeys.has(unit)) out.push({ line: i + 1, unit });
  });
  return {
    units: [...units.keys()].filter((u) => unitKeys.has(u)).length,
    problems: out.sort((a, b) => a.line - b.line),
  };
}

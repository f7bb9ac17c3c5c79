// 每日一学: the corpus as study units (a whole clause or article), in document order, with citations.
import { chunkDoc } from './chunker.js';
import { loadCorpus } from './loader.js';
import type { Chunk } from './chunk.js';

/** A whole clause or article: the chunk's provenance fields, with the unit's full text. */
export interface StudyUnit extends Pick<Chunk, 'docId' | 'title' | 'short' | 'section' | 'clause' | 'text'> {
  /** Stable id: `${docId}#${unit}`. */
  id: string;
}

/** Whole units (a long clause's chunks joined again), skipping cover notices. Order: file order, then document order. */
export function unitsOfChunks(chunks: Chunk[]): StudyUnit[] {
  const out: StudyUnit[] = [];
  const byId = new Map<string, StudyUnit>();
  for (const c of chunks) {
    if (c.kind === 'letter') continue;
    const id = `${c.docId}#${c.unit}`;
    const existing = byId.get(id);
    if (existing) {
      existing.text += c.text;
      continue;
    }
    const unit: StudyUnit = {
      id,
      docId: c.docId,
      title: c.title,
      short: c.short,
      section: c.section,
      clause: c.clause,
      text: c.text,
    };
    byId.set(id, unit);
    out.push(unit);
  }
  return out;
}

/** Matches a document by its file id, full title or short title (with or without 《》). */
export function docMatches(unit: Pick<StudyUnit, 'docId' | 'title' | 'short'>, wanted: string): boolean {
  const w = wanted.replace(/[《》\s]/g, '');
  return !!w && (unit.docId === w || unit.title.includes(w) || unit.short.replace(/[《》]/g, '') === w);
}

/** Study units of the corpus, optionally only the given documents (in the corpus's order). */
export async function listStudyUnits(corpusPath: string, docs: string[] = []): Promise<StudyUnit[]> {
  const raw = await loadCorpus(corpusPath);
  const units = raw.flatMap((d) => unitsOfChunks(chunkDoc(d).chunks));
  return docs.length ? units.filter((u) => docs.some((d) => docMatches(u, d))) : units;
}

// 每日一学 (clause 21): each run of a study broadcast takes the next unit in document order, quoted with
// its citation; the cursor wraps only after the whole cycle, and a retried run keeps the unit it took.
import type { StudyUnit } from '../../knowledge/study-units.js';
import type { StudyCursor } from '../../store/study-cursor.js';

const NUMERAL = '[零〇一二三四五六七八九十百千\\d]+';
const CLAUSE_LABEL = new RegExp(`^(第${NUMERAL}条)\\s*`);
const CHAPTER_LABEL = new RegExp(`^(第${NUMERAL}[编章节])\\s*`);

/** A full-width space after a leading 第一条 / 第一章 label, which the corpus often glues to the words after it. */
function separateLabel(text: string, label: RegExp): string {
  return text.replace(label, (_, l: string) => `${l}\u3000`);
}

export function formatStudy(unit: StudyUnit, index: number, total: number): string {
  const section = unit.section ? separateLabel(unit.section.trim(), CHAPTER_LABEL) : '';
  const text = separateLabel(unit.text.trim(), CLAUSE_LABEL);
  return `【每日一学】${unit.short}${unit.clause}（${index + 1}/${total}）\n“${text}”\n——摘自《${unit.title}》${section}`;
}

/** The study text for a run, or undefined when the chosen documents have no units. */
export async function studyText(
  deps: { stores: { studyCursor: StudyCursor }; studyUnits(docs: string[]): Promise<StudyUnit[]> },
  broadcastId: string,
  run: string,
  docs: string[],
): Promise<string | undefined> {
  const units = await deps.studyUnits(docs);
  if (!units.length) return undefined;
  const i = await deps.stores.studyCursor.pick(broadcastId, run, units.length);
  return formatStudy(units[i]!, i, units.length);
}

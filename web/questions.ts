// The question log as the console shows it: one branch's questions in one local week, optionally only those the
// corpus did not answer (not stated, or refused). The asker stays the log's hash; no raw id is ever read here.
import { addDays, dayKey, fromLocal, mondayOf, startOfDate, today, type CivilDate } from '../ground/time/zoned.js';
import type { QuestionRecord } from '../store/question-log.js';
import type { Stores } from '../store/index.js';

export const UNANSWERED = new Set(['not-stated', 'refusal']);

/** The Monday (YYYY-MM-DD) of the week asked for, or of this week when absent or malformed. */
export function weekOf(asked: string | undefined, now: number, tz: string): CivilDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asked ?? '');
  if (m) {
    const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    // Round-trip through a real instant so 2026-02-31 is refused rather than rolled over.
    const back = today(fromLocal(d.year, d.month, d.day, 12, 0, tz), tz);
    if (dayKey(back) === dayKey(d)) return mondayOf(d);
  }
  return mondayOf(today(now, tz));
}

export function weekRange(monday: CivilDate, tz: string): { from: number; until: number } {
  return { from: startOfDate(monday, tz), until: startOfDate(addDays(monday, 7), tz) - 1 };
}

export async function branchQuestions(
  stores: Stores,
  branchId: string,
  range: { from: number; until: number },
  unansweredOnly: boolean,
): Promise<QuestionRecord[]> {
  const rows = await stores.questions.list({ since: range.from, until: range.until, limit: 10_000 });
  return rows.filter((r) => r.branchId === branchId && (!unansweredOnly || UNANSWERED.has(r.outcome)));
}

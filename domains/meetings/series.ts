// Recurring series: a BullMQ job scheduler (cron pattern + tz) ticks at each occurrence and materialises
// the NEXT one as an ordinary meeting (with its reminders), skipping or shifting statutory holidays.
import type { Job } from 'bullmq';
import { formatDateTime } from '../../ground/time/format.js';
import type { Meeting, Series } from '../../store/types.js';
import type { MeetingDeps } from './deps.js';
import { meetingInput } from './input.js';
import { createMeeting } from './ops.js';
import { jobIds, outboxKeys } from './queue.js';
import { nextOccurrence, type Rule } from '../../ground/time/recurrence.js';
import { secretaryRecipients } from '../roles/recipients.js';
import { localDay } from '../../ground/time/zoned.js';
import { missingYearText, syncHolidayCalendar, yearsWithoutData } from './holiday-calendar.js';

export type SeriesInput = Omit<Series, 'id' | 'status' | 'createdAt'>;

export async function createSeries(
  deps: MeetingDeps,
  input: SeriesInput,
): Promise<{ series: Series; first?: Meeting }> {
  const series = await deps.stores.series.create(input, deps.clock.now());
  await deps.queue.upsertJobScheduler(
    jobIds.series(series.id),
    { pattern: series.pattern, tz: series.tz },
    { name: 'series-tick', data: { seriesId: series.id } },
  );
  const first = await materialiseNext(deps, series);
  return { series, first };
}

export async function cancelSeries(deps: MeetingDeps, seriesId: string): Promise<void> {
  await deps.queue.removeJobScheduler(jobIds.series(seriesId));
  await deps.stores.series.cancel(seriesId);
}

export async function processSeriesTick(job: Job<{ seriesId: string }>, deps: MeetingDeps): Promise<string> {
  const series = await deps.stores.series.get(job.data.seriesId);
  if (series?.status !== 'active') return 'inactive';
  const m = await materialiseNext(deps, series);
  return m ? `meeting:${m.id}` : 'exists';
}

function ruleOf(s: Series): Rule {
  const kind =
    s.kind ?? (s.nthWeek !== undefined ? 'monthly-nth-weekday' : s.weekday !== undefined ? 'weekly' : 'monthly-day');
  return { kind, nthWeek: s.nthWeek, weekday: s.weekday, monthDay: s.monthDay, hour: s.hour, minute: s.minute };
}

/** Creates the next occurrence once (claimed by its nominal day); tells the secretaries about skipped holidays. */
export async function materialiseNext(deps: MeetingDeps, s: Series): Promise<Meeting | undefined> {
  await syncHolidayCalendar(deps.stores);
  const skipped: Array<{ at: number; holiday: string }> = [];
  const occ = nextOccurrence(ruleOf(s), deps.clock.now(), s.tz, s.holidayPolicy, (at, holiday) =>
    skipped.push({ at, holiday }),
  );
  const day = localDay(occ.nominal, s.tz);
  let created: Meeting | undefined;
  await deps.stores.series.claimOccurrence(s.id, day, async () => {
    const branch = await deps.stores.branches.get(s.branchId);
    created = await createMeeting(
      deps,
      meetingInput({
        branch: branch!,
        type: s.type,
        title: s.title,
        startAt: occ.at,
        now: deps.clock.now(),
        seriesId: s.id,
        createdBy: s.createdBy,
        // A series keeps its own reminder plan; everything else follows the branch's settings at each occurrence.
        options: { place: s.place, topic: s.topic, groupOffsets: s.groupOffsets, secretaryOffsets: s.secretaryOffsets },
      }),
    );
    return created.id;
  });
  if (created && (skipped.length || occ.shifted))
    await noteHolidays(deps, s, created, skipped, occ.shifted ? occ.holiday : undefined, day);
  if (created && usesCalendar(s)) await noteMissingData(deps, s, created);
  return created;
}

/** A series whose dates depend on the holiday calendar. */
export const usesCalendar = (s: Pick<Series, 'kind' | 'holidayPolicy'>) =>
  s.kind === 'workdays' || s.holidayPolicy !== 'none';

/** An occurrence in a year without holiday data: the secretaries are told, once per series and year. */
async function noteMissingData(deps: MeetingDeps, s: Series, m: Meeting) {
  const [year] = yearsWithoutData([m.startAt], s.tz);
  if (year === undefined) return;
  const text = `【例会安排】${s.title}（系列 ${s.id}）下次会议 ${formatDateTime(m.startAt, s.tz)}（编号 ${m.id}）。${missingYearText(year)}`;
  const to = await secretaryRecipients(deps.stores, s.branchId, deps.config.adminIds);
  await deps.outbox.enqueueMany(
    to.map((contactId) => ({
      to: { contactId },
      text,
      key: outboxKeys.series(s.id, String(year), 'no-holiday-data', contactId),
    })),
  );
}

async function noteHolidays(
  deps: MeetingDeps,
  s: Series,
  m: Meeting,
  skipped: Array<{ at: number; holiday: string }>,
  shiftedFor: string | undefined,
  day: string,
) {
  const parts = skipped.map((x) => `${formatDateTime(x.at, s.tz)}适逢${x.holiday}，本次跳过`);
  if (shiftedFor) parts.push(`原定日期适逢${shiftedFor}，顺延至下一个工作日`);
  const text = `【例会安排】${s.title}（系列 ${s.id}）：${parts.join('；')}。下次会议：${formatDateTime(m.startAt, s.tz)}，编号 ${m.id}。`;
  deps.logger.info(
    { seriesId: s.id, meetingId: m.id, skipped: skipped.length, shifted: !!shiftedFor },
    'series occurrence adjusted for holidays',
  );
  const to = await secretaryRecipients(deps.stores, s.branchId, deps.config.adminIds);
  await deps.outbox.enqueueMany(
    to.map((contactId) => ({ to: { contactId }, text, key: outboxKeys.series(s.id, day, 'holiday', contactId) })),
  );
}

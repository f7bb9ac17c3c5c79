// Adds and removes a meeting's delayed jobs. Ids depend on the meeting and its start, so scheduling twice
// is a no-op and a reschedule (new start) replaces the old jobs.
import type { Meeting } from '../../store/types.js';
import { jobIds, KEEP_JOBS, type MeetingQueue, type ReminderTarget } from './queue.js';

interface Planned {
  name: 'remind' | 'escalate' | 'close';
  id: string;
  due: number;
  data: Record<string, unknown> & { meetingId: string; startAt: number };
}

/** Every job a meeting needs, with due times (reminders already due at planning time are left out by scheduleMeeting). */
export function plannedJobs(m: Meeting): Planned[] {
  const base = { meetingId: m.id, startAt: m.startAt };
  const remind = (offset: number, target: ReminderTarget): Planned => ({
    name: 'remind', id: jobIds.remind(m, offset, target), due: m.startAt - offset, data: { ...base, offset, target },
  });
  const jobs = [...m.groupOffsets.map((o) => remind(o, 'room')), ...m.secretaryOffsets.map((o) => remind(o, 'secretary'))];
  if (m.escalateBefore > 0) jobs.push({ name: 'escalate', id: jobIds.escalate(m), due: m.startAt - m.escalateBefore, data: base });
  jobs.push({ name: 'close', id: jobIds.close(m), due: m.startAt + m.closeAfter, data: base });
  return jobs;
}

/** Schedules what is still ahead; returns the jobs added. */
export async function scheduleMeeting(queue: MeetingQueue, m: Meeting, now: number): Promise<Planned[]> {
  const jobs = plannedJobs(m).filter((j) => j.name === 'close' || j.due > now);
  if (!jobs.length) return [];
  await queue.addBulk(jobs.map((j) => ({ name: j.name, data: j.data, opts: { jobId: j.id, delay: Math.max(0, j.due - now), ...KEEP_JOBS } })));
  return jobs;
}

/** Removes the jobs of a meeting as it was (its old start and offsets). Running jobs re-check the meeting anyway. */
export async function unscheduleMeeting(queue: MeetingQueue, m: Meeting): Promise<number> {
  let removed = 0;
  for (const j of plannedJobs(m)) removed += await queue.remove(j.id).catch(() => 0);
  return removed;
}

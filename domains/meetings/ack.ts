// The rolling acknowledgement: check-ins within one window share ONE delayed job (fixed id per window),
// which posts the current state, e.g. 已签到 12/30：张三、李四…；请假 2.
import type { Job } from 'bullmq';
import type { MeetingDeps } from './deps.js';
import { jobIds, KEEP_JOBS, outboxKeys } from './queue.js';
import { branchRooms } from '../roles/recipients.js';
import { summarize } from '../attendance/summary.js';
import { listNames } from './texts.js';

const windowAt = (deps: MeetingDeps, at: number) => Math.floor(at / deps.ackWindowMs) + 1;

/** Asks for an acknowledgement at the end of the current window; further calls in the window are no-ops. */
export async function requestAck(deps: MeetingDeps, meetingId: string): Promise<void> {
  const now = deps.clock.now();
  const window = windowAt(deps, now);
  const delay = Math.max(0, window * deps.ackWindowMs - now);
  await deps.queue.add('ack', { meetingId, window }, { jobId: jobIds.ack(meetingId, window), delay, ...KEEP_JOBS });
}

/**
 * A repeated 签到 changes nothing and is normally not acknowledged again. But if the request for the window of the
 * first one never reached Redis (an error or a crash between the record and the request), nobody would ever
 * acknowledge it: the repeat asks now. Kept completed jobs say which windows were asked for.
 */
export async function requestMissingAck(deps: MeetingDeps, meetingId: string, recordedAt: number): Promise<void> {
  if (await deps.queue.getJob(jobIds.ack(meetingId, windowAt(deps, recordedAt)))) return;
  await requestAck(deps, meetingId);
}

export async function processAck(job: Job<{ meetingId: string; window: number }>, deps: MeetingDeps): Promise<string> {
  const m = await deps.stores.meetings.get(job.data.meetingId);
  if (!m || m.status === 'cancelled') return 'stale';
  const s = await summarize(deps.stores, m);
  const came = [...s.present, ...s.late].sort((a, b) => a.record.at - b.record.at).map((x) => x.member.name);
  let text = `已签到 ${came.length}/${s.expected.length}：${listNames(came)}`;
  if (s.late.length) text += `（迟到 ${s.late.length}）`;
  text += `；请假 ${s.leave.length}`;
  const rooms = await branchRooms(deps.stores, m.branchId);
  await deps.outbox.enqueueMany(
    rooms.map((roomId) => ({
      to: { roomId },
      text,
      key: outboxKeys.ack(m.id, job.data.window, roomId),
      tag: `meeting:${m.id}`,
    })),
  );
  return text;
}

// A pre-staged reminder is rendered again when it is sent, from the meeting as it is then: an edit made after
// staging (inside the EARLY_MS window) is in the text the room and the secretary receive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting } from '../../../domains/meetings/ops.js';
import { outboxKeys } from '../../../domains/meetings/queue.js';
import { EARLY_MS } from '../../../domains/meetings/schedule.js';
import { jobIdFor } from '../../../jobs/outbox/keys.js';
import { ROOM, startJobsWorld, type JobsWorld } from '../../helpers/meeting-jobs.js';

let w: JobsWorld;
const OFFSET = 5000;

beforeAll(async () => {
  w = await startJobsWorld();
  w.startWorker();
});
afterAll(async () => {
  await w?.close();
});

describe('reminders rendered at send time', () => {
  it('an edit after staging is reflected in the room and secretary reminders', async () => {
    const due = Date.now() + EARLY_MS + 3000; // an ordinary bucket: staged EARLY_MS before due
    const m = await createMeeting(
      w.deps,
      w.meetingInput(due + OFFSET, { title: '旧标题', groupOffsets: [OFFSET], secretaryOffsets: [OFFSET] }),
    );
    const id = jobIdFor(outboxKeys.remind(m, OFFSET, ROOM));
    await expect.poll(async () => (await w.outbox.queue.getJob(id))?.id, { timeout: 15_000, interval: 20 }).toBe(id);
    expect((await w.outbox.queue.getJob(id))!.data.parts.join('')).toContain('旧标题');
    const job = (await w.outbox.queue.getJob(id))!;
    expect(await job.getState()).toBe('delayed');
    await w.stores.meetings.update(m.id, { title: '新标题', place: '三楼会议室' });
    // Edited while still staged (before due), unless the machine held the test past due.
    const editedInWindow = Date.now() < due;
    const room = await w.waitFor((s) => s.to.roomId === ROOM && s.text.includes(`编号 ${m.id}`), 20_000);
    const secretary = await w.waitFor((s) => s.to.contactId === 'wx_wang' && s.text.includes('【会前准备】'), 20_000);
    expect(editedInWindow).toBe(true);
    for (const s of [room, secretary]) {
      expect(s.text).toContain('新标题');
      expect(s.text).toContain('三楼会议室');
      expect(s.text).not.toContain('旧标题');
      expect(s.at).toBeGreaterThanOrEqual(due);
    }
  }, 60_000);
});

// A cancel acknowledged to the secretary is final: no reminder of that meeting goes out after cancelMeeting
// returns. A reminder the outbox has already checked and is sending when the cancel comes is the one case the
// cancel cannot stop, so the cancel waits for that send to finish before it returns (and is acknowledged).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelMeeting, createMeeting } from '../../../domains/meetings/ops.js';
import { startJobsWorld, type JobsWorld } from '../../helpers/meeting-jobs.js';

let w: JobsWorld;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let hold: { match: string; entered: () => void; release: Promise<void> } | undefined;

beforeAll(async () => {
  w = await startJobsWorld({
    async duringSend(_to, text) {
      if (hold && text.includes(hold.match)) {
        hold.entered();
        await hold.release;
      }
    },
  });
  w.startWorker();
});
afterAll(async () => {
  await w?.close();
});

describe('cancel against a reminder in flight', () => {
  it('the cancel returns only after the reminder being sent has gone out; nothing is sent after it', async () => {
    const now = Date.now();
    const m = await createMeeting(w.deps, w.meetingInput(now + 2500, { title: '在途取消', groupOffsets: [1500] }));
    let release!: () => void;
    const entered = new Promise<void>((resolve) => {
      hold = { match: `编号 ${m.id}`, entered: resolve, release: new Promise<void>((r) => (release = r)) };
    });
    await entered; // the outbox has checked the condition (meeting scheduled) and is inside the send
    let ackAt: number | undefined;
    const cancel = cancelMeeting(w.deps, m).then(() => (ackAt = Date.now()));
    await sleep(300);
    expect(ackAt).toBeUndefined(); // not acknowledged while the send is in flight
    release();
    await cancel;
    const sent = w.sent.filter((s) => s.text.includes(`编号 ${m.id}`));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.at).toBeLessThanOrEqual(ackAt!);
    await sleep(500);
    expect(w.sent.filter((s) => s.text.includes(`编号 ${m.id}`))).toHaveLength(1);
  }, 30_000);
});

// The deliver job: one run of a broadcast. Resolves the rooms, records them as queued, and enqueues one
// outbox message per room with key broadcast:{id}:{room}, in batches that re-check the cancel flag.
// A retry (crash, restart) repeats it safely: rooms already settled are left out, keys make the rest no-ops.
import type { Job } from 'bullmq';
import type { Broadcast } from '../../store/broadcast-types.js';
import type { BroadcastDeps } from './deps.js';
import { messageKey, messageTag, runOf, watchJobId, type DeliverData } from './queue.js';
import { resolveTargets } from './targets.js';
import { studyText } from './daily-study.js';

export interface FanoutResult {
  run?: string;
  enqueued: number;
  skippedReason?: string;
}

async function contentOf(b: Broadcast, run: string, deps: BroadcastDeps): Promise<string | undefined> {
  if (b.kind !== 'daily-study') return b.text;
  return studyText(deps, b.id, run, b.studyDocs ?? []);
}

export async function fanOut(job: Job<DeliverData>, deps: BroadcastDeps): Promise<FanoutResult> {
  const log = deps.logger.child({ mod: 'broadcasts', broadcastId: job.data.broadcastId });
  const b = await deps.stores.broadcasts.get(job.data.broadcastId);
  if (!b) return { enqueued: 0, skippedReason: 'missing' };
  if (b.status === 'cancelled' || b.status === 'done') return { enqueued: 0, skippedReason: b.status };
  const run = runOf(job, b);
  const rooms = b.schedule.type === 'once' ? b.rooms : (await resolveTargets(b.targets, deps.stores)).rooms;
  const text = await contentOf(b, run, deps);
  if (!text) {
    log.warn({ run }, 'broadcast has no content for this run (no study units?)');
    return { run, enqueued: 0, skippedReason: 'no-content' };
  }
  await deps.stores.broadcasts.startRun(b.id, run, rooms, deps.clock.now());
  if (b.schedule.type === 'once') await deps.stores.broadcasts.setStatus(b.id, 'sending');
  const states = await deps.stores.broadcasts.roomStates(b.id, run);
  const todo = rooms.filter((r) => states.get(r) === 'queued');
  // 1,000 per addBulk: few round trips for 50,000 rooms, and a cancel still stops within one batch.
  const size = deps.batchSize ?? 1000;
  let enqueued = 0;
  for (let i = 0; i < todo.length; i += size) {
    if ((await deps.stores.broadcasts.status(b.id)) === 'cancelled') break;
    const batch = todo.slice(i, i + size);
    await deps.outbox.enqueueMany(
      batch.map((roomId) => ({ to: { roomId }, text, key: messageKey(b.id, run, roomId), tag: messageTag(b.id) })),
    );
    enqueued += batch.length;
  }
  await deps.queue.add(
    'watch',
    { broadcastId: b.id, run },
    { jobId: watchJobId(b.id, run), delay: deps.watchMs ?? 3000, removeOnComplete: true, removeOnFail: 100 },
  );
  log.info({ run, rooms: rooms.length, enqueued }, 'broadcast fanned out');
  return { run, enqueued };
}

// Whether check-ins could be collected during a meeting's window: the chat edge beats periodically (through
// the store) while it runs; a window that no run of the edge overlapped was 未收集 (the bot was down for all
// of it). Such a meeting counts nobody absent: no absence streak, no alert, and the secretary records it.
import type { Clock } from '../../ground/clock.js';
import type { Stores } from '../../store/index.js';
import type { Meeting } from '../../store/types.js';
import { windowOf } from './checkin.js';

export const HEARTBEAT_MS = 30_000;
/** A run counts as alive this long after its last beat (a missed beat or a slow Redis is not an outage). */
const SLACK_MS = 2 * HEARTBEAT_MS;

export async function couldCollect(stores: Pick<Stores, 'edgeRuns'>, m: Meeting): Promise<boolean> {
  const { openAt, closeAt } = windowOf(m);
  return stores.edgeRuns.aliveDuring(openAt, closeAt, SLACK_MS);
}

/** Starts beating for this run of the edge; returns stop(). A failed beat is only logged (Redis may be restarting). */
export function startHeartbeat(
  stores: Pick<Stores, 'edgeRuns'>,
  clock: Clock,
  onError: (err: unknown) => void,
  periodMs = HEARTBEAT_MS,
): () => Promise<void> {
  const startedAt = clock.now();
  const beat = () => stores.edgeRuns.beat(startedAt, clock.now()).catch(onError);
  void beat();
  const timer = setInterval(beat, periodMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await beat();
  };
}

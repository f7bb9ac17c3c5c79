// Brings a run's per-room states up to date with the outbox; for a cancelled broadcast, withdraws what
// has not been sent yet and counts it as skipped.
import type { BroadcastDeps } from './deps.js';
import { messageKey } from './queue.js';

type SettleDeps = Pick<BroadcastDeps, 'stores' | 'delivery'>;

export async function settleRun(deps: SettleDeps, id: string, run: string, cancelled: boolean): Promise<void> {
  const states = await deps.stores.broadcasts.roomStates(id, run);
  const queued = [...states].filter(([, s]) => s === 'queued').map(([room]) => room);
  if (cancelled) {
    const gone = await deps.delivery.withdraw(queued.map((room) => messageKey(id, run, room)));
    const goneSet = new Set(gone);
    await deps.stores.broadcasts.markRooms(
      id,
      run,
      queued.filter((room) => goneSet.has(messageKey(id, run, room))),
      'skipped',
    );
  }
  const open = cancelled
    ? [...(await deps.stores.broadcasts.roomStates(id, run))].filter(([, s]) => s === 'queued').map(([r]) => r)
    : queued;
  await applyStates(deps, id, run, open, cancelled);
  if (cancelled) await recheckSkipped(deps, id, run);
}

async function applyStates(deps: SettleDeps, id: string, run: string, rooms: string[], full: boolean): Promise<void> {
  if (!rooms.length) return;
  const keyOf = new Map(rooms.map((room) => [messageKey(id, run, room), room]));
  const found = await deps.delivery.states([...keyOf.keys()], { full });
  const sent: string[] = [];
  for (const [key, s] of found) {
    const room = keyOf.get(key)!;
    if (s.state === 'sent') sent.push(room);
    else if (s.state === 'failed') await deps.stores.broadcasts.markRooms(id, run, [room], 'failed', s.reason);
  }
  await deps.stores.broadcasts.markRooms(id, run, sent, 'sent');
}

/** A room skipped while the fan-out was still enqueueing may have been queued after all: withdraw again, or count it as sent. */
async function recheckSkipped(deps: SettleDeps, id: string, run: string): Promise<void> {
  const skipped = [...(await deps.stores.broadcasts.roomStates(id, run))]
    .filter(([, s]) => s === 'skipped')
    .map(([r]) => r);
  if (!skipped.length) return;
  await deps.delivery.withdraw(skipped.map((room) => messageKey(id, run, room)));
  const found = await deps.delivery.states(
    skipped.map((room) => messageKey(id, run, room)),
    { full: true },
  );
  const sentAfterAll = skipped.filter((room) =>
    ['sent', 'active'].includes(found.get(messageKey(id, run, room))?.state ?? ''),
  );
  await deps.stores.broadcasts.markRooms(id, run, sentAfterAll, 'sent', undefined, true);
}

// Shared by the platform channels' senders: neutral targets back to platform ids, platform throttling to the
// outbox's RateLimitedError (so it backs off instead of retrying at once).
import { RateLimitedError, type OutboxTarget } from '../../jobs/outbox/types.js';
import { PlatformRateLimitError } from './platforms/sdk-log.js';
import { parseAddress } from './channel.js';

export interface PlatformTarget {
  kind: 'room' | 'person';
  id: string;
}

/** The platform id of a target; throws when the target belongs to another account (the outbox routed it wrong). */
export function platformTarget(to: OutboxTarget, accountKey: string): PlatformTarget {
  const raw = to.roomId ?? to.contactId;
  const a = raw ? parseAddress(raw) : undefined;
  if (!raw || !a || `${a.kind}:${a.account}` !== accountKey)
    throw new Error(`target ${raw ?? '(none)'} is not an address of ${accountKey}`);
  return { kind: to.roomId ? 'room' : 'person', id: a.id };
}

export async function translateLimits(send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (err) {
    if (err instanceof PlatformRateLimitError) throw new RateLimitedError(err.message);
    throw err;
  }
}

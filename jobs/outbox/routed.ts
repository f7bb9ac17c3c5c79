// Several channel accounts at once: one paced queue per account (createOutbox), and this Outbox in front of them,
// which sends each message through the queue of the account that is in its room (or that knows the person).
// Domains keep calling one Outbox; they never learn which platform carries a message.
import type { OutboxHandle } from './producer.js';
import type { Outbox, OutboxMessage, OutboxTarget } from './types.js';

export interface RoutedOutboxOptions {
  /** Outbox per account key; `fallback` must be one of them. */
  outboxes: Map<string, OutboxHandle>;
  /** The account for targets nobody claims (Wechaty and console ids, rooms not yet seen). */
  fallback: string;
  /** The account in charge of a target, when known. */
  accountOf(to: OutboxTarget): Promise<string | undefined>;
}

export function createRoutedOutbox(o: RoutedOutboxOptions): Outbox {
  const pick = async (to: OutboxTarget): Promise<OutboxHandle> => {
    const key = await o.accountOf(to);
    return o.outboxes.get(key ?? o.fallback) ?? o.outboxes.get(o.fallback)!;
  };
  return {
    async enqueue(m) {
      await (await pick(m.to)).enqueue(m);
    },
    async enqueueMany(ms) {
      const groups = new Map<OutboxHandle, OutboxMessage[]>();
      for (const m of ms) {
        const box = await pick(m.to);
        groups.set(box, [...(groups.get(box) ?? []), m]);
      }
      await Promise.all([...groups].map(([box, list]) => box.enqueueMany(list)));
    },
    async withdraw(key) {
      // The key alone does not say which account carries it: ask each (a key lives in one queue at most).
      for (const box of o.outboxes.values()) if (await box.withdraw(key)) return true;
      return false;
    },
  };
}

// The "store" step of the inbound pipeline: who was last seen where, one hash write per message (store/inbox.ts).
// Meetings and alerts can read it (e.g. members active in a room); it is cheap enough for every message.
import type { Deps } from '../domains/deps.js';
import { createInbox, type Inbox } from '../store/inbox.js';

/** The inbox on a connection of its own with auto-pipelining: a burst of group messages becomes one round trip. */
export function openInbox(deps: Pick<Deps, 'connect' | 'prefix'>): { inbox: Inbox; close(): Promise<void> } {
  const client = deps.connect('inbox', { autoPipelining: true });
  return {
    inbox: createInbox(client, deps.prefix),
    close: async () => void (await client.quit().catch(() => client.disconnect())),
  };
}

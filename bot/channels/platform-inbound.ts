// The inbound path every platform channel shares: platform event → RawMessage (ids qualified with the channel
// account) → filters → InboundMessage → router. Redeliveries (a lost ack, a re-push after reconnect) are dropped
// by message id; the room's account is noted so the outbox answers through it; drain waits for messages in flight.
import { passesFilters, toInbound, type RawMessage } from '../filters.js';
import type { InboundMessage } from '../types.js';
import type { PlatformInbound } from './platforms/sdk-log.js';
import { qualify, type InboundAdapter, type InboundOptions } from './channel.js';

const SEEN_LIMIT = 20_000;

export interface PlatformPump {
  /** A text message from the platform. Resolves when it has been routed (or dropped). */
  push(msg: Omit<PlatformInbound, 'platform'>): Promise<void>;
  adapter: InboundAdapter;
}

/** Bounded memory of message ids already taken (oldest forgotten first). */
export class SeenIds {
  private readonly seen = new Set<string>();
  constructor(private readonly limit = SEEN_LIMIT) {}
  /** True the first time an id is offered. */
  first(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > this.limit) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }
}

export function platformPump(
  accountKey: string,
  handle: (msg: InboundMessage) => Promise<void>,
  opts: InboundOptions & { noteRoom?(roomId: string, accountKey: string): Promise<void> },
): PlatformPump {
  const inFlight = new Set<Promise<void>>();
  const seen = new SeenIds();
  let open = true;
  const push = (m: Omit<PlatformInbound, 'platform'>): Promise<void> => {
    if (!open || !m.messageId || !seen.first(m.messageId)) return Promise.resolve();
    const roomId = m.roomId ? qualify(accountKey, m.roomId) : undefined;
    const raw: RawMessage = {
      id: qualify(accountKey, m.messageId),
      self: false,
      isText: true,
      text: m.text,
      timestamp: opts.clock.now(),
      talkerId: qualify(accountKey, m.senderId),
      talkerName: m.senderName ?? m.senderId,
      roomId,
      mentionSelf: roomId ? m.mentionedBot : undefined,
      mentionText: roomId && m.mentionedBot ? m.text : undefined,
    };
    const p = (async () => {
      if (roomId) await opts.noteRoom?.(roomId, accountKey);
      if (m.senderAlias) await opts.noteAlias?.(raw.talkerId, m.senderAlias);
      if (!passesFilters(raw, opts.clock.now())) return;
      await handle(toInbound(raw, opts.botName));
    })()
      .catch((err: unknown) => opts.logger.error({ err, msgId: raw.id }, 'inbound adapter failed'))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    return p;
  };
  return {
    push,
    adapter: {
      async idle() {
        while (inFlight.size) await Promise.allSettled([...inFlight]);
      },
      async drain(timeoutMs) {
        open = false;
        const timer = new Promise<void>((r) => setTimeout(r, timeoutMs).unref());
        await Promise.race([Promise.allSettled([...inFlight]), timer]);
      },
    },
  };
}

/** Logs of an SDK go to our logger under the channel's module name (the SDK logger adapter masks secrets). */
export const sdkSink = (log: InboundOptions['logger']) => ({
  info: (m: string) => log.info(m),
  warn: (m: string) => log.warn(m),
  error: (m: string) => log.error(m),
});

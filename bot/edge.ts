// The chat edge, assembled: router over the features, inbound adapter of the channel, the outbox worker
// sending through the channel. The composition root calls this once the channel and the deps are up.
import type { OutboxHandle } from '../jobs/outbox/producer.js';
import { startOutboxWorker, type OutboxWorker } from '../jobs/outbox/worker.js';
import { openInbox } from './inbox.js';
import { createRouter, type Router } from './router.js';
import type { AppDeps, Feature } from './types.js';
import type { Channel, InboundAdapter } from './channels/channel.js';

export interface EdgeOptions {
  deps: AppDeps;
  features: Feature[];
  channel: Channel;
  outbox: OutboxHandle;
  /** Outbox tuning; ratePerMinute defaults to config.outbox.ratePerMinute. */
  ratePerMinute?: number;
  rateLimitBackoffMs?: number;
}

export interface ChatEdge {
  router: Router;
  inbound: InboundAdapter;
  worker: OutboxWorker;
  /** Stop taking messages, let the ones in flight finish (bounded), close the outbox worker. */
  stop(timeoutMs?: number): Promise<void>;
}

export function startChatEdge(o: EdgeOptions): ChatEdge {
  const { deps } = o;
  const inbox = openInbox(deps);
  const router = createRouter(deps, o.features, { inbox: inbox.inbox });
  const worker = startOutboxWorker({
    outbox: o.outbox,
    sender: o.channel.sender,
    redis: deps.redis,
    connect: deps.connect,
    prefix: deps.prefix,
    botId: deps.botId,
    logger: deps.logger,
    clock: deps.clock,
    timeZone: deps.config.timeZone,
    ratePerMinute: o.ratePerMinute ?? deps.config.outbox.ratePerMinute,
    dailyCap: deps.config.outbox.dailyCap,
    adminIds: deps.config.adminIds,
    rateLimitBackoffMs: o.rateLimitBackoffMs,
    renderers: Object.assign({}, ...o.features.map((f) => f.renderers ?? {})),
  });
  const inbound = o.channel.attach((msg) => router.handle(msg), {
    botName: deps.config.botName,
    clock: deps.clock,
    logger: deps.logger.child({ mod: 'inbound' }),
  });
  return {
    router,
    inbound,
    worker,
    async stop(timeoutMs = 10_000) {
      await inbound.drain(timeoutMs);
      await worker.close();
      await inbox.close();
    },
  };
}

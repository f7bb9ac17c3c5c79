// The chat edge, assembled: router over the features, inbound adapter on Wechaty, the outbox worker
// sending through Wechaty. The composition root calls this once WeChat and the deps are up.
import type { Wechaty } from 'wechaty';
import type { OutboxHandle } from '../jobs/outbox/producer.js';
import { startOutboxWorker, type OutboxWorker } from '../jobs/outbox/worker.js';
import { openInbox } from './inbox.js';
import { createRouter, type Router } from './router.js';
import type { AppDeps, Feature } from './types.js';
import { attachInbound, type InboundAdapter } from './channels/wechaty/adapter.js';
import { createWechatySender } from './channels/wechaty/sender.js';

export interface EdgeOptions {
  deps: AppDeps;
  features: Feature[];
  bot: Wechaty;
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
    sender: createWechatySender(o.bot),
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
  });
  const inbound = attachInbound(o.bot, router, { botName: deps.config.botName, clock: deps.clock, logger: deps.logger.child({ mod: 'inbound' }) });
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

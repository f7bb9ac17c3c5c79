// The chat edge, assembled: router over the features, the inbound adapter of each channel, and one outbox
// worker per channel account, paced at that platform's limits. The composition root calls this once the
// channels and the deps are up.
import { startHeartbeat } from '../domains/attendance/collection.js';
import { bindByAlias } from '../domains/roles/directory.js';
import type { DirectoryKind } from '../store/types.js';
import type { OutboxHandle } from '../jobs/outbox/producer.js';
import { startOutboxWorker, type OutboxWorker } from '../jobs/outbox/worker.js';
import { openInbox } from './inbox.js';
import { createRouter, type Router } from './router.js';
import type { AppDeps, Feature } from './types.js';
import type { Sender } from '../jobs/outbox/types.js';
import { withMentionHint, type Channel, type InboundAdapter } from './channels/channel.js';

/** A channel and the outbox queue of its account. */
export interface ChannelRoute {
  channel: Channel;
  outbox: OutboxHandle;
}

export interface EdgeOptions {
  deps: AppDeps;
  features: Feature[];
  channels: ChannelRoute[];
  /** Outbox tuning for every account; by default each channel's declared rate (capped by OUTBOX_RATE) and back-off. */
  ratePerMinute?: number;
  rateLimitBackoffMs?: number;
}

export interface ChatEdge {
  router: Router;
  /** All channels' inbound adapters as one. */
  inbound: InboundAdapter;
  /** The first channel's outbox worker. */
  worker: OutboxWorker;
  workers: OutboxWorker[];
  /** Stop taking messages, let the ones in flight finish (bounded), close the outbox worker. */
  stop(timeoutMs?: number): Promise<void>;
}

/** The channel's sender, with the mention-only hint added to reminders with buttons (see withMentionHint). */
function hinted(channel: Channel, botName: string): Sender {
  return {
    send: (to, text, mentionIds, extras) =>
      channel.sender.send(
        to,
        extras?.actions?.length ? withMentionHint(text, channel.capabilities, botName, !!to.roomId) : text,
        mentionIds,
        extras,
      ),
    // Admin notices name the target as the channel knows it (群“第一党支部”), never by a raw id.
    describe: channel.sender.describe?.bind(channel.sender),
  };
}

export function startChatEdge(o: EdgeOptions): ChatEdge {
  const { deps } = o;
  const inbox = openInbox(deps);
  const router = createRouter(deps, o.features, { inbox: inbox.inbox });
  const renderers = Object.assign({}, ...o.features.map((f) => f.renderers ?? {}));
  const workers = o.channels.map(({ channel, outbox }) =>
    startOutboxWorker({
      outbox,
      sender: hinted(channel, deps.config.botName),
      redis: deps.redis,
      connect: deps.connect,
      prefix: deps.prefix,
      botId: channel.accountId,
      logger: deps.logger,
      clock: deps.clock,
      timeZone: deps.config.timeZone,
      ratePerMinute: o.ratePerMinute ?? Math.min(deps.config.outbox.ratePerMinute, channel.capabilities.ratePerMinute),
      dailyCap: deps.config.outbox.dailyCap,
      adminIds: deps.config.adminIds,
      rateLimitBackoffMs: o.rateLimitBackoffMs ?? channel.capabilities.rateLimitBackoffMs,
      // Texts re-rendered at send time by the domain that owns them (e.g. a reminder after an edit).
      renderers,
      awaitReplicas: deps.awaitReplicas,
    }),
  );
  // While the edge runs, check-ins can be collected: meetings whose whole window fell outside every run are 未收集.
  const stopHeartbeat = startHeartbeat(deps.stores, deps.clock, (err) =>
    deps.logger.warn({ err: (err as Error).message }, 'heartbeat not written'),
  );
  const inboundOpts = {
    botName: deps.config.botName,
    clock: deps.clock,
    logger: deps.logger.child({ mod: 'inbound' }),
    noteRoom: (roomId: string, accountKey: string) => deps.stores.roomAccounts.note(roomId, accountKey),
    noteAlias: async (talkerId: string, alias: { kind: DirectoryKind; id: string }) => {
      await bindByAlias(deps.stores.members, talkerId, alias);
    },
  };
  const adapters = o.channels.map(({ channel }) => channel.attach((msg) => router.handle(msg), inboundOpts));
  const inbound: InboundAdapter = {
    async idle() {
      await Promise.all(adapters.map((a) => a.idle()));
    },
    async drain(timeoutMs) {
      await Promise.all(adapters.map((a) => a.drain(timeoutMs)));
    },
  };
  return {
    router,
    inbound,
    worker: workers[0]!,
    workers,
    async stop(timeoutMs = 10_000) {
      await inbound.drain(timeoutMs);
      await stopHeartbeat();
      await Promise.all(workers.map((w) => w.close()));
      await inbox.close();
    },
  };
}

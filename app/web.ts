// Starts the web console on a process's dependency object: its own producers of the meetings and broadcasts
// queues (the bot's workers run the jobs) and, in the bot process, the bot's answerer.
import type { Deps } from '../domains/deps.js';
import { DEFAULT_ACK_WINDOW_MS } from '../domains/meetings/deps.js';
import { createMeetingQueue } from '../domains/meetings/queue.js';
import { createBroadcastRuntime } from '../domains/broadcasts/runtime.js';
import type { Answerer } from '../knowledge/types.js';
import type { LiveKnowledge } from '../knowledge/live.js';
import { createDueBuckets } from '../store/due-buckets.js';
import type { ChannelStatus, WebDeps } from '../web/deps.js';
import type { WebServer } from '../web/server.js';

export interface WebHandle extends WebServer {
  deps: WebDeps;
}

export async function startWeb(
  base: Deps,
  o: {
    botId?: string;
    answerer?: Answerer;
    knowledge?: LiveKnowledge;
    /** The bot process's channels (app/channel-status.ts); absent when the console runs alone. */
    channels?: () => ChannelStatus[];
    host?: string;
    port?: number;
  },
): Promise<WebHandle> {
  const logger = base.logger.child({ mod: 'web' });
  const queue = createMeetingQueue(base.redis, base.prefix, logger);
  const broadcasts = o.botId ? createBroadcastRuntime(base, { botId: o.botId }) : undefined;
  const deps: WebDeps = {
    ...base,
    logger,
    meetings: {
      ...base,
      logger,
      queue,
      buckets: createDueBuckets(base.redis, base.prefix),
      ackWindowMs: DEFAULT_ACK_WINDOW_MS,
    },
    broadcasts: broadcasts?.service,
    answerer: o.answerer,
    knowledge: o.knowledge,
    channels: o.channels,
    queues: [queue, ...(broadcasts ? [broadcasts.deps.queue] : [])],
  };
  try {
    // Imported only when a console is served: Fastify, its plugins and the pages cost ~25 MB of RSS, which the console
    // chat and a bot with WEB_ENABLED=0 do not need.
    const { startWebServer } = await import('../web/server.js');
    const server = await startWebServer(deps, { host: o.host, port: o.port });
    return {
      ...server,
      deps,
      async close() {
        await server.close();
        await broadcasts?.close();
        await queue.close();
      },
    };
  } catch (err) {
    await broadcasts?.close();
    await queue.close();
    throw err;
  }
}

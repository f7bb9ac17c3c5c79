// The CLI's session: Redis (REDIS_URL, or the embedded server in DATA_DIR — the running bot's when there is
// one) and the same dependency object the bot builds (app/deps.ts). Sending is left to the running bot:
// the CLI only enqueues into the outbox of the account the bot recorded.
import os from 'node:os';
import { createDeps, type BuiltDeps } from '../../app/deps.js';
import { loadConfig, type Config } from '../../ground/config.js';
import { UserError } from '../../ground/errors.js';
import { silentLogger } from '../../ground/logger.js';
import { cliLogger } from './cli-logger.js';
import { connectRedis } from '../../ground/redis/connect.js';
import { openRedisSource } from '../../ground/redis/source.js';
import { createBroadcastRuntime, type BroadcastRuntime } from '../../domains/broadcasts/runtime.js';
import { recordedAccountIds, recordedBotId } from '../../store/bot-id.js';

export interface CliSession {
  config: Config;
  deps: BuiltDeps;
  /** The bot account recorded by the last `zhibu start` on this Redis, if any. */
  botId: string | undefined;
  actor: string;
  /** The bot account, or a Chinese error saying the bot has never run here. */
  requireBot(): string;
  close(): Promise<void>;
}

export async function openSession(): Promise<CliSession> {
  const config = loadConfig();
  const { url, owned } = await openRedisSource(config, silentLogger, 'cli');
  const redis = connectRedis(url, { name: 'cli' });
  const botId = await recordedBotId(redis, config.redisPrefix);
  const logger = cliLogger(config.logLevel);
  // Without a recorded bot the outbox is never used: commands that send call requireBot() first.
  const deps = createDeps({ config, logger, redisUrl: url, redis, botId: botId ?? 'no-bot' });
  return {
    config,
    deps,
    botId,
    actor: `cli:${os.userInfo().username}`,
    requireBot() {
      if (!botId) throw new UserError('机器人还没有在这个 Redis 上启动过（zhibu start），无法确定由哪个账号发送。');
      return botId;
    },
    async close() {
      // The command has changed what it printed: on a replica before it exits (Deps.awaitReplicas; at once standalone).
      await deps.awaitReplicas();
      await deps.close();
      redis.disconnect();
      await owned?.stop();
    },
  };
}

export async function openBroadcasts(
  s: CliSession,
): Promise<BroadcastRuntime & { botId: string; botRunning(): Promise<boolean> }> {
  const botId = s.requireBot();
  // Every channel account's outbox: a broadcast's rooms may be spread over several channels.
  const accountIds = await recordedAccountIds(s.deps.redis, s.deps.prefix);
  const rt = createBroadcastRuntime(s.deps, { botId, accountIds });
  // A running bot consumes its outbox; with none, a broadcast waits in the queue until one starts.
  return { ...rt, botId, botRunning: async () => (await s.deps.outbox.consumers()) > 0 };
}

// Opens what the broadcast and audit commands need: Redis (REDIS_URL, or the embedded server in DATA_DIR —
// the running bot's when there is one), the audit log and, for broadcasts, the runtime without a worker.
import os from 'node:os';
import { loadConfig, type Config } from '../../ground/config.js';
import { systemClock } from '../../ground/clock.js';
import { UserError } from '../../ground/errors.js';
import { createLogger, silentLogger } from '../../ground/logger.js';
import { openRedisSource } from '../../ground/redis/source.js';
import { connectRedis, type Redis } from '../../ground/redis/connect.js';
import { createBroadcastRuntime, type BroadcastRuntime } from '../../domains/broadcasts/runtime.js';
import { recordedBotId } from '../../store/bot-id.js';
import { createOutbox } from '../../jobs/outbox/producer.js';
import { createAuditLog, type AuditLog } from '../../store/audit.js';

export interface CliSession {
  config: Config;
  redis: Redis;
  audit: AuditLog;
  actor: string;
  close(): Promise<void>;
}

export async function openSession(): Promise<CliSession> {
  const config = loadConfig();
  const { url, owned } = await openRedisSource(config, silentLogger, 'cli');
  const redis = connectRedis(url, { name: 'cli' });
  return {
    config, redis, audit: createAuditLog(redis, config.redisPrefix), actor: `cli:${os.userInfo().username}`,
    async close() {
      redis.disconnect();
      await owned?.stop();
    },
  };
}

export async function openBroadcasts(s: CliSession): Promise<BroadcastRuntime & { botId: string }> {
  const botId = await recordedBotId(s.redis, s.config.redisPrefix);
  if (!botId) throw new UserError('机器人还没有在这个 Redis 上启动过（zhibu start），无法确定由哪个账号发送广播。');
  const logger = createLogger(s.config.logLevel === 'info' ? 'warn' : s.config.logLevel);
  const outbox = createOutbox({ redis: s.redis, prefix: s.config.redisPrefix, botId, logger });
  const rt = createBroadcastRuntime({
    redis: s.redis, redisUrl: '', prefix: s.config.redisPrefix, botId, clock: systemClock, logger, timeZone: s.config.timeZone,
    outbox, audit: s.audit, corpusDir: s.config.corpusDir,
  });
  return { ...rt, botId, close: async () => (await rt.close(), await outbox.close()) };
}

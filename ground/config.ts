// Configuration is read once, validated with zod and handed on typed; nothing else reads process.env.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { isValidTimeZone } from './time/zoned.js';

/** The folder holding package.json: found by walking up, so compiled code in dist/ resolves the same root. */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}

export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const idList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(/[,，\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  );

export const PUPPETS = ['wechaty-puppet-service', 'wechaty-puppet-wechat4u', 'wechaty-puppet-mock'] as const;

/** host:port, comma-separated. */
const HOST_PORTS = /^[\w.-]+:\d+(?:\s*,\s*[\w.-]+:\d+)*$/;

const schema = z.object({
  REDIS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, '须以 redis:// 或 rediss:// 开头')
      .optional(),
  ),
  REDIS_PREFIX: z.string().default('zhibu:'),
  // Scale (Redis deployments): Sentinel or Cluster instead of REDIS_URL.
  REDIS_SENTINELS: optionalText.pipe(z.string().regex(HOST_PORTS, '格式为 host:port,host:port').optional()),
  REDIS_SENTINEL_MASTER: z.string().trim().min(1).default('mymaster'),
  REDIS_CLUSTER_NODES: optionalText.pipe(z.string().regex(HOST_PORTS, '格式为 host:port,host:port').optional()),
  DATA_DIR: z.string().default('data'),
  CORPUS_DIR: z.string().default(path.join('knowledge', 'corpus')),
  WECHATY_PUPPET: optionalText.pipe(z.enum(PUPPETS).optional()),
  WECHATY_PUPPET_SERVICE_TOKEN: optionalText,
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(z.string().url('不是合法的 URL').optional()),
  CHAT_MODEL: optionalText,
  EMBEDDING_MODEL: optionalText,
  EMBEDDING_DIMENSIONS: z.coerce.number().int().positive().optional(),
  LLM_TIMEOUT_MS: positiveInt(8000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
  TZ: z.string().default('Asia/Shanghai'),
  ADMIN_IDS: idList,
  BOT_NAME: z.string().trim().min(1).default('支部助手'),
  OUTBOX_RATE: positiveInt(20),
  OUTBOX_DAILY_CAP: positiveInt(3000),
  ANSWER_MAX_CHARS: positiveInt(500),
  QUESTION_RATE_PER_MIN: positiveInt(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type RawConfig = z.infer<typeof schema>;

export interface Config {
  /**
   * Where Redis is: REDIS_URL, or `sentinel://h:p,h:p/master` (REDIS_SENTINELS) or `cluster://h:p,h:p`
   * (REDIS_CLUSTER_NODES), which ground/redis/connect.ts turns into the right client. Unset: embedded.
   */
  redisUrl?: string;
  redisPrefix: string;
  dataDir: string;
  corpusDir: string;
  puppet?: (typeof PUPPETS)[number];
  puppetToken?: string;
  llm: {
    apiKey?: string;
    baseURL?: string;
    chatModel?: string;
    embeddingModel?: string;
    embeddingDimensions?: number;
    timeoutMs: number;
    maxRetries: number;
  };
  timeZone: string;
  adminIds: string[];
  botName: string;
  outbox: { ratePerMinute: number; dailyCap: number };
  answerMaxChars: number;
  questionRatePerMinute: number;
  logLevel: RawConfig['LOG_LEVEL'];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误，请检查 .env 或环境变量：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; relative paths are resolved against the project root. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const raw = parsed.data;
  const problems: string[] = [];
  if (!isValidTimeZone(raw.TZ)) problems.push(`TZ: 未知时区 "${raw.TZ}"（例如 Asia/Shanghai）`);
  if (raw.WECHATY_PUPPET === 'wechaty-puppet-service' && !raw.WECHATY_PUPPET_SERVICE_TOKEN) {
    problems.push('WECHATY_PUPPET_SERVICE_TOKEN: 使用 wechaty-puppet-service 时必须提供 token');
  }
  if ((raw.CHAT_MODEL || raw.EMBEDDING_MODEL) && !raw.OPENAI_BASE_URL && !raw.OPENAI_API_KEY) {
    problems.push('OPENAI_BASE_URL / OPENAI_API_KEY: 配置了 CHAT_MODEL 或 EMBEDDING_MODEL 时至少需要其中之一');
  }
  if ([raw.REDIS_URL, raw.REDIS_SENTINELS, raw.REDIS_CLUSTER_NODES].filter(Boolean).length > 1)
    problems.push('REDIS_URL / REDIS_SENTINELS / REDIS_CLUSTER_NODES: 只能设置其中一个');
  if (problems.length) throw new ConfigError(problems);
  const resolve = (p: string) => path.resolve(PROJECT_ROOT, p);
  return {
    redisUrl: raw.REDIS_CLUSTER_NODES
      ? `cluster://${raw.REDIS_CLUSTER_NODES.replace(/\s/g, '')}`
      : raw.REDIS_SENTINELS
        ? `sentinel://${raw.REDIS_SENTINELS.replace(/\s/g, '')}/${raw.REDIS_SENTINEL_MASTER}`
        : raw.REDIS_URL,
    // In a Cluster the prefix is a hash tag ({zhibu}:): see keyPrefixFor.
    redisPrefix:
      raw.REDIS_CLUSTER_NODES && !raw.REDIS_PREFIX.includes('{')
        ? `{${raw.REDIS_PREFIX.replace(/:+$/, '')}}:`
        : raw.REDIS_PREFIX,
    dataDir: resolve(raw.DATA_DIR),
    corpusDir: resolve(raw.CORPUS_DIR),
    puppet: raw.WECHATY_PUPPET,
    puppetToken: raw.WECHATY_PUPPET_SERVICE_TOKEN,
    llm: {
      apiKey: raw.OPENAI_API_KEY,
      baseURL: raw.OPENAI_BASE_URL,
      chatModel: raw.CHAT_MODEL,
      embeddingModel: raw.EMBEDDING_MODEL,
      embeddingDimensions: raw.EMBEDDING_DIMENSIONS,
      timeoutMs: raw.LLM_TIMEOUT_MS,
      maxRetries: raw.LLM_MAX_RETRIES,
    },
    timeZone: raw.TZ,
    adminIds: raw.ADMIN_IDS,
    botName: raw.BOT_NAME,
    outbox: { ratePerMinute: raw.OUTBOX_RATE, dailyCap: raw.OUTBOX_DAILY_CAP },
    answerMaxChars: raw.ANSWER_MAX_CHARS,
    questionRatePerMinute: raw.QUESTION_RATE_PER_MIN,
    logLevel: raw.LOG_LEVEL,
  };
}

/** Loads the project's .env into process.env once, at the entry point; variables already set win. */
export function loadEnvFile(file = path.join(PROJECT_ROOT, '.env')): void {
  if (fs.existsSync(file)) loadDotenv({ path: file, quiet: true });
}

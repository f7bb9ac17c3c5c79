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

/**
 * A whole number within [min, max] (empty means the default), with a Chinese message that states the bounds;
 * `why` says what goes wrong outside them.
 */
const intIn = (fallback: number | undefined, min: number, max: number, why = '') =>
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((v, ctx) => {
      const text = v === undefined ? '' : String(v).trim();
      if (text === '') return fallback as number;
      const n = Number(text);
      if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `“${text}”无效，须为 ${min} 到 ${max} 之间的整数${why}` });
        return z.NEVER;
      }
      return n;
    });

const idList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(/[,，\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  );

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const PUPPETS = ['wechaty-puppet-service', 'wechaty-puppet-wechat4u', 'wechaty-puppet-mock'] as const;

// ---- Channels (issue #10): which platforms the bot runs on, and each one's credentials ----
export const CHANNEL_KINDS = ['console', 'wechaty', 'wecom', 'wecom-webhook', 'dingtalk', 'feishu'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

const channelSchema = {
  CHANNELS: idList,
  WECOM_BOT_ID: optionalText,
  WECOM_BOT_SECRET: optionalText,
  WECOM_WS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^wss?:\/\//, '须以 ws:// 或 wss:// 开头')
      .optional(),
  ),
  WECOM_WEBHOOK_ROBOTS: optionalText,
  WECOM_WEBHOOK_BASE: optionalText.pipe(z.string().url('不是合法的 URL').optional()),
  DINGTALK_CLIENT_ID: optionalText,
  DINGTALK_CLIENT_SECRET: optionalText,
  DINGTALK_ROBOT_CODE: optionalText,
  DINGTALK_API_BASE: optionalText.pipe(z.string().url('不是合法的 URL').optional()),
  FEISHU_APP_ID: optionalText,
  FEISHU_APP_SECRET: optionalText,
  FEISHU_DOMAIN: optionalText.pipe(z.string().url('不是合法的 URL').optional()),
  FEISHU_ALL_GROUP_MESSAGES: optionalText.pipe(z.enum(['true', 'false', '1', '0']).optional()),
};

export interface ChannelsConfig {
  /** Empty: as before CHANNELS existed (Wechaty when a real puppet is configured, else the console's mock world). */
  kinds: ChannelKind[];
  wecom?: { botId: string; secret: string; wsUrl?: string };
  wecomWebhook?: { robots: Array<{ branchName: string; key: string }>; baseUrl?: string };
  dingtalk?: { clientId: string; clientSecret: string; robotCode?: string; apiBase?: string };
  feishu?: { appId: string; appSecret: string; domain?: string; allGroupMessages: boolean };
}

type ChannelEnv = z.infer<z.ZodObject<typeof channelSchema>>;

/** The configured channels; problems are Chinese and name the variable. */
function channelsOf(raw: ChannelEnv, problems: string[]): ChannelsConfig {
  const kinds: ChannelKind[] = [];
  for (const k of raw.CHANNELS) {
    if ((CHANNEL_KINDS as readonly string[]).includes(k)) kinds.push(k as ChannelKind);
    else problems.push(`CHANNELS: 未知渠道 "${k}"（可选：${CHANNEL_KINDS.join('、')}）`);
  }
  const need = (kind: ChannelKind, names: Array<keyof ChannelEnv>) => {
    if (!kinds.includes(kind)) return false;
    const missing = names.filter((n) => !raw[n]);
    for (const n of missing) problems.push(`${n}: 启用渠道 ${kind} 时必须设置`);
    return missing.length === 0;
  };
  const out: ChannelsConfig = { kinds };
  if (need('wecom', ['WECOM_BOT_ID', 'WECOM_BOT_SECRET']))
    out.wecom = { botId: raw.WECOM_BOT_ID!, secret: raw.WECOM_BOT_SECRET!, wsUrl: raw.WECOM_WS_URL };
  if (need('wecom-webhook', ['WECOM_WEBHOOK_ROBOTS'])) {
    const robots: Array<{ branchName: string; key: string }> = [];
    for (const entry of raw
      .WECOM_WEBHOOK_ROBOTS!.split(/[,，;；]/)
      .map((e) => e.trim())
      .filter(Boolean)) {
      const at = entry.lastIndexOf('=');
      const branchName = entry.slice(0, at).trim();
      const key = entry.slice(at + 1).trim();
      if (at <= 0 || !branchName || !/^[\w-]{8,}$/.test(key))
        problems.push('WECOM_WEBHOOK_ROBOTS: 每项应为「支部名称=webhook 的 key」，多项用逗号分隔');
      else robots.push({ branchName, key });
    }
    out.wecomWebhook = { robots, baseUrl: raw.WECOM_WEBHOOK_BASE };
  }
  if (need('dingtalk', ['DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET']))
    out.dingtalk = {
      clientId: raw.DINGTALK_CLIENT_ID!,
      clientSecret: raw.DINGTALK_CLIENT_SECRET!,
      robotCode: raw.DINGTALK_ROBOT_CODE,
      apiBase: raw.DINGTALK_API_BASE,
    };
  if (need('feishu', ['FEISHU_APP_ID', 'FEISHU_APP_SECRET'])) {
    // The SDK silently refuses to start with any other form.
    if (!/^cli_[0-9a-fA-F]{16}$/.test(raw.FEISHU_APP_ID!))
      problems.push('FEISHU_APP_ID: 应为 cli_ 加 16 位十六进制字符（飞书开放平台“凭证与基础信息”中的 App ID）');
    out.feishu = {
      appId: raw.FEISHU_APP_ID!,
      appSecret: raw.FEISHU_APP_SECRET!,
      domain: raw.FEISHU_DOMAIN,
      allGroupMessages: raw.FEISHU_ALL_GROUP_MESSAGES === 'true' || raw.FEISHU_ALL_GROUP_MESSAGES === '1',
    };
  }
  return out;
}
// ---- end of channels ----
/** host:port, comma-separated. */
const HOST_PORTS = /^[\w.-]+:\d+(?:\s*,\s*[\w.-]+:\d+)*$/;

const schema = z.object({
  REDIS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, '须以 redis:// 或 rediss:// 开头')
      .optional(),
  ),
  REDIS_PREFIX: z.string().trim().min(1, '不能为空（默认 zhibu:）').default('zhibu:'),
  // Scale (Redis deployments): Sentinel or Cluster instead of REDIS_URL.
  REDIS_SENTINELS: optionalText.pipe(z.string().regex(HOST_PORTS, '格式为 host:port,host:port').optional()),
  REDIS_SENTINEL_MASTER: z.string().trim().min(1, '不能为空（默认 mymaster）').default('mymaster'),
  REDIS_CLUSTER_NODES: optionalText.pipe(z.string().regex(HOST_PORTS, '格式为 host:port,host:port').optional()),
  // Scale (durability across failover): before a reply acknowledges a write, WAIT for this many replicas, at most
  // this long (Sentinel and Cluster only; 0 replicas turns it off).
  REDIS_WAIT_REPLICAS: intIn(1, 0, 10, '（副本数；0 为不等待）'),
  REDIS_WAIT_MS: intIn(500, 10, 10_000, '（毫秒）'),
  DATA_DIR: z.string().default('data'),
  CORPUS_DIR: z.string().default(path.join('knowledge', 'corpus')),
  WECHATY_PUPPET: optionalText.pipe(z.enum(PUPPETS, `只能是 ${PUPPETS.join('、')} 之一，或留空用控制台`).optional()),
  WECHATY_PUPPET_SERVICE_TOKEN: optionalText,
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(z.string().url('不是合法的 URL').optional()),
  CHAT_MODEL: optionalText,
  EMBEDDING_MODEL: optionalText,
  EMBEDDING_DIMENSIONS: intIn(undefined, 1, 16384).optional(),
  LLM_TIMEOUT_MS: intIn(8000, 100, 600_000, '（毫秒）'),
  LLM_MAX_RETRIES: intIn(1, 0, 5),
  TZ: z.string().default('Asia/Shanghai'),
  ADMIN_IDS: idList,
  BOT_NAME: z.string().trim().min(1, '不能为空（默认 支部助手）').default('支部助手'),
  // Beyond about one message a second WeChat's risk control restricts or bans the account (README, Risks).
  OUTBOX_RATE: intIn(20, 1, 60, '（每分钟条数；更快的发送会触发微信风控，可能被限制或封号）'),
  OUTBOX_DAILY_CAP: intIn(3000, 1, 20_000, '（每天条数）'),
  // Below about 100 characters a quoted clause with its citation no longer fits: every answer would be cut.
  ANSWER_MAX_CHARS: intIn(500, 100, 4000, '（字数；太短则引文和出处放不下）'),
  QUESTION_RATE_PER_MIN: intIn(5, 1, 600, '（每人每分钟提问次数）'),
  // The question log (knowledge): retention in days, and the key that hashes askers' ids (else a per-install salt)
  QUESTION_LOG_DAYS: intIn(180, 1, 3650, '（天）'),
  QUESTION_LOG_SECRET: optionalText,
  LOG_LEVEL: z.enum(LOG_LEVELS, `只能是 ${LOG_LEVELS.join('、')} 之一`).default('info'),
  // The web console (web/)
  WEB_ENABLED: z
    .enum(['0', '1', 'true', 'false'], '只能是 1、0、true 或 false')
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  WEB_HOST: z.string().trim().min(1, '不能为空（默认 127.0.0.1）').default('127.0.0.1'),
  WEB_PORT: intIn(8080, 0, 65535, '（端口号）'),
  PUBLIC_URL: optionalText.pipe(z.string().url('不是合法的 URL').optional()),
  WEB_UPLOAD_MAX_MB: intIn(20, 1, 200, '（MB）'),
  ...channelSchema,
});

export type RawConfig = z.infer<typeof schema>;

export interface Config {
  /**
   * Where Redis is: REDIS_URL, or `sentinel://h:p,h:p/master` (REDIS_SENTINELS) or `cluster://h:p,h:p`
   * (REDIS_CLUSTER_NODES), which ground/redis/connect.ts turns into the right client. Unset: embedded.
   */
  redisUrl?: string;
  redisPrefix: string;
  /** Sentinel/Cluster: replicas a write must reach before a reply acknowledges it, and the wait's bound. */
  redisWait: { replicas: number; timeoutMs: number };
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
  /** The question log: retention and the optional HMAC key for askers' ids. */
  questionLog: { retentionDays: number; secret?: string };
  logLevel: RawConfig['LOG_LEVEL'];
  /** The web console: served by the bot process (enabled) or alone with `zhibu web`. */
  web: { enabled: boolean; host: string; port: number; publicUrl?: string; uploadMaxBytes: number };
  channels: ChannelsConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误，请检查 .env 或环境变量：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; relative paths are resolved against the project root. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Any message zod would write in English is replaced by a Chinese one naming the value.
  const parsed = schema.safeParse(env, { error: (iss) => `“${String(iss.input ?? '')}”无效` });
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
  const channels = channelsOf(raw, problems);
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
    redisWait: { replicas: raw.REDIS_WAIT_REPLICAS, timeoutMs: raw.REDIS_WAIT_MS },
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
    questionLog: { retentionDays: raw.QUESTION_LOG_DAYS, secret: raw.QUESTION_LOG_SECRET },
    logLevel: raw.LOG_LEVEL,
    web: {
      enabled: raw.WEB_ENABLED,
      host: raw.WEB_HOST,
      port: raw.WEB_PORT,
      publicUrl: raw.PUBLIC_URL?.replace(/\/+$/, ''),
      uploadMaxBytes: raw.WEB_UPLOAD_MAX_MB * 1024 * 1024,
    },
    channels,
  };
}

/** Loads the project's .env into process.env once, at the entry point; variables already set win. */
export function loadEnvFile(file = path.join(PROJECT_ROOT, '.env')): void {
  if (fs.existsSync(file)) loadDotenv({ path: file, quiet: true });
}

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

const schema = z.object({
  REDIS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, '须以 redis:// 或 rediss:// 开头')
      .optional(),
  ),
  REDIS_PREFIX: z.string().default('zhibu:'),
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
  ...channelSchema,
});

export type RawConfig = z.infer<typeof schema>;

export interface Config {
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
  const channels = channelsOf(raw, problems);
  if (problems.length) throw new ConfigError(problems);
  const resolve = (p: string) => path.resolve(PROJECT_ROOT, p);
  return {
    redisUrl: raw.REDIS_URL,
    redisPrefix: raw.REDIS_PREFIX,
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
    channels,
  };
}

/** Loads the project's .env into process.env once, at the entry point; variables already set win. */
export function loadEnvFile(file = path.join(PROJECT_ROOT, '.env')): void {
  if (fs.existsSync(file)) loadDotenv({ path: file, quiet: true });
}

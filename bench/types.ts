import { createDeps, type BuiltDeps } from '../app/deps.js';
import { loadConfig } from '../ground/config.js';
import { silentLogger } from '../ground/logger.js';
import type { Redis } from '../ground/redis/connect.js';

// One benchmark figure. A suite returns several; bench/run.ts prints them and writes bench/results.json.
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "<= 15". */
  target?: string;
  /** True/false when a target applies. */
  pass?: boolean;
  /** Raw baseline measured in the same run, where one applies. */
  baseline?: { name: string; value: number; unit: string; ratio: number };
  note?: string;
}

export interface BenchSuite {
  name: string;
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

export interface BenchContext {
  /** A Redis started for the bench run (AOF on). */
  redisUrl: string;
  /** Scratch folder, removed afterwards. */
  tmpDir: string;
  log(line: string): void;
  /** Results of the suites that ran before this one in the same run (for ratios to their figures). */
  results: ReadonlyArray<BenchResult & { suite: string }>;
}

export function atMost(value: number, limit: number): Pick<BenchResult, 'target' | 'pass'> {
  return { target: `<= ${limit}`, pass: value <= limit };
}

export function atLeast(value: number, limit: number): Pick<BenchResult, 'target' | 'pass'> {
  return { target: `>= ${limit}`, pass: value >= limit };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** The one dependency object for a bench suite, built as the bot builds it, under its own prefix. */
export function benchDeps(
  ctx: Pick<BenchContext, 'redisUrl'>,
  prefix: string,
  botId: string,
  redis?: Redis,
): BuiltDeps {
  const config = loadConfig({
    REDIS_URL: ctx.redisUrl,
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    TZ: 'Asia/Shanghai',
  });
  return createDeps({ config, logger: silentLogger, redisUrl: ctx.redisUrl, botId, redis });
}

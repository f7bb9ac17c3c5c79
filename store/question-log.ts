// The question log: every question put to the answering core, in a Redis stream trimmed to QUESTION_LOG_DAYS.
// The asker is stored only as an HMAC of their id: keyed by QUESTION_LOG_SECRET, else by a random per-install
// salt kept in Redis, so a secretary sees repeat askers without the log holding anyone's WeChat id.
import { createHmac, randomBytes } from 'node:crypto';
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

export type QuestionOutcome = 'answer' | 'not-stated' | 'refusal';

export interface QuestionEntry {
  /** Raw id of the asker: hashed here, never stored. */
  askerId: string;
  /** Where it was asked: a group (with its room) or a private chat. */
  channel: 'group' | 'private';
  roomId?: string;
  branchId?: string;
  question: string;
  outcome: QuestionOutcome;
  /** Cited clauses, e.g. 《党章》第七条. */
  cited: string[];
  /** Time to the answer, ms. */
  ms: number;
}

export interface QuestionRecord extends Omit<QuestionEntry, 'askerId'> {
  id: string;
  at: number;
  /** HMAC-SHA256 of the asker's id, first 16 hex digits. */
  asker: string;
}

export interface QuestionLog {
  record(entry: QuestionEntry): Promise<void>;
  /** Oldest first, within the retention window. */
  list(opts?: { since?: number; until?: number; limit?: number }): Promise<QuestionRecord[]>;
  /** The hashed form of an asker id, as `record` stores it. */
  hashAsker(askerId: string): Promise<string>;
}

export interface QuestionLogOptions {
  retentionDays: number;
  /** QUESTION_LOG_SECRET; without it a per-install salt in Redis keys the hash. */
  secret?: string;
  clock?: { now(): number };
}

const DAY = 86_400_000;
const MAX_QUESTION = 500;

export function createQuestionLog(redis: Redis, prefix: string, opts: QuestionLogOptions): QuestionLog {
  const keys = storeKeys(prefix);
  const clock = opts.clock ?? Date;
  let key: Promise<string> | undefined;
  const hmacKey = () =>
    (key ??= opts.secret
      ? Promise.resolve(opts.secret)
      : (async () => {
          // SET NX: two processes starting together agree on one salt.
          await redis.set(keys.questionSalt, randomBytes(32).toString('hex'), 'NX');
          return (await redis.get(keys.questionSalt))!;
        })().catch((err: unknown) => {
          key = undefined;
          throw err;
        }));
  async function hashAsker(askerId: string): Promise<string> {
    return createHmac('sha256', await hmacKey())
      .update(askerId)
      .digest('hex')
      .slice(0, 16);
  }
  return {
    hashAsker,
    async record(entry) {
      const now = clock.now();
      const fields = [
        'at',
        String(now),
        'asker',
        await hashAsker(entry.askerId),
        'channel',
        entry.channel,
        'q',
        entry.question.slice(0, MAX_QUESTION),
        'outcome',
        entry.outcome,
        'ms',
        String(Math.round(entry.ms)),
      ];
      if (entry.roomId) fields.push('room', entry.roomId);
      if (entry.branchId) fields.push('branch', entry.branchId);
      if (entry.cited.length) fields.push('cited', entry.cited.join('\n'));
      const minId = String(Math.max(0, now - opts.retentionDays * DAY));
      // Ids carry the clock's milliseconds so retention trims by the time asked; a clock behind the stream's
      // last id (a skewed host) falls back to Redis's own id.
      try {
        await redis.xadd(keys.questions, 'MINID', minId, `${now}-*`, ...fields);
      } catch {
        await redis.xadd(keys.questions, 'MINID', minId, '*', ...fields);
      }
    },
    async list({ since, until, limit = 1000 } = {}) {
      const oldest = clock.now() - opts.retentionDays * DAY;
      const from = Math.max(since ?? 0, oldest);
      const rows = await redis.xrange(
        keys.questions,
        String(from),
        until !== undefined ? String(until) : '+',
        'COUNT',
        limit,
      );
      return rows
        .map(([id, flat]) => {
          const f: Record<string, string> = {};
          for (let i = 0; i + 1 < flat.length; i += 2) f[flat[i]!] = flat[i + 1]!;
          return {
            id,
            at: Number(f.at),
            asker: f.asker ?? '',
            channel: f.channel === 'group' ? ('group' as const) : ('private' as const),
            roomId: f.room,
            branchId: f.branch,
            question: f.q ?? '',
            outcome: (f.outcome ?? 'answer') as QuestionOutcome,
            cited: f.cited ? f.cited.split('\n') : [],
            ms: Number(f.ms ?? 0),
          };
        })
        .filter((r) => r.at >= oldest);
    },
  };
}

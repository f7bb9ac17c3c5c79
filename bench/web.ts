// The web console's page server time with 1,000 branches, 20,000 meetings and their attendance in Redis:
// 概览, a branch's meetings list and a meeting's 台账, each rendered in full through Fastify (inject: routing,
// session and role checks, Redis reads, the template), signed in as the branch's secretary.
import { randomBytes } from 'node:crypto';
import { silentLogger } from '../ground/logger.js';
import { connectRedis } from '../ground/redis/connect.js';
import { DEFAULT_ACK_WINDOW_MS } from '../domains/meetings/deps.js';
import { createMeetingQueue } from '../domains/meetings/queue.js';
import { createDueBuckets } from '../store/due-buckets.js';
import type { AttendanceStatus } from '../store/types.js';
import type { WebDeps } from '../web/deps.js';
import { buildWebApp } from '../web/server.js';
import { atMost, percentile, type BenchContext, type BenchResult, type BenchSuite, benchDeps } from './types.js';

const BRANCHES = 1_000;
const MEETINGS = 20_000;
const MEMBERS = 8;
const SAMPLES = 300;
const DAY = 86_400_000;

async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function seed(deps: WebDeps, log: (l: string) => void) {
  const { stores } = deps;
  const now = Date.now();
  const t0 = Date.now();
  const branches: Array<{ id: string; secretary: string; members: string[] }> = [];
  await pool(
    Array.from({ length: BRANCHES }, (_, i) => i),
    100,
    async (i) => {
      const { branch } = await stores.branches.ensure(`第${i + 1}党支部`);
      const members: string[] = [];
      for (let j = 0; j < MEMBERS; j++) {
        const { member } = await stores.members.upsert({
          name: `党员${i}-${j}`,
          branchId: branch.id,
          role: j === 0 ? 'secretary' : 'member',
          wechatId: `wx_${i}_${j}`,
        });
        members.push(member.id);
      }
      branches[i] = { id: branch.id, secretary: `wx_${i}_0`, members };
    },
  );
  const meetings: Array<{ id: string; branch: number }> = [];
  const perBranch = MEETINGS / BRANCHES;
  const statuses: AttendanceStatus[] = ['present', 'present', 'present', 'late', 'leave'];
  await pool(
    Array.from({ length: MEETINGS }, (_, i) => i),
    200,
    async (i) => {
      const b = i % BRANCHES;
      const k = Math.floor(i / BRANCHES);
      // Spread over the last six months and the next month; past meetings closed with their attendance.
      const startAt = now - 180 * DAY + Math.floor(((k + 0.5) * 210 * DAY) / perBranch);
      const past = startAt < now;
      const m = await stores.meetings.create(
        {
          branchId: branches[b]!.id,
          type: (['支部党员大会', '支部委员会', '党小组会', '党课'] as const)[k % 4]!,
          title: '会议',
          startAt,
          place: '会议室',
          groupOffsets: [DAY],
          secretaryOffsets: [],
          closeAfter: 30 * 60_000,
          escalateBefore: 0,
          createdBy: 'bench',
          status: past ? 'closed' : 'scheduled',
        },
        startAt - 7 * DAY,
      );
      meetings.push({ id: m.id, branch: b });
      if (!past) return;
      const ids = branches[b]!.members;
      await stores.attendance.setExpected(m.id, ids);
      await Promise.all(
        ids.slice(0, MEMBERS - 1).map((memberId, j) => {
          const status = statuses[(i + j) % statuses.length]!;
          return stores.attendance.set(m.id, {
            memberId,
            status,
            at: startAt - 60_000,
            text: status === 'leave' ? '请假 出差' : '签到',
            ...(status === 'leave' ? { reason: '出差' } : {}),
          });
        }),
      );
    },
  );
  log(`seeded ${BRANCHES} branches, ${BRANCHES * MEMBERS} members, ${MEETINGS} meetings in ${Date.now() - t0} ms`);
  return { branches, meetings };
}

export const webSuite: BenchSuite = {
  name: 'web',
  async run(ctx: BenchContext): Promise<BenchResult[]> {
    const prefix = 'bench-web:';
    const redis = connectRedis(ctx.redisUrl, { name: 'bench-web' });
    const base = benchDeps(ctx, prefix, 'bench_bot', redis);
    const queue = createMeetingQueue(redis, prefix, silentLogger);
    const deps: WebDeps = {
      ...base,
      meetings: { ...base, queue, buckets: createDueBuckets(redis, prefix), ackWindowMs: DEFAULT_ACK_WINDOW_MS },
      queues: [queue],
    };
    const app = await buildWebApp(deps);
    try {
      const { branches, meetings } = await seed(deps, ctx.log);
      // One session per sampled branch's secretary (as the one-time link would open it).
      const cookieOf = new Map<number, string>();
      const sessionFor = async (b: number) => {
        let c = cookieOf.get(b);
        if (!c) {
          const token = randomBytes(32).toString('base64url');
          await deps.stores.webAuth.saveSession(
            token,
            { wechatId: branches[b]!.secretary, createdAt: Date.now() },
            3600_000,
          );
          c = `zhibu_session=${token}`;
          cookieOf.set(b, c);
        }
        return c;
      };
      const pages: Array<[string, (i: number) => { url: string; branch: number }]> = [
        ['概览', (i) => ({ url: '/', branch: (i * 37) % BRANCHES })],
        ['meetings list', (i) => ({ url: '/meetings', branch: (i * 37) % BRANCHES })],
        [
          "a meeting's 台账",
          (i) => {
            // Past (closed) meetings: the full ledger with attendance.
            const m = meetings[(i * 7919) % (MEETINGS / 2)]!;
            return { url: `/meetings/${m.id}`, branch: m.branch };
          },
        ],
      ];
      const out: BenchResult[] = [];
      for (const [name, pick] of pages) {
        const times: number[] = [];
        for (let i = 0; i < SAMPLES + 20; i++) {
          const { url, branch } = pick(i);
          const cookie = await sessionFor(branch);
          const t = process.hrtime.bigint();
          const res = await app.inject({ method: 'GET', url, headers: { cookie } });
          const ms = Number(process.hrtime.bigint() - t) / 1e6;
          if (res.statusCode !== 200) throw new Error(`${url}: HTTP ${res.statusCode}`);
          if (i >= 20) times.push(ms); // the first requests warm the template cache and the JIT
        }
        times.sort((a, b) => a - b);
        const p95 = percentile(times, 95);
        ctx.log(`${name}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
        out.push({
          name: `web page ${name} p95 (1,000 branches, 20,000 meetings)`,
          value: p95,
          unit: 'ms',
          ...atMost(p95, 50),
          note: `p50 ${percentile(times, 50).toFixed(1)} ms over ${SAMPLES} requests`,
        });
      }
      return out;
    } finally {
      await app.close();
      await queue.close();
      await base.close();
      redis.disconnect();
    }
  },
};

// The burst the reliability tests deliver while something is killed: one branch per group room, REMINDERS
// meetings whose reminder falls due at one instant, and a broadcast to every room. Each scheduled send has an
// expected journal key `room|ident` (see bot-child.ts), so a test compares what was delivered with what was due.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBroadcastRuntime, type BroadcastRuntime } from '../../domains/broadcasts/runtime.js';
import { createMeeting, type OpsDeps } from '../../domains/meetings/ops.js';
import { createMeetingQueue } from '../../domains/meetings/queue.js';
import { systemClock } from '../../ground/clock.js';
import { silentLogger } from '../../ground/logger.js';
import type { Redis } from '../../ground/redis/connect.js';
import { createDueBuckets } from '../../store/due-buckets.js';
import { createStores, type Stores } from '../../store/index.js';
import { roomId } from './broadcast-world.js';
import { readJournal, type BotProcessEnv, type JournalEntry } from './bot-process.js';
import { testDeps } from './deps.js';
import { connectTestRedis, deletePrefix, randomPrefix, testRedisUrl } from './redis.js';

/** A size from the environment (a whole number), else the default. */
export function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  return raw && /^\d+$/.test(raw) ? Number(raw) : fallback;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** fn(0..n-1), `width` at a time. */
export async function inBatches(n: number, fn: (i: number) => Promise<unknown>, width = 25): Promise<void> {
  for (let i = 0; i < n; i += width)
    await Promise.all(Array.from({ length: Math.min(width, n - i) }, (_, k) => fn(i + k)));
}

export const roomsUpTo = (n: number) => Array.from({ length: n }, (_, i) => roomId(i + 1));

/** 第i党支部 bound to room i, for i = 1..rooms: each reminder then goes to exactly one room. Room → branch id. */
export async function seedBranchPerRoom(
  stores: Pick<Stores, 'branches' | 'rooms'>,
  rooms: number,
): Promise<Map<string, string>> {
  const branchIds: string[] = [];
  await inBatches(rooms, async (k) => {
    const i = k + 1;
    const { branch } = await stores.branches.ensure(`第${i}党支部`);
    await stores.branches.bindRoom(branch.id, roomId(i));
    await stores.rooms.note(roomId(i), `第${i}党小组群`);
    branchIds[k] = branch.id;
  });
  // In room order, so meeting i goes to room (i mod rooms) + 1 whatever order the batches finished in.
  return new Map(branchIds.map((id, k) => [roomId(k + 1), id]));
}

/**
 * `count` 党课 meetings spread over the rooms, each with one group reminder an hour ahead, all due at `due`.
 * Returns the meeting ids and the expected `room|remind:<id>` keys.
 */
export async function scheduleReminderBurst(
  ops: OpsDeps,
  branchOfRoom: ReadonlyMap<string, string>,
  count: number,
  due: number,
): Promise<{ meetingIds: string[]; expected: string[] }> {
  const rooms = [...branchOfRoom.keys()];
  const meetingIds: string[] = [];
  const expected: string[] = [];
  await inBatches(count, async (i) => {
    const room = rooms[i % rooms.length]!;
    const m = await createMeeting(ops, {
      branchId: branchOfRoom.get(room)!,
      type: '党课',
      title: `党课${i + 1}`,
      startAt: due + 3_600_000,
      groupOffsets: [3_600_000],
      secretaryOffsets: [],
      closeAfter: 86_400_000,
      escalateBefore: 0,
      createdBy: 'cli:test',
    });
    meetingIds.push(m.id);
    expected.push(`${room}|remind:${m.id}`);
  });
  return { meetingIds, expected };
}

/** One text broadcast to `rooms` at `at`; returns the expected `room|broadcast` keys. */
export async function scheduleBurstBroadcast(rt: BroadcastRuntime, rooms: string[], at: number): Promise<string[]> {
  await rt.service.create({
    kind: 'text',
    text: 'CRASH-BROADCAST 请各支部于本周五前报送学习材料',
    targets: ['全部'],
    rooms,
    schedule: { type: 'once', at },
    createdBy: 'cli:test',
    createdAt: Date.now(),
  });
  return rooms.map((r) => `${r}|broadcast`);
}

export const journalKeyOf = (e: Pick<JournalEntry, 'room' | 'ident'>) => `${e.room}|${e.ident}`;

/** Polls the journal until every expected key was delivered (phase D) or the timeout passes; then a settling pause. */
export async function waitForDeliveries(
  journal: Redis,
  key: string,
  expected: ReadonlySet<string>,
  timeoutMs = 150_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const delivered = new Set((await readJournal(journal, key)).filter((e) => e.phase === 'D').map(journalKeyOf));
    if ([...expected].every((x) => delivered.has(x))) break;
    await sleep(500);
  }
  // A repeat, if any, would be journalled just after the last first delivery.
  await sleep(1500);
}

/** How often each key was journalled in `phase`. */
export function countByKey(entries: readonly JournalEntry[], phase: JournalEntry['phase']): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of entries) if (e.phase === phase) counts.set(journalKeyOf(e), (counts.get(journalKeyOf(e)) ?? 0) + 1);
  return counts;
}

/**
 * The parent's side of a crash test on the run's Redis: it acts as the CLI would (writes records and jobs)
 * while bot processes started with `env` do all the sending, journalled under `env.JOURNAL_KEY`.
 */
export interface BurstWorld {
  prefix: string;
  env: BotProcessEnv;
  redis: Redis;
  stores: Stores;
  ops: OpsDeps;
  rt: BroadcastRuntime;
  branchOfRoom: Map<string, string>;
  close(): Promise<void>;
}

export async function openBurstWorld(label: string, rooms: number): Promise<BurstWorld> {
  const prefix = randomPrefix();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `zhibu-${label}-`));
  const env: BotProcessEnv = {
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    DATA_DIR: dataDir,
    ROOMS: rooms,
    RATE: 3000,
    JOURNAL_KEY: `${prefix}test:journal`,
  };
  const redis = connectTestRedis();
  const stores = createStores(redis, prefix);
  // One branch per group, so each reminder goes to exactly one room.
  const branchOfRoom = await seedBranchPerRoom(stores, rooms);
  const base = testDeps({ redis, prefix, botId: 'wxid_bot' });
  const queue = createMeetingQueue(redis, prefix, silentLogger);
  const rt = createBroadcastRuntime(base, { botId: 'wxid_bot' });
  const ops = { stores, queue, buckets: createDueBuckets(redis, prefix), clock: systemClock };
  return {
    prefix,
    env,
    redis,
    stores,
    ops,
    rt,
    branchOfRoom,
    async close() {
      await rt.close();
      await queue.close();
      await base.outbox.close();
      await deletePrefix(redis, prefix);
      redis.disconnect();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

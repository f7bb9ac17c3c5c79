// kill -9 of Redis (this file's own redis-server, AOF on, appendfsync everysec) after acknowledged writes of
// meetings, check-ins and scheduled jobs made through the running bot; restarted from the same directory on
// the same port. Every acknowledged record and job is there, and the bot, never restarted, reconnects by
// itself and carries on: a reminder scheduled before the crash is delivered after it, the check-ins are
// acknowledged (the rolling acknowledgement is a delayed job that may fall either side of the crash), and new
// check-ins and commands work.
// About the AOF's 1 s window: appendfsync everysec bounds what a crash of the MACHINE (power, kernel) can lose;
// a kill -9 of redis-server alone loses only what Redis had not yet written to the kernel. The test still waits
// until 1.2 s after the last acknowledged write and until INFO shows no fsync pending, so it holds even under
// the stricter reading, and says nothing about machine crashes (that would need appendfsync always or WAITAOF).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../ground/redis/embedded.js';
import { connectRedis, type Redis } from '../../ground/redis/connect.js';
import { featureFactories } from '../../bot/features.js';
import { createMeeting } from '../../domains/meetings/ops.js';
import { createMeetingQueue, type MeetingQueue } from '../../domains/meetings/queue.js';
import { createDueBuckets } from '../../store/due-buckets.js';
import { createStores, type Stores } from '../../store/index.js';
import type { Branch } from '../../store/types.js';
import { defaultSpec, startTestBot, type TestBot } from '../helpers/mock-wechaty.js';
import { diffSnapshots, snapshot, type Snapshot } from '../helpers/redis-snapshot.js';

const ROOM = 'room-1@chatroom';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-redis-crash-'));
let server: EmbeddedRedis;
let t: TestBot;
let probe: Redis;
let stores: Stores;
let branch: Branch;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Keys that change on their own while nothing is written: BullMQ's event streams, stalled-check marks and locks.
const VOLATILE = [/:events$/, /:stalled-check$/, /:stalled$/, /:lock$/, /^seen:/, /:meta$/];

beforeAll(async () => {
  server = await startEmbeddedRedis({ dir: path.join(dir, 'redis') });
  probe = connectRedis(server.url, { name: 'probe' });
  t = await startTestBot({
    spec: defaultSpec(),
    features: featureFactories,
    env: { REDIS_URL: server.url, ADMIN_IDS: 'wxid_admin' },
    answerer: {
      answer: async (q) => ({
        text: `答：${q}（《实施方案》第16条）`,
        citations: [],
        refused: false,
        sources: [],
        mode: 'extractive',
      }),
    },
  });
  stores = createStores(t.app.deps.redis, t.prefix);
  ({ branch } = await stores.branches.ensure('第一党支部'));
  await stores.branches.bindRoom(branch.id, ROOM);
  for (const [name, wechatId, role] of [
    ['王书记', 'wxid_wang', 'secretary'],
    ['张三', 'wxid_zhang', 'member'],
    ['李四', 'wxid_li', 'member'],
    ['王五', 'wxid_wangwu', 'member'],
    ['赵六', 'wxid_zhao', 'member'],
  ] as const) {
    await stores.members.upsert({ name, branchId: branch.id, role, wechatId });
  }
}, 60_000);

afterAll(async () => {
  await t?.close();
  probe?.disconnect();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A snapshot without the check-in acknowledgement jobs: their keys, their members of a zset (the delayed set) and of a
 * list (the queue's active and wait lists: on a loaded machine the ack may be running when a snapshot is taken); a list
 * left empty counts as absent, as Redis deletes an empty list.
 */
function withoutAckJobs(snap: Snapshot): Snapshot {
  const ack = /-ack-/;
  const out: Snapshot = new Map();
  for (const [key, value] of snap) {
    if (ack.test(key)) continue;
    if (value.startsWith('list:')) {
      const kept = (JSON.parse(value.slice('list:'.length)) as string[]).filter((id) => !ack.test(id));
      if (kept.length) out.set(key, `list:${JSON.stringify(kept)}`);
      continue;
    }
    if (!value.startsWith('zset:')) {
      out.set(key, value);
      continue;
    }
    const flat = JSON.parse(value.slice('zset:'.length)) as string[];
    const kept = flat.filter((_, i) => !ack.test(flat[i - (i % 2)]!));
    out.set(key, `zset:${JSON.stringify(kept)}`);
  }
  return out;
}

async function fsyncSettled(): Promise<void> {
  await sleep(1200);
  for (let i = 0; i < 50; i++) {
    const info = await probe.info('persistence');
    if (/aof_pending_bio_fsync:0/.test(info) && /aof_last_write_status:ok/.test(info)) return;
    await sleep(100);
  }
  throw new Error('AOF fsync still pending');
}

describe('Redis killed with kill -9 and restarted from its AOF', () => {
  it('keeps every acknowledged meeting, check-in and job; the running bot reconnects and carries on', async () => {
    const queue: MeetingQueue = createMeetingQueue(t.app.deps.redis, t.prefix, t.app.deps.logger);
    const ops = { stores, queue, buckets: createDueBuckets(t.app.deps.redis, t.prefix), clock: t.app.deps.clock };
    // 1. A meeting created in the chat by the secretary (acknowledged by the bot's reply).
    t.post('王书记', '/会议 新建 党课 明天下午3点 三楼会议室 主题：学习党章', { roomId: ROOM });
    const created = await t.waitFor((s) => s.roomId === ROOM && s.text.includes('已创建会议'));
    const chatMeetingId = /编号 (\d+)/.exec(created.text)![1]!;
    // 2. A meeting whose check-in window is open now, and four check-ins (one leave) recorded.
    const open = await createMeeting(ops, {
      branchId: branch.id,
      type: '党小组会',
      title: '党小组会',
      startAt: Date.now() + 20 * 60_000,
      groupOffsets: [3_600_000],
      secretaryOffsets: [],
      closeAfter: 3_600_000,
      escalateBefore: 0,
      createdBy: 'wxid_wang',
    });
    t.post('张三', '签到', { roomId: ROOM });
    t.post('李四', '到', { roomId: ROOM });
    t.post('王五', '请假 出差在外', { roomId: ROOM });
    for (let i = 0; i < 100 && (await stores.attendance.list(open.id)).length < 3; i++) await sleep(50);
    expect((await stores.attendance.list(open.id)).map((a) => a.status).sort()).toEqual([
      'leave',
      'present',
      'present',
    ]);
    // 3. A meeting whose reminder is due 15 s from now: it will fire after the crash.
    const remindAt = Date.now() + 15_000;
    const later = await createMeeting(ops, {
      branchId: branch.id,
      type: '党课',
      title: '崩溃后提醒',
      startAt: remindAt + 3_600_000,
      groupOffsets: [3_600_000],
      secretaryOffsets: [],
      closeAfter: 3_600_000,
      escalateBefore: 0,
      createdBy: 'wxid_wang',
    });

    // Acknowledged. Let the AOF settle, take a snapshot, crash Redis.
    await fsyncSettled();
    const before = await snapshot(probe, t.prefix, VOLATILE);
    const delayedBefore = (await queue.getDelayed()).map((j) => j.id).sort();
    expect(delayedBefore.length).toBeGreaterThanOrEqual(3);
    await server.kill();
    const downAt = Date.now();
    await sleep(1500); // the bot notices: its connections fail and retry
    server = await startEmbeddedRedis({ dir: server.dir, port: server.port });
    process.stdout.write(
      `[redis-crash] redis-server down ${Date.now() - downAt} ms, restarted from its AOF on port ${server.port}\n`,
    );

    // Every acknowledged record and job is there, unchanged. The check-ins' acknowledgement job (…-ack-…) is due
    // ~10 s after the first check-in: it may come due while Redis is down and be promoted the moment it is back, so
    // its hash and its place in the delayed set are left out here; the ack itself is awaited below.
    const after = await snapshot(probe, t.prefix, VOLATILE);
    const diff = diffSnapshots(withoutAckJobs(before), withoutAckJobs(after));
    expect(diff.removed).toEqual([]);
    expect(diff.changed.filter((k) => !/^outbox|^rl:|^audit$|^questions$/.test(k))).toEqual([]);
    expect((await stores.meetings.get(chatMeetingId))?.topic).toBe('学习党章');
    expect(await stores.meetings.get(later.id)).toMatchObject({ title: '崩溃后提醒', status: 'scheduled' });
    expect((await stores.attendance.list(open.id)).length).toBe(3);
    expect((await queue.getDelayed()).map((j) => j.id).sort()).toEqual(
      expect.arrayContaining(delayedBefore.filter((id) => !id?.includes('-ack-'))),
    );

    // The bot carries on by itself: the check-ins are acknowledged, a new check-in is taken, the reminder
    // scheduled before the crash is delivered, and a command is answered.
    await t.waitFor((s) => s.roomId === ROOM && s.text.includes('签到') && s.text.includes('张三'), 20_000);
    t.post('赵六', '签到', { roomId: ROOM });
    for (let i = 0; i < 200 && (await stores.attendance.list(open.id)).length < 4; i++) await sleep(50);
    expect((await stores.attendance.list(open.id)).length).toBe(4);
    const reminder = await t.waitFor(
      (s) => s.roomId === ROOM && s.text.includes('【会议提醒】') && s.text.includes(`编号 ${later.id}`),
      30_000,
    );
    expect(reminder.at).toBeGreaterThanOrEqual(remindAt - 100);
    process.stdout.write(
      `[redis-crash] reminder scheduled before the crash delivered ${reminder.at - remindAt} ms after its due time\n`,
    );
    t.post('王书记', '/会议 列表', { roomId: ROOM });
    await t.waitFor((s) => s.roomId === ROOM && s.text.includes('崩溃后提醒'), 10_000);
    await sleep(1000);
    expect(
      t.saidIn(ROOM).filter((s) => s.text.includes(`编号 ${later.id}`) && s.text.includes('【会议提醒】')),
    ).toHaveLength(1);
    await queue.close();
  }, 90_000);
});

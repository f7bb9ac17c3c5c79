// A bot process killed with kill -9 in the middle of a broadcast's fan-out, then restarted: every room
// gets the message, and none twice except at most the one that was in flight.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../ground/config.js';
import type { Redis } from '../../../ground/redis/connect.js';
import { createBroadcastRuntime, type BroadcastRuntime } from '../../../domains/broadcasts/runtime.js';
import type { OutboxHandle } from '../../../jobs/outbox/producer.js';
import { roomId, seedBranches } from '../../helpers/broadcast-world.js';
import { connectTestRedis, deletePrefix, randomPrefix, testRedisUrl } from '../../helpers/redis.js';
import { testDeps } from '../../helpers/deps.js';

const ROOMS = 40;
const prefix = randomPrefix();
const saidKey = `${prefix}test:said`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-crash-'));
let redis: Redis;
let outbox: OutboxHandle;
let rt: BroadcastRuntime;
const children: ChildProcess[] = [];

function startChild(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(PROJECT_ROOT, 'tests/helpers/broadcast-child.ts')],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        DATA_DIR: dataDir,
        ROOMS: String(ROOMS),
        RATE: '600',
        SAID_KEY: saidKey,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`child exited early (${code}): ${err}`)));
  });
}

const said = async () => (await redis.lrange(saidKey, 0, -1)).map((l) => l.split('|')[0]!);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  redis = connectTestRedis();
  await seedBranches(redis, prefix, ROOMS);
  // The parent only creates the broadcast, as the CLI would; the child process does all the work.
  const base = testDeps({ redis, prefix, botId: 'wxid_bot' });
  outbox = base.outbox;
  rt = createBroadcastRuntime(base, { botId: 'wxid_bot' });
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await rt.close();
  await outbox.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('broadcast across a crash', () => {
  it('after kill -9 and a restart every room has the message, at most one twice', async () => {
    const first = await startChild();
    const b = await rt.service.create({
      kind: 'text',
      text: '请各支部于本周五前报送学习材料',
      targets: ['全部'],
      rooms: Array.from({ length: ROOMS }, (_, i) => roomId(i + 1)),
      schedule: { type: 'once', at: Date.now() },
      createdBy: 'cli:test',
      createdAt: Date.now(),
    });
    while ((await said()).length < ROOMS / 3) await sleep(20);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = (await said()).length;
    expect(atKill).toBeLessThan(ROOMS);

    await startChild();
    const deadline = Date.now() + 90_000;
    while (new Set(await said()).size < ROOMS && Date.now() < deadline) await sleep(200);
    await sleep(1500);
    const rooms = await said();
    const counts = new Map<string, number>();
    for (const r of rooms) counts.set(r, (counts.get(r) ?? 0) + 1);
    expect(counts.size).toBe(ROOMS);
    expect([...counts.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(1);
    expect(rooms.length).toBeLessThanOrEqual(ROOMS + 1);
    // The run settles: the report counts every room as sent.
    let report = await rt.deps.stores.broadcasts.report(b.id, '1');
    while (report.sent < ROOMS && Date.now() < deadline) {
      await sleep(500);
      report = await rt.deps.stores.broadcasts.report(b.id, '1');
    }
    expect(report).toMatchObject({ total: ROOMS, sent: ROOMS, failed: 0, skipped: 0 });
  }, 120_000);
});

// Broadcast records and per-run, per-room delivery states in Redis.
import type { Redis } from '../ground/redis/connect.js';
import type { Broadcast, BroadcastStatus, RoomState, RunReport } from './broadcast-types.js';
import { storeKeys } from './keys.js';

export type NewBroadcast = Omit<Broadcast, 'id' | 'status' | 'runs' | 'lastRun'> & { status?: BroadcastStatus };

export interface BroadcastStore {
  create(input: NewBroadcast): Promise<Broadcast>;
  get(id: string): Promise<Broadcast | undefined>;
  /** Newest first. */
  list(limit?: number): Promise<Broadcast[]>;
  setStatus(id: string, status: BroadcastStatus): Promise<void>;
  /** The status alone: one HGET, no parse of the record (whose rooms can number 50,000). */
  status(id: string): Promise<BroadcastStatus | undefined>;
  /** Records a run's rooms as queued; idempotent (a retried run keeps the states it reached). */
  startRun(id: string, run: string, rooms: string[], now: number): Promise<void>;
  /** Rooms of a run and their states. */
  roomStates(id: string, run: string): Promise<Map<string, RoomState>>;
  /** Moves rooms to a state; only rooms still queued move unless force is set. */
  markRooms(
    id: string,
    run: string,
    rooms: string[],
    state: RoomState,
    reason?: string,
    force?: boolean,
  ): Promise<number>;
  report(id: string, run: string): Promise<RunReport>;
  finishRun(id: string, run: string, now: number): Promise<void>;
  /** True for exactly one caller per run: whoever sends the delivery report. */
  claimReport(id: string, run: string): Promise<boolean>;
}

const START_CHUNK = 5000;

const QUEUE_NEW_ROOMS = `
for i = 1, #ARGV do redis.call('HSETNX', KEYS[1], ARGV[i], 'queued') end
return #ARGV`;

// KEYS: the run's room states, its failure reasons. ARGV: the new state, the reason, 'force' or '-', then the rooms.
// (Values go as ARGV: in a Cluster every KEY must hash to the records' slot.)
const MOVE_IF_QUEUED = `
local n = 0
for i = 4, #ARGV do
  local cur = redis.call('HGET', KEYS[1], ARGV[i])
  if cur == 'queued' or (ARGV[3] == 'force' and cur) then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[1])
    if ARGV[1] == 'failed' and ARGV[2] ~= '' then redis.call('HSET', KEYS[2], ARGV[i], ARGV[2]) end
    n = n + 1
  end
end
return n`;

export function createBroadcastStore(redis: Redis, prefix: string): BroadcastStore {
  const keys = storeKeys(prefix);
  const k = {
    seq: keys.broadcastSeq,
    all: keys.broadcasts,
    rec: keys.broadcast,
    rooms: keys.broadcastRunRooms,
    reasons: keys.broadcastRunReasons,
    meta: keys.broadcastRunMeta,
  };

  async function get(id: string): Promise<Broadcast | undefined> {
    const raw = await redis.hget(k.rec(id), 'json');
    if (!raw) return undefined;
    const b = JSON.parse(raw) as Broadcast;
    const [status, runs, lastRun] = await redis.hmget(k.rec(id), 'status', 'runs', 'lastRun');
    return {
      ...b,
      status: (status as BroadcastStatus) ?? b.status,
      runs: Number(runs ?? 0),
      lastRun: lastRun ?? undefined,
    };
  }

  return {
    async create(input) {
      const id = String(await redis.incr(k.seq));
      const b: Broadcast = {
        ...input,
        id,
        status: input.status ?? (input.schedule.type === 'once' ? 'scheduled' : 'active'),
        runs: 0,
      };
      await redis
        .multi()
        .hset(k.rec(id), { json: JSON.stringify(b), status: b.status, runs: '0' })
        .zadd(k.all, Number(id), id)
        .exec();
      return b;
    },
    get,
    async list(limit = 20) {
      const ids = await redis.zrevrange(k.all, 0, limit - 1);
      return (await Promise.all(ids.map(get))).filter((b): b is Broadcast => !!b);
    },
    async setStatus(id, status) {
      await redis.hset(k.rec(id), 'status', status);
    },
    async status(id) {
      return ((await redis.hget(k.rec(id), 'status')) as BroadcastStatus | null) ?? undefined;
    },
    async startRun(id, run, rooms, now) {
      const isNew = await redis.hsetnx(k.meta(id, run), 'startedAt', String(now));
      // HSETNX keeps the state a retried run reached; one script call per chunk rather than a command per room.
      for (let i = 0; i < rooms.length; i += START_CHUNK)
        await redis.eval(QUEUE_NEW_ROOMS, 1, k.rooms(id, run), ...rooms.slice(i, i + START_CHUNK));
      if (isNew) await redis.multi().hincrby(k.rec(id), 'runs', 1).hset(k.rec(id), 'lastRun', run).exec();
    },
    async roomStates(id, run) {
      const h = await redis.hgetall(k.rooms(id, run));
      return new Map(Object.entries(h) as Array<[string, RoomState]>);
    },
    async markRooms(id, run, rooms, state, reason, force = false) {
      if (!rooms.length) return 0;
      // Only the two hashes are keys (one slot in a Cluster); the state and the reason are arguments.
      const args = [state, reason ?? '', force ? 'force' : '-'];
      return (await redis.eval(MOVE_IF_QUEUED, 2, k.rooms(id, run), k.reasons(id, run), ...args, ...rooms)) as number;
    },
    async report(id, run) {
      const [states, reasons, meta] = await Promise.all([
        redis.hgetall(k.rooms(id, run)),
        redis.hgetall(k.reasons(id, run)),
        redis.hgetall(k.meta(id, run)),
      ]);
      const r: RunReport = {
        broadcastId: id,
        run,
        total: 0,
        queued: 0,
        sent: 0,
        failed: 0,
        skipped: 0,
        failures: {},
        startedAt: meta.startedAt ? Number(meta.startedAt) : undefined,
        finishedAt: meta.finishedAt ? Number(meta.finishedAt) : undefined,
        reported: meta.reported === '1',
      };
      for (const [room, state] of Object.entries(states)) {
        r.total += 1;
        r[state as RoomState] += 1;
        if (state === 'failed') r.failures[room] = reasons[room] ?? '未知原因';
      }
      return r;
    },
    async finishRun(id, run, now) {
      await redis.hsetnx(k.meta(id, run), 'finishedAt', String(now));
    },
    async claimReport(id, run) {
      return (await redis.hsetnx(k.meta(id, run), 'reported', '1')) === 1;
    },
  };
}

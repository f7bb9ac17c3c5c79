// Branches (党支部): name, bound rooms, secretaries, per-branch reminder settings.
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';
import { DEFAULT_SETTINGS, type Branch, type BranchSettings } from './types.js';

export interface BranchStore {
  /** Creates the branch if no branch has that name; returns it either way. */
  ensure(name: string, now?: number): Promise<{ branch: Branch; created: boolean }>;
  get(id: string): Promise<Branch | undefined>;
  getByName(name: string): Promise<Branch | undefined>;
  list(): Promise<Branch[]>;
  /** Binds a room to a branch (a room belongs to one branch; rebinding moves it). */
  bindRoom(branchId: string, roomId: string): Promise<void>;
  unbindRoom(roomId: string): Promise<void>;
  /** The branch a room is bound to. */
  branchOfRoom(roomId: string): Promise<Branch | undefined>;
  /** Just the id of the room's branch (one round trip; for hot paths). */
  branchIdOfRoom(roomId: string): Promise<string | undefined>;
  /** All room ids of a branch (broadcast targets). */
  rooms(branchId: string): Promise<string[]>;
  addSecretary(branchId: string, wechatId: string): Promise<void>;
  removeSecretary(branchId: string, wechatId: string): Promise<void>;
  /** Branch ids where this WeChat id is a secretary. */
  branchesOfSecretary(wechatId: string): Promise<string[]>;
  updateSettings(branchId: string, patch: Partial<BranchSettings>): Promise<BranchSettings>;
}

export function createBranchStore(redis: Redis, prefix: string): BranchStore {
  const keys = storeKeys(prefix);
  const k = {
    seq: keys.branchSeq,
    all: keys.branches,
    byName: keys.branchByName,
    roomBranch: keys.roomBranch,
    hash: keys.branch,
    rooms: keys.branchRooms,
    secretaries: keys.branchSecretaries,
    secretaryOf: keys.secretaryBranches,
  };

  async function get(id: string): Promise<Branch | undefined> {
    const [h, rooms, secs] = await Promise.all([
      redis.hgetall(k.hash(id)),
      redis.smembers(k.rooms(id)),
      redis.smembers(k.secretaries(id)),
    ]);
    if (!h.name) return undefined;
    const settings = {
      ...DEFAULT_SETTINGS,
      ...(h.settings ? (JSON.parse(h.settings) as Partial<BranchSettings>) : {}),
    };
    return {
      id,
      name: h.name,
      rooms: rooms.sort(),
      secretaries: secs.sort(),
      settings,
      createdAt: Number(h.createdAt),
    };
  }

  return {
    async ensure(name, now = Date.now()) {
      const clean = name.trim();
      const existing = await redis.hget(k.byName, clean);
      if (existing) return { branch: (await get(existing))!, created: false };
      const id = String(await redis.incr(k.seq));
      // HSETNX makes a concurrent ensure of the same name converge on one id.
      const won = await redis.hsetnx(k.byName, clean, id);
      if (!won) return { branch: (await get((await redis.hget(k.byName, clean))!))!, created: false };
      await redis
        .multi()
        .hset(k.hash(id), { name: clean, createdAt: String(now) })
        .sadd(k.all, id)
        .exec();
      return { branch: (await get(id))!, created: true };
    },
    get,
    async getByName(name) {
      const id = await redis.hget(k.byName, name.trim());
      return id ? get(id) : undefined;
    },
    async list() {
      const ids = await redis.smembers(k.all);
      const all = await Promise.all(ids.map(get));
      return all.filter((b): b is Branch => !!b).sort((a, b) => Number(a.id) - Number(b.id));
    },
    async bindRoom(branchId, roomId) {
      const previous = await redis.hget(k.roomBranch, roomId);
      const tx = redis.multi();
      if (previous && previous !== branchId) tx.srem(k.rooms(previous), roomId);
      await tx.hset(k.roomBranch, roomId, branchId).sadd(k.rooms(branchId), roomId).exec();
    },
    async unbindRoom(roomId) {
      const previous = await redis.hget(k.roomBranch, roomId);
      if (!previous) return;
      await redis.multi().hdel(k.roomBranch, roomId).srem(k.rooms(previous), roomId).exec();
    },
    async branchOfRoom(roomId) {
      const id = await redis.hget(k.roomBranch, roomId);
      return id ? get(id) : undefined;
    },
    async branchIdOfRoom(roomId) {
      return (await redis.hget(k.roomBranch, roomId)) ?? undefined;
    },
    async rooms(branchId) {
      return (await redis.smembers(k.rooms(branchId))).sort();
    },
    async addSecretary(branchId, wechatId) {
      await redis.multi().sadd(k.secretaries(branchId), wechatId).sadd(k.secretaryOf(wechatId), branchId).exec();
    },
    async removeSecretary(branchId, wechatId) {
      await redis.multi().srem(k.secretaries(branchId), wechatId).srem(k.secretaryOf(wechatId), branchId).exec();
    },
    async branchesOfSecretary(wechatId) {
      return (await redis.smembers(k.secretaryOf(wechatId))).sort();
    },
    async updateSettings(branchId, patch) {
      const current = (await get(branchId))?.settings ?? DEFAULT_SETTINGS;
      const next = { ...current, ...patch };
      await redis.hset(k.hash(branchId), 'settings', JSON.stringify(next));
      return next;
    },
  };
}

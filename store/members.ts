// Members (党员) of branches: name, branch, role, status and, once matched, their WeChat id.
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';
import {
  directoryKey,
  type DirectoryIds,
  type DirectoryKind,
  type Member,
  type MemberRole,
  type MemberStatus,
} from './types.js';

export interface MemberInput {
  name: string;
  branchId: string;
  role?: MemberRole;
  status?: MemberStatus;
  wechatId?: string;
  /** Merged into the member's directory ids (a kind given replaces that kind's id). */
  directoryIds?: DirectoryIds;
  phone?: string;
  note?: string;
}

export interface MemberStore {
  /** Adds a member, or updates the one with the same name in the same branch. */
  upsert(input: MemberInput, now?: number): Promise<{ member: Member; created: boolean }>;
  get(id: string): Promise<Member | undefined>;
  getByWechat(wechatId: string): Promise<Member | undefined>;
  /** The member holding this verified directory id, if any. */
  getByDirectory(kind: DirectoryKind, id: string): Promise<Member | undefined>;
  /** Members with exactly this name, in one branch or all. */
  findByName(name: string, branchId?: string): Promise<Member[]>;
  listByBranch(branchId: string, opts?: { activeOnly?: boolean }): Promise<Member[]>;
  /** Binds a WeChat id to a member (moving it off any other member). */
  bindWechat(memberId: string, wechatId: string): Promise<Member>;
  unbindWechat(memberId: string): Promise<void>;
  update(memberId: string, patch: Partial<Pick<Member, 'role' | 'status' | 'phone' | 'note'>>): Promise<Member>;
  remove(memberId: string): Promise<void>;
}

export function createMemberStore(redis: Redis, prefix: string): MemberStore {
  const k = storeKeys(prefix);

  async function get(id: string): Promise<Member | undefined> {
    const raw = await redis.get(k.member(id));
    return raw ? (JSON.parse(raw) as Member) : undefined;
  }

  async function many(ids: string[]): Promise<Member[]> {
    if (!ids.length) return [];
    const raws = await redis.mget(...ids.map(k.member));
    return raws.filter((r): r is string => !!r).map((r) => JSON.parse(r) as Member);
  }

  /** Writes the record and keeps the wechat index and the branch's secretary set in step. */
  async function save(next: Member, previous?: Member): Promise<void> {
    const tx = redis
      .multi()
      .set(k.member(next.id), JSON.stringify(next))
      .sadd(k.branchMembers(next.branchId), next.id)
      .sadd(k.memberByName(next.name), next.id);
    if (previous?.wechatId && previous.wechatId !== next.wechatId) tx.hdel(k.memberByWechat, previous.wechatId);
    if (previous?.wechatId)
      tx.srem(k.branchSecretaries(previous.branchId), previous.wechatId).srem(
        k.secretaryBranches(previous.wechatId),
        previous.branchId,
      );
    if (next.wechatId) tx.hset(k.memberByWechat, next.wechatId, next.id);
    for (const [kind, id] of dirEntries(previous?.directoryIds))
      if (next.directoryIds?.[kind] !== id) tx.hdel(k.memberByDirectory, directoryKey(kind, id));
    for (const [kind, id] of dirEntries(next.directoryIds))
      tx.hset(k.memberByDirectory, directoryKey(kind, id), next.id);
    if (next.wechatId && next.role === 'secretary' && next.status === 'active') {
      tx.sadd(k.branchSecretaries(next.branchId), next.wechatId).sadd(
        k.secretaryBranches(next.wechatId),
        next.branchId,
      );
    }
    await tx.exec();
  }

  async function findByName(name: string, branchId?: string): Promise<Member[]> {
    const all = await many(await redis.smembers(k.memberByName(name.trim())));
    return all.filter((m) => m.name === name.trim() && (!branchId || m.branchId === branchId)).sort(byId);
  }

  async function mustGet(id: string): Promise<Member> {
    const m = await get(id);
    if (!m) throw new Error(`member ${id} not found`);
    return m;
  }

  return {
    async upsert(input, now = Date.now()) {
      const [existing] = await findByName(input.name, input.branchId);
      if (existing) {
        const next: Member = {
          ...existing,
          role: input.role ?? existing.role,
          status: input.status ?? existing.status,
          phone: input.phone ?? existing.phone,
          note: input.note ?? existing.note,
          wechatId: input.wechatId ?? existing.wechatId,
          directoryIds: mergeDirectory(existing.directoryIds, input.directoryIds),
        };
        await save(next, existing);
        return { member: next, created: false };
      }
      const id = String(await redis.incr(k.memberSeq));
      const member: Member = {
        id,
        name: input.name.trim(),
        branchId: input.branchId,
        role: input.role ?? 'member',
        status: input.status ?? 'active',
        wechatId: input.wechatId,
        directoryIds: mergeDirectory(undefined, input.directoryIds),
        phone: input.phone,
        note: input.note,
        createdAt: now,
      };
      if (member.wechatId) await unbindHolder(member.wechatId);
      await save(member);
      return { member, created: true };
    },
    get,
    async getByWechat(wechatId) {
      const id = await redis.hget(k.memberByWechat, wechatId);
      return id ? get(id) : undefined;
    },
    async getByDirectory(kind, id) {
      const memberId = await redis.hget(k.memberByDirectory, directoryKey(kind, id));
      return memberId ? get(memberId) : undefined;
    },
    findByName,
    async listByBranch(branchId, opts = {}) {
      const all = await many(await redis.smembers(k.branchMembers(branchId)));
      return all.filter((m) => !opts.activeOnly || m.status === 'active').sort(byId);
    },
    async bindWechat(memberId, wechatId) {
      const member = await mustGet(memberId);
      await unbindHolder(wechatId, memberId);
      const next = { ...member, wechatId };
      await save(next, member);
      return next;
    },
    async unbindWechat(memberId) {
      const member = await mustGet(memberId);
      await save({ ...member, wechatId: undefined }, member);
    },
    async update(memberId, patch) {
      const member = await mustGet(memberId);
      const next = { ...member, ...patch };
      await save(next, member);
      return next;
    },
    async remove(memberId) {
      const m = await get(memberId);
      if (!m) return;
      const tx = redis
        .multi()
        .del(k.member(m.id))
        .srem(k.branchMembers(m.branchId), m.id)
        .srem(k.memberByName(m.name), m.id);
      if (m.wechatId)
        tx.hdel(k.memberByWechat, m.wechatId)
          .srem(k.branchSecretaries(m.branchId), m.wechatId)
          .srem(k.secretaryBranches(m.wechatId), m.branchId);
      for (const [kind, id] of dirEntries(m.directoryIds)) tx.hdel(k.memberByDirectory, directoryKey(kind, id));
      await tx.exec();
    },
  };

  /** A WeChat id belongs to one member: take it off whoever held it. */
  async function unbindHolder(wechatId: string, except?: string): Promise<void> {
    const holderId = await redis.hget(k.memberByWechat, wechatId);
    if (!holderId || holderId === except) return;
    const holder = await get(holderId);
    if (holder) await save({ ...holder, wechatId: undefined }, holder);
  }
}

function dirEntries(ids: DirectoryIds | undefined): Array<[DirectoryKind, string]> {
  return Object.entries(ids ?? {}).filter((e): e is [DirectoryKind, string] => !!e[1]);
}

function mergeDirectory(before: DirectoryIds | undefined, given: DirectoryIds | undefined): DirectoryIds | undefined {
  const merged = { ...before, ...given };
  return dirEntries(merged).length ? Object.fromEntries(dirEntries(merged)) : undefined;
}

function byId(a: Member, b: Member): number {
  return Number(a.id) - Number(b.id);
}

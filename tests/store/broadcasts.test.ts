// Broadcast records, per-run room states and report claims; promoted admins; room names; drafts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from '../../ground/redis/connect.js';
import { createAdminStore } from '../../store/admins.js';
import { createDraftStore } from '../../store/broadcast-drafts.js';
import { createBroadcastStore, type NewBroadcast } from '../../store/broadcasts.js';
import { createRoomDirectory } from '../../store/room-directory.js';
import { connectTestRedis, deletePrefix, randomPrefix } from '../helpers/redis.js';

let redis: Redis;
const prefix = randomPrefix();
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

const input = (text: string, rooms: string[]): NewBroadcast => ({
  kind: 'text',
  text,
  targets: ['全部'],
  rooms,
  schedule: { type: 'once', at: 1000 },
  createdBy: 'wxid_admin',
  reportTo: 'wxid_admin',
  createdAt: 1000,
});

describe('broadcast store', () => {
  it('creates with increasing ids, lists newest first, keeps status', async () => {
    const store = createBroadcastStore(redis, prefix);
    const a = await store.create(input('一', ['r1']));
    const b = await store.create({
      ...input('二', ['r1']),
      schedule: { type: 'daily', hour: 8, minute: 0, tz: 'Asia/Shanghai' },
    });
    expect([a.id, a.status, b.id, b.status]).toEqual(['1', 'scheduled', '2', 'active']);
    await store.setStatus('1', 'cancelled');
    expect((await store.list()).map((x) => [x.id, x.status])).toEqual([
      ['2', 'active'],
      ['1', 'cancelled'],
    ]);
    expect(await store.get('99')).toBeUndefined();
  });

  it('a run is idempotent; rooms move from queued once; the report counts and the claim is single', async () => {
    const store = createBroadcastStore(redis, prefix);
    const b = await store.create(input('三', ['r1', 'r2', 'r3', 'r4']));
    await store.startRun(b.id, '1', b.rooms, 5000);
    expect(await store.markRooms(b.id, '1', ['r1', 'r2'], 'sent')).toBe(2);
    expect(await store.markRooms(b.id, '1', ['r3'], 'failed', 'room not found')).toBe(1);
    await store.startRun(b.id, '1', b.rooms, 6000); // a retry keeps what was reached
    expect(await store.markRooms(b.id, '1', ['r1', 'r4'], 'skipped')).toBe(1);
    expect(await store.markRooms(b.id, '1', ['r4'], 'sent', undefined, true)).toBe(1);
    const r = await store.report(b.id, '1');
    expect(r).toMatchObject({
      total: 4,
      sent: 3,
      failed: 1,
      skipped: 0,
      queued: 0,
      failures: { r3: 'room not found' },
      startedAt: 5000,
    });
    expect((await store.get(b.id))!.runs).toBe(1);
    expect(await store.claimReport(b.id, '1')).toBe(true);
    expect(await store.claimReport(b.id, '1')).toBe(false);
  });
});

describe('admins, room directory, drafts', () => {
  it('ADMIN_IDS are fixed admins; promoted ones can be revoked', async () => {
    const admins = createAdminStore(redis, prefix, ['wxid_root']);
    expect(await admins.isAdmin('wxid_root')).toBe(true);
    expect(await admins.grant({ wechatId: 'wxid_a', grantedBy: 'wxid_root', at: 1 })).toBe(true);
    expect(await admins.grant({ wechatId: 'wxid_a', grantedBy: 'wxid_root', at: 2 })).toBe(false);
    expect(await admins.grant({ wechatId: 'wxid_root', grantedBy: 'x', at: 3 })).toBe(false);
    expect((await admins.list()).map((a) => a.wechatId)).toEqual(['wxid_root', 'wxid_a']);
    expect(await admins.revoke('wxid_a')).toBe(true);
    expect(await admins.isAdmin('wxid_a')).toBe(false);
  });

  it('room topics are found by name and follow renames', async () => {
    const dir = createRoomDirectory(redis, prefix);
    await dir.note('r1@chatroom', '机关一支部');
    await dir.note('r2@chatroom', '机关一支部');
    expect(await dir.byTopic('机关一支部')).toEqual(['r1@chatroom', 'r2@chatroom']);
    await createRoomDirectory(redis, prefix).note('r2@chatroom', '机关二支部');
    expect(await dir.byTopic('机关一支部')).toEqual(['r1@chatroom']);
    expect(await dir.topic('r2@chatroom')).toBe('机关二支部');
  });

  it('a draft is taken once and carries its expiry', async () => {
    const drafts = createDraftStore(redis, prefix, 600_000);
    await drafts.put('wxid_admin', input('草稿', ['r1']), 1000);
    expect(await drafts.has('wxid_admin')).toBe(true);
    const d = await drafts.take('wxid_admin');
    expect(d).toMatchObject({ createdAt: 1000, expiresAt: 601_000 });
    expect(await drafts.take('wxid_admin')).toBeUndefined();
  });
});

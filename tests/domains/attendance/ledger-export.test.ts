// The 台账: only held meetings carry attendance; future and cancelled ones are listed with their status only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLedger } from '../../../domains/attendance/ledger-export.js';
import { fromLocal } from '../../../ground/time/zoned.js';
import { createStores, type Stores } from '../../../store/index.js';
import { connectTestRedis, deletePrefix, randomPrefix } from '../../helpers/redis.js';
import type { Redis } from '../../../ground/redis/connect.js';

const TZ = 'Asia/Shanghai';
const prefix = randomPrefix();
let redis: Redis;
let stores: Stores;

beforeAll(async () => {
  redis = connectTestRedis();
  stores = createStores(redis, prefix);
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  await redis.quit();
});

describe('buildLedger', () => {
  it('lists future and cancelled meetings with their status and no attendance figures', async () => {
    const branchId = (await stores.branches.ensure('第一党支部')).branch.id;
    const ids: string[] = [];
    for (const name of ['张三', '李四', '王五'])
      ids.push((await stores.members.upsert({ name, branchId, role: 'member' })).member.id);
    const make = (day: number, status: 'scheduled' | 'closed' | 'cancelled') =>
      stores.meetings.create({
        branchId,
        type: '党课',
        title: '党课',
        startAt: fromLocal(2026, 11, day, 15, 0, TZ),
        groupOffsets: [],
        secretaryOffsets: [],
        closeAfter: 1800_000,
        escalateBefore: 1800_000,
        status,
        createdBy: 'wxid_wang',
      });
    const held = await make(2, 'closed');
    await stores.attendance.setExpected(held.id, ids);
    await stores.attendance.set(held.id, { memberId: ids[0]!, status: 'present', at: held.startAt, text: '到' });
    await make(3, 'cancelled');
    await make(20, 'scheduled');
    const ledger = await buildLedger(stores, {
      from: fromLocal(2026, 11, 1, 0, 0, TZ),
      to: fromLocal(2026, 12, 1, 0, 0, TZ),
      tz: TZ,
      now: fromLocal(2026, 11, 10, 0, 0, TZ),
    });
    expect(ledger.rows).toHaveLength(3);
    const [h, c, f] = ledger.rows;
    expect(h!.slice(6, 13)).toEqual(['已召开', 3, 1, 0, 0, 2, '33%']);
    expect(c!.slice(6)).toEqual(['已取消', '', '', '', '', '', '', '', '', '', '']);
    expect(f!.slice(6)).toEqual(['待召开', '', '', '', '', '', '', '', '', '', '']);
    // Once it has started (and until it is closed) the scheduled one is 进行中.
    const later = await buildLedger(stores, {
      from: fromLocal(2026, 11, 1, 0, 0, TZ),
      to: fromLocal(2026, 12, 1, 0, 0, TZ),
      tz: TZ,
      now: fromLocal(2026, 11, 20, 16, 0, TZ),
    });
    expect(later.rows[2]![6]).toBe('进行中');
    // Only the held meeting has detail lines (one 签到, two 缺席).
    expect(ledger.details.map((d) => d[4])).toEqual(['签到', '缺席', '缺席']);
  });
});

// The console demo (issue #14, item 4): it seeds its branch only on a fresh data folder, never over a real roster.
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../../bot/channels/console/seed-demo.js';
import { systemClock } from '../../../../ground/clock.js';
import { createStores } from '../../../../store/index.js';
import { connectTestRedis, deletePrefix, randomPrefix } from '../../../helpers/redis.js';

const redis = connectTestRedis();
afterAll(() => redis.disconnect());

describe('the console demo seed', () => {
  it('does not write over a real roster of the same branch', async () => {
    const p2 = randomPrefix();
    const s2 = createStores(redis, p2);
    try {
      const { branch } = await s2.branches.ensure('第一党支部');
      await s2.members.upsert({ name: '王书记', branchId: branch.id, role: 'secretary', wechatId: 'wx_real_wang' });
      expect(await seedDemo(s2, systemClock)).toBe(false);
      expect((await s2.members.getByWechat('wx_real_wang'))?.name).toBe('王书记');
      expect((await s2.members.listByBranch(branch.id)).map((m) => m.name)).toEqual(['王书记']);
      expect((await s2.branches.get(branch.id))?.rooms).toEqual([]);
      // A fresh data folder gets the demo.
      const p3 = randomPrefix();
      const s3 = createStores(redis, p3);
      expect(await seedDemo(s3, systemClock)).toBe(true);
      expect((await s3.members.listByBranch((await s3.branches.getByName('第一党支部'))!.id)).length).toBeGreaterThan(
        1,
      );
      await deletePrefix(redis, p3);
    } finally {
      await deletePrefix(redis, p2);
    }
  });
});

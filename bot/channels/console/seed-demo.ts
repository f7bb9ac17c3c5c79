// The console chat's seed step: puts the simulated branch (group, roster, secretary) into the stores when
// that branch has no roster yet (a fresh data folder), never over real data; and makes the demo secretary an
// admin so every command can be tried.
import type { Config } from '../../../ground/config.js';
import type { Stores } from '../../../store/index.js';
import type { Clock } from '../../../ground/clock.js';
import { DEMO_BRANCH, type DemoBranch } from './demo-roster.js';

/** The console's configuration: the demo secretary acts as admin too. */
export function demoConfig(config: Config, demo: DemoBranch = DEMO_BRANCH): Config {
  const secretary = demo.members.find((m) => m.role === 'secretary');
  return secretary ? { ...config, adminIds: [...new Set([...config.adminIds, secretary.id])] } : config;
}

/** Seeds the demo branch; returns false (and changes nothing) when a branch of that name already has members. */
export async function seedDemo(stores: Stores, clock: Clock, demo: DemoBranch = DEMO_BRANCH): Promise<boolean> {
  const existing = await stores.branches.getByName(demo.topic);
  if (existing && (await stores.members.listByBranch(existing.id)).length) return false;
  const { branch } = await stores.branches.ensure(demo.topic, clock.now());
  await stores.branches.bindRoom(branch.id, demo.roomId);
  await stores.rooms.note(demo.roomId, demo.topic);
  for (const m of demo.members) {
    await stores.members.upsert({ name: m.name, branchId: branch.id, role: m.role, wechatId: m.id });
  }
  return true;
}

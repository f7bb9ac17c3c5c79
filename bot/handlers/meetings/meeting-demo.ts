// Console chat: seeds the simulated branch (room, roster, secretary) into the meeting store, idempotently.
import type { MeetingDeps } from '../../../domains/meetings/deps.js';
import type { DemoBranch } from '../../types.js';

export async function seedDemoBranch(md: MeetingDeps, demo: DemoBranch): Promise<void> {
  const { branch } = await md.stores.branches.ensure(demo.topic, md.clock.now());
  await md.stores.branches.bindRoom(branch.id, demo.roomId);
  for (const m of demo.members) {
    await md.stores.members.upsert({ name: m.name, branchId: branch.id, role: m.role === 'secretary' ? 'secretary' : 'member', wechatId: m.id });
  }
}

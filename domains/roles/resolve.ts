// Who is speaking: admin (config.adminIds), secretary (of the room's branch, or of any branch in private),
// member (on a roster), or guest.
import type { BranchStore } from '../../store/branches.js';
import type { MemberStore } from '../../store/members.js';

/** Same union as bot/types.ts Role (store/ does not import bot/). */
export type Role = 'admin' | 'secretary' | 'member' | 'guest';

export interface RoleQuery {
  talkerId: string;
  roomId?: string;
}

export function createRoleResolver(deps: { adminIds: string[]; branches: BranchStore; members: MemberStore }) {
  return async function resolveRole(q: RoleQuery): Promise<Role> {
    if (deps.adminIds.includes(q.talkerId)) return 'admin';
    const [secretaryOf, roomBranch, member] = await Promise.all([
      deps.branches.branchesOfSecretary(q.talkerId),
      q.roomId ? deps.branches.branchIdOfRoom(q.roomId) : undefined,
      deps.members.getByWechat(q.talkerId),
    ]);
    if (secretaryOf.length && (!q.roomId || (roomBranch && secretaryOf.includes(roomBranch)))) return 'secretary';
    if (member && member.status === 'active') return 'member';
    return 'guest';
  };
}

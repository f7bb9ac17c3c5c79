// Who is speaking — decided here and nowhere else: admin (ADMIN_IDS or promoted with /授权), secretary (of
// the room's branch, or of any branch in a private chat), member (active on a roster), or guest.
import type { AdminStore, BranchStore, MemberStore } from '../../store/index.js';

export type Role = 'admin' | 'secretary' | 'member' | 'guest';

export interface RoleQuery {
  talkerId: string;
  roomId?: string;
}

export type RoleResolver = (q: RoleQuery) => Promise<Role>;

export function createRoleResolver(stores: {
  admins: AdminStore;
  branches: BranchStore;
  members: MemberStore;
}): RoleResolver {
  return async function resolveRole(q) {
    const [admin, secretaryOf, roomBranch, member] = await Promise.all([
      stores.admins.isAdmin(q.talkerId),
      stores.branches.branchesOfSecretary(q.talkerId),
      q.roomId ? stores.branches.branchIdOfRoom(q.roomId) : undefined,
      stores.members.getByWechat(q.talkerId),
    ]);
    if (admin) return 'admin';
    if (secretaryOf.length && (!q.roomId || (roomBranch && secretaryOf.includes(roomBranch)))) return 'secretary';
    if (member && member.status === 'active') return 'member';
    return 'guest';
  };
}

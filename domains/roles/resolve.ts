// Who is speaking — decided here and nowhere else: admin (ADMIN_IDS or promoted with /授权), secretary (of
// the room's branch, or of any branch in a private chat), member (active on a roster), or guest. A platform
// sender carrying a member's verified directory id (directory.ts) is that member, secretary or not, with no claim.
import type { AdminStore, BranchStore, MemberStore } from '../../store/index.js';
import { memberOfSpeaker } from './directory.js';

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
      memberOfSpeaker(stores.members, q.talkerId),
    ]);
    if (admin) return 'admin';
    // A secretary recognised by directory id is in no secretary set yet (those hold bound ids, read in parallel
    // with the match that binds it) or is bound elsewhere: the entry's role decides.
    if (member?.role === 'secretary' && member.status === 'active' && !secretaryOf.includes(member.branchId))
      secretaryOf.push(member.branchId);
    if (secretaryOf.length && (!q.roomId || (roomBranch && secretaryOf.includes(roomBranch)))) return 'secretary';
    if (member && member.status === 'active') return 'member';
    return 'guest';
  };
}

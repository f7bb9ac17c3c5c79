// Who is speaking — decided here and nowhere else: admin (ADMIN_IDS or promoted with /授权), secretary (of
// the room's branch, or of any branch in a private chat), member (active on a roster), or guest. A platform
// sender carrying a member's verified directory id (directory.ts) is that member, secretary or not, with no claim.
import type { AdminStore, BranchStore, MemberStore } from '../../store/index.js';
import { memberOfSpeaker } from './directory.js';

export type Role = 'admin' | 'secretary' | 'member' | 'guest';

/**
 * The branches this speaker is secretary of: the secretary sets (bound ids), plus the branch of a secretary's
 * roster entry matched by verified directory id — not yet in a set (those hold bound ids; the match binds it), or
 * bound elsewhere (the same secretary on WeChat, now writing from 企业微信).
 */
export async function secretaryBranchesOf(
  stores: { branches: Pick<BranchStore, 'branchesOfSecretary'>; members: MemberStore },
  talkerId: string,
): Promise<string[]> {
  const [listed, member] = await Promise.all([
    stores.branches.branchesOfSecretary(talkerId),
    memberOfSpeaker(stores.members, talkerId),
  ]);
  if (member?.role === 'secretary' && member.status === 'active' && !listed.includes(member.branchId))
    return [...listed, member.branchId];
  return listed;
}

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
      secretaryBranchesOf(stores, q.talkerId),
      q.roomId ? stores.branches.branchIdOfRoom(q.roomId) : undefined,
      memberOfSpeaker(stores.members, q.talkerId),
    ]);
    if (admin) return 'admin';
    if (secretaryOf.length && (!q.roomId || (roomBranch && secretaryOf.includes(roomBranch)))) return 'secretary';
    if (member && member.status === 'active') return 'member';
    return 'guest';
  };
}

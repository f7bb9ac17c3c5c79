// Binding a group to a branch, the same rule for every channel: an unbound group may be bound by an admin or
// the branch's secretary; a group already bound to another branch may be moved by an admin only (a secretary of
// one branch must not take over another's group). On a move, the old branch's secretaries are told, with the
// scheduled meetings whose group reminders this group will no longer receive.
import { PermissionError, UserError } from '../../ground/errors.js';
import type { Branch, Meeting } from '../../store/types.js';
import type { Deps } from '../deps.js';
import type { Role } from './resolve.js';
import { secretaryRecipients } from './recipients.js';
import { secretaryBranchesOf } from './resolve.js';

type BindDeps = Pick<Deps, 'stores' | 'config' | 'outbox' | 'audit' | 'clock' | 'logger'>;

export interface Binder {
  id: string;
  name?: string;
  role: Role;
  roomId: string;
  roomTopic?: string;
}

export interface BindOutcome {
  branch: Branch;
  created: boolean;
  previous?: Branch;
  /** Scheduled meetings of the previous branch that no longer remind this group. */
  orphaned: Meeting[];
}

export async function bindRoom(deps: BindDeps, who: Binder, name: string): Promise<BindOutcome> {
  const { branches } = deps.stores;
  let branch = await branches.getByName(name);
  const isAdmin = who.role === 'admin';
  if (!branch && !isAdmin) throw new PermissionError(`还没有“${name}”这个支部，请管理员先绑定创建。`);
  if (branch && !isAdmin && !(await secretaryBranchesOf(deps.stores, who.id)).includes(branch.id))
    throw new PermissionError(`抱歉，只有${name}的书记或管理员可以绑定本群。`);
  const previous = await branches.branchOfRoom(who.roomId);
  const moving = !!previous && previous.id !== branch?.id;
  if (moving && !isAdmin) throw new PermissionError(`本群已绑定到${previous!.name}，改绑到其他支部须由管理员操作。`);
  let created = false;
  if (!branch) {
    if (!name.trim()) throw new UserError('用法：在支部群里发送 /绑定 第一党支部');
    ({ branch, created } = await branches.ensure(name, deps.clock.now()));
  }
  const orphaned = moving ? await meetingsLosingRoom(deps, previous!, who.roomId) : [];
  await branches.bindRoom(branch.id, who.roomId);
  const room = who.roomTopic ?? who.roomId;
  await deps.audit.recordBy(
    { talkerId: who.id, talkerName: who.name, roomId: who.roomId },
    'branch.bind-room',
    `${room} → ${branch.name}${created ? '（新建支部）' : ''}${moving ? `（原绑定：${previous!.name}）` : ''}`,
  );
  if (moving) await tellOldBranch(deps, previous!, branch, room, orphaned);
  return { branch, created, previous: moving ? previous : undefined, orphaned };
}

/** Scheduled, future meetings of a branch whose group reminders would go to this room (now or never). */
async function meetingsLosingRoom(deps: BindDeps, branch: Branch, roomId: string): Promise<Meeting[]> {
  if (!branch.rooms.includes(roomId)) return [];
  return deps.stores.meetings.list({ branchId: branch.id, from: deps.clock.now(), status: ['scheduled'] });
}

async function tellOldBranch(deps: BindDeps, from: Branch, to: Branch, room: string, orphaned: Meeting[]) {
  const left = from.rooms.filter((r) => r !== room).length;
  const meetings = orphaned.map((m) => `#${m.id} ${m.title || m.type}`).join('、');
  const lost = orphaned.length
    ? left
      ? `本支部已安排的会议（${meetings}）的群提醒今后不再发到该群。`
      : `本支部已没有绑定的群，已安排的会议（${meetings}）的群提醒和签到将无法在群里进行，请尽快在支部群里发送 /绑定 ${from.name}。`
    : '';
  deps.logger.warn(
    { from: from.id, to: to.id, room, orphaned: orphaned.map((m) => m.id) },
    'room moved to another branch by an admin',
  );
  const to_ = await secretaryRecipients(deps.stores, from.id, deps.config.adminIds);
  const at = deps.clock.now();
  await deps.outbox.enqueueMany(
    to_.map((contactId) => ({
      to: { contactId },
      text: `【群绑定变更】群“${room}”已由管理员从${from.name}改绑到${to.name}。${lost}`,
      key: `room-moved:${room}:${at}:${contactId}`,
    })),
  );
}

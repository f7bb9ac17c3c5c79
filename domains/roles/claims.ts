// Identity claims (/我是 NAME), the same rule for every channel: a person (platform id) is bound to at most
// one roster member; every claim waits for a confirmation by the branch's secretary or an admin, who is told
// at once; a claim of a secretary entry is confirmed by an admin only. Automatic matching (group nickname on
// first contact) may bind only an unbound person to a free ordinary member entry, never a secretary entry.
import { PermissionError, UserError } from '../../ground/errors.js';
import type { MemberClaim } from '../../store/claims.js';
import type { Branch, Member } from '../../store/types.js';
import type { Deps } from '../deps.js';
import { memberByDirectory } from './directory.js';
import type { Role } from './resolve.js';
import { secretaryBranchesOf } from './resolve.js';

const CLAIM_TTL_S = 7 * 86_400;

type ClaimDeps = Pick<Deps, 'stores' | 'config' | 'outbox' | 'audit'>;

export interface Claimant {
  /** The platform id of the person claiming. */
  id: string;
  /** Their display name on the platform (shown to the confirmer). */
  name: string;
}

/** Only an admin may confirm a claim of a secretary entry: a secretary's roster line is a role, not a name. */
export function needsAdmin(member: Member): boolean {
  return member.role === 'secretary';
}

/** Who is told of a claim and may confirm it: the admins for a secretary entry, else the branch's secretaries (or the admins). */
export async function confirmersOf(deps: ClaimDeps, member: Member): Promise<string[]> {
  const admins = [...new Set((await deps.stores.admins.list()).map((a) => a.wechatId))];
  if (needsAdmin(member)) return admins;
  const branch = await deps.stores.branches.get(member.branchId);
  return branch?.secretaries.length ? branch.secretaries : admins;
}

/** An admin; or, for an ordinary entry, a secretary of its branch (bound, or known by verified directory id). */
export function mayConfirm(role: Role, member: Member, branch: Branch, confirmerBranches: string[]): boolean {
  if (role === 'admin') return true;
  return !needsAdmin(member) && confirmerBranches.includes(branch.id);
}

/** Automatic matching may bind this person to this entry only when neither is bound and the entry is ordinary. */
export function mayAutoMatch(member: Member, personBound: boolean): boolean {
  return !personBound && !member.wechatId && member.role === 'member' && member.status === 'active';
}

export type ClaimOutcome =
  | { kind: 'already' }
  | { kind: 'recognised'; member: Member }
  | { kind: 'pending'; claim: MemberClaim; adminOnly: boolean };

/** Opens a claim (never binds by itself) and tells the confirmers privately, with the command to answer. */
export async function requestClaim(deps: ClaimDeps, who: Claimant, member: Member): Promise<ClaimOutcome> {
  // The platform's directory already says who this is: no claim, whichever name was typed.
  const known = await memberByDirectory(deps.stores.members, who.id);
  if (known) return { kind: 'recognised', member: known };
  if (member.wechatId === who.id) return { kind: 'already' };
  const current = await deps.stores.members.getByWechat(who.id);
  if (current)
    throw new UserError(
      `您已绑定为${current.name}，一人只能绑定名册中的一个姓名。如绑定有误，请联系支部书记或管理员处理。`,
    );
  const claim = await deps.stores.claims.open(
    { memberId: member.id, wechatId: who.id, wechatName: who.name },
    CLAIM_TTL_S,
  );
  const adminOnly = needsAdmin(member);
  const to = (await confirmersOf(deps, member)).filter((id) => id !== who.id);
  const branch = await deps.stores.branches.get(member.branchId);
  const what = `${branch?.name ?? ''}名册中的${member.name}${adminOnly ? '（支部书记，须管理员确认）' : ''}`;
  const bound = member.wechatId ? '该姓名目前已绑定其他微信；' : '';
  await deps.outbox.enqueueMany(
    to.map((contactId) => ({
      to: { contactId },
      text: `【绑定确认】用户“${who.name}”申请绑定为${what}。${bound}确认是本人请回复：/绑定 确认 ${claim.id}；不是本人请回复：/绑定 拒绝 ${claim.id}`,
      key: `member-claim:${claim.id}:${contactId}`,
    })),
  );
  await deps.audit.record({
    actor: who.id,
    action: 'member.claim-requested',
    detail: `${who.name} → ${member.name}（#${member.id}，待确认 ${claim.id}${adminOnly ? '，须管理员' : ''}）`,
    ok: true,
  });
  return { kind: 'pending', claim, adminOnly };
}

export interface Decider {
  id: string;
  role: Role;
}

/** Confirms (binds) or refuses a pending claim; the claimant is told either way. */
export async function decideClaim(
  deps: ClaimDeps,
  decider: Decider,
  id: string | undefined,
  accept: boolean,
): Promise<{ claim: MemberClaim; member: Member }> {
  const claim = id ? await deps.stores.claims.get(id) : undefined;
  if (!claim) throw new UserError('没有找到这条绑定申请（可能已处理或已过期）。');
  const member = await deps.stores.members.get(claim.memberId);
  const branch = member ? await deps.stores.branches.get(member.branchId) : undefined;
  if (!member || !branch) throw new UserError('名册中已没有这位党员。');
  if (!mayConfirm(decider.role, member, branch, await secretaryBranchesOf(deps.stores, decider.id)))
    throw new PermissionError(
      needsAdmin(member)
        ? '抱歉，绑定为支部书记须由管理员确认。'
        : `抱歉，只有${branch.name}的书记或管理员可以确认绑定。`,
    );
  if (decider.id === claim.wechatId && decider.role !== 'admin')
    throw new PermissionError('不能确认自己的绑定申请，请由支部书记或管理员确认。');
  if (accept) {
    const current = await deps.stores.members.getByWechat(claim.wechatId);
    if (current && current.id !== member.id)
      throw new UserError(`该用户已绑定为${current.name}，一人只能绑定一个姓名；如需更正请先解除原绑定。`);
    await deps.stores.members.bindWechat(member.id, claim.wechatId);
  }
  await deps.stores.claims.remove(claim.id);
  await deps.audit.record({
    actor: decider.id,
    action: accept ? 'member.claim-confirmed' : 'member.claim-refused',
    detail: `${claim.wechatName} → ${member.name}（#${member.id}）`,
    ok: true,
  });
  await deps.outbox.enqueue({
    to: { contactId: claim.wechatId },
    text: accept
      ? `已确认：您已绑定为${member.name}。`
      : `您绑定为${member.name}的申请未获确认。如有疑问请联系支部书记。`,
    key: `member-claim:${claim.id}:done`,
  });
  return { claim, member };
}

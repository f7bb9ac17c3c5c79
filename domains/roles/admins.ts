// Granting and revoking the admin role (/授权, /撤销授权 and the console's 成员 page): ADMIN_IDS from the
// configuration cannot be revoked here; both outcomes are audited by the caller's actor.
import { UserError } from '../../ground/errors.js';
import type { AuditActor } from '../../store/audit.js';
import type { Stores } from '../../store/index.js';

type AdminDeps = { stores: Stores; config: { adminIds: string[] }; clock: { now(): number } };

export async function grantAdmin(
  deps: AdminDeps,
  actor: AuditActor,
  who: { id: string; name?: string },
  grantedBy: string,
): Promise<boolean> {
  const added = await deps.stores.admins.grant({ wechatId: who.id, name: who.name, grantedBy, at: deps.clock.now() });
  await deps.stores.audit.recordBy(actor, 'admin.grant', `${who.name ?? ''}(${who.id})${added ? '' : ' 已是管理员'}`);
  return added;
}

export async function revokeAdmin(
  deps: AdminDeps,
  actor: AuditActor,
  who: { id: string; name?: string },
): Promise<boolean> {
  if (deps.config.adminIds.includes(who.id)) {
    await deps.stores.audit.recordBy(actor, 'admin.revoke', `${who.id} 在 ADMIN_IDS 中，未撤销`, false);
    throw new UserError(`${who.name ?? who.id} 是配置文件（ADMIN_IDS）中的管理员，需修改配置才能撤销。`);
  }
  const removed = await deps.stores.admins.revoke(who.id);
  await deps.stores.audit.recordBy(
    actor,
    'admin.revoke',
    `${who.name ?? ''}(${who.id})${removed ? '' : ' 本不是管理员'}`,
    removed,
  );
  return removed;
}

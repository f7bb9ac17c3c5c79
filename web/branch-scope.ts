// Which branch a page is about: the one asked for (if the viewer may see it), else the viewer's first.
import { UserError } from '../ground/errors.js';
import { assertBranch, type ConsoleViewer } from '../domains/roles/console-access.js';
import type { Stores } from '../store/index.js';
import type { Branch } from '../store/types.js';

export interface Scope {
  branch: Branch;
  /** Branches to choose from (the viewer's; an admin's are all, by name). */
  choices: Array<{ id: string; name: string }>;
}

export async function branchScope(stores: Stores, v: ConsoleViewer, asked?: string): Promise<Scope> {
  const choices =
    v.role === 'admin'
      ? (await stores.branches.list()).map((b) => ({ id: b.id, name: b.name }))
      : (await Promise.all(v.branchIds.map((id) => stores.branches.get(id))))
          .filter((b): b is Branch => !!b)
          .map((b) => ({ id: b.id, name: b.name }));
  const id = asked || choices[0]?.id;
  if (!id) throw new UserError('还没有任何支部。请先导入花名册（zhibu roster import）。');
  assertBranch(v, id);
  const branch = await stores.branches.get(id);
  if (!branch) throw new UserError('没有这个支部。');
  return { branch, choices };
}

// Broadcast targets: 全部, branch names, room names (群名) → room ids, in a stable order.
import type { BranchStore } from '../../store/branches.js';
import type { RoomDirectory } from '../../store/room-directory.js';

export const ALL_TARGET = '全部';

export interface ResolvedTargets {
  rooms: string[];
  /** Each target as typed and how many rooms it gave. */
  matched: Array<{ target: string; kind: 'all' | 'branch' | 'room'; rooms: number }>;
  unknown: string[];
}

/** Splits 第一支部、第二支部,机关群 into targets. */
export function splitTargets(text: string): string[] {
  return text
    .split(/[、,，;；]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

export async function resolveTargets(
  targets: string[],
  stores: { branches: BranchStore; rooms: RoomDirectory },
): Promise<ResolvedTargets> {
  const out: ResolvedTargets = { rooms: [], matched: [], unknown: [] };
  const seen = new Set<string>();
  const add = (ids: string[]) => ids.forEach((id) => !seen.has(id) && (seen.add(id), out.rooms.push(id)));
  for (const target of targets) {
    if (target === ALL_TARGET) {
      const branches = await stores.branches.list();
      const ids = (await Promise.all(branches.map((b) => stores.branches.rooms(b.id)))).flat();
      add(ids);
      out.matched.push({ target, kind: 'all', rooms: new Set(ids).size });
      continue;
    }
    const branch = await stores.branches.getByName(target);
    if (branch) {
      const ids = await stores.branches.rooms(branch.id);
      add(ids);
      out.matched.push({ target, kind: 'branch', rooms: ids.length });
      continue;
    }
    const ids = await stores.rooms.byTopic(target);
    if (ids.length) {
      add(ids);
      out.matched.push({ target, kind: 'room', rooms: ids.length });
    } else out.unknown.push(target);
  }
  return out;
}

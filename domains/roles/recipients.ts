// Who hears about a branch's meetings privately: its secretaries, or the admins when it has none.
import type { Stores } from '../../store/index.js';

export async function secretaryRecipients(stores: Stores, branchId: string, adminIds: string[]): Promise<string[]> {
  const branch = await stores.branches.get(branchId);
  const secretaries = branch?.secretaries ?? [];
  return secretaries.length ? secretaries : adminIds;
}

export async function branchRooms(stores: Stores, branchId: string): Promise<string[]> {
  return stores.branches.rooms(branchId);
}

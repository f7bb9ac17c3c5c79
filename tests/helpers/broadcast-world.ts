// A mock WeChat with many branch rooms for broadcast tests: an admin, a member, N rooms in two branches.
import type { MockWorldSpec } from '../../bot/channels/wechaty/mock-world.js';
import type { Redis } from '../../ground/redis/connect.js';
import { createBranchStore } from '../../store/branches.js';
import { createRoomDirectory } from '../../store/room-directory.js';

export const ADMIN = 'wxid_admin';
export const MEMBER = 'wxid_zhang';

export const roomId = (i: number) => `room-${i}@chatroom`;

export function broadcastSpec(rooms: number): MockWorldSpec {
  const members = [
    { id: ADMIN, name: '组织委员' },
    { id: MEMBER, name: '张三' },
    { id: 'wxid_li', name: '李四' },
  ];
  return {
    bot: { id: 'wxid_bot', name: '支部助手' },
    contacts: members,
    rooms: Array.from({ length: rooms }, (_, k) => ({
      id: roomId(k + 1),
      topic: `第${k + 1}党小组群`,
      memberIds: members.map((m) => m.id),
    })),
  };
}

/** Two branches: rooms 1..half in 第一党支部, the rest in 第二党支部; topics recorded for room-name targets. */
export async function seedBranches(redis: Redis, prefix: string, rooms: number): Promise<void> {
  const branches = createBranchStore(redis, prefix);
  const dir = createRoomDirectory(redis, prefix);
  const first = (await branches.ensure('第一党支部')).branch;
  const second = (await branches.ensure('第二党支部')).branch;
  for (let i = 1; i <= rooms; i++) {
    await branches.bindRoom(i <= rooms / 2 ? first.id : second.id, roomId(i));
    await dir.note(roomId(i), `第${i}党小组群`);
  }
}

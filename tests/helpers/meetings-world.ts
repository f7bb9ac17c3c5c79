// A test bot with the meetings feature and a seeded branch: 第一党支部 bound to room-1, 王书记 secretary,
// 张三 李四 王五 赵六 members (bound to their WeChat ids), 孙七 outside, 管理员 admin.
import type { Clock } from '../../ground/clock.js';
import { createStores, type Stores } from '../../store/index.js';
import type { Branch, BranchSettings } from '../../store/types.js';
import { createMeetingsFeature } from '../../bot/features/meetings.js';
import type { Answer, Answerer } from '../../knowledge/types.js';
import { defaultSpec, startTestBot, type TestBot } from './mock-wechaty.js';

export const ROOM = 'room-1@chatroom';

const noAnswer: Answerer = {
  async answer(): Promise<Answer> {
    return { text: '（测试）', citations: [], refused: true, sources: [], mode: 'refusal' };
  },
};

export interface MeetingWorld extends TestBot {
  stores: Stores;
  branch: Branch;
}

export async function startMeetingWorld(
  opts: {
    clock?: Clock;
    ackWindowMs?: number;
    settings?: Partial<BranchSettings>;
    bind?: boolean;
    /** More people in room-1 (any id form, e.g. a platform-qualified `wecom:bot:userid`). */
    roomContacts?: Array<{ id: string; name: string }>;
  } = {},
): Promise<MeetingWorld> {
  const spec = defaultSpec();
  for (const c of opts.roomContacts ?? []) {
    spec.contacts.push(c);
    spec.rooms[0]!.memberIds.push(c.id);
  }
  spec.contacts.push({ id: 'wxid_admin', name: '管理员' });
  spec.rooms.push({ id: 'room-2@chatroom', topic: '新群', memberIds: ['wxid_admin', 'wxid_wang', 'wxid_zhang'] });
  const bot = await startTestBot({
    spec,
    features: [createMeetingsFeature({ ackWindowMs: opts.ackWindowMs ?? 1000 })],
    env: { ADMIN_IDS: 'wxid_admin' },
    answerer: noAnswer,
    clock: opts.clock,
  });
  const stores = createStores(bot.app.deps.redis, bot.prefix);
  const { branch } = await stores.branches.ensure('第一党支部');
  if (opts.bind !== false) await stores.branches.bindRoom(branch.id, ROOM);
  if (opts.settings) await stores.branches.updateSettings(branch.id, opts.settings);
  const roster: Array<[string, string, 'secretary' | 'member']> = [
    ['王书记', 'wxid_wang', 'secretary'],
    ['张三', 'wxid_zhang', 'member'],
    ['李四', 'wxid_li', 'member'],
    ['王五', 'wxid_wangwu', 'member'],
    ['赵六', 'wxid_zhao', 'member'],
  ];
  for (const [name, wechatId, role] of roster)
    await stores.members.upsert({ name, branchId: branch.id, role, wechatId });
  return { ...bot, stores, branch: (await stores.branches.get(branch.id))! };
}

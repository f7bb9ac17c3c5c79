// The console chat's simulated branch: one group, a secretary and members (seeded by seed-demo.ts).
import type { MockWorldSpec } from '../wechaty/mock-world.js';

export interface DemoMember {
  /** Contact id on the mock puppet (stands in for a platform user id). */
  id: string;
  name: string;
  role: 'secretary' | 'member';
}

export interface DemoBranch {
  roomId: string;
  topic: string;
  /** The bot's own contact id in the simulation. */
  botId: string;
  members: DemoMember[];
}

export const DEMO_BRANCH: DemoBranch = {
  roomId: 'demo-branch-1@chatroom',
  topic: '第一党支部',
  botId: 'wxid_zhibu_bot',
  members: [
    { id: 'wxid_demo_wangshuji', name: '王书记', role: 'secretary' },
    { id: 'wxid_demo_zhangsan', name: '张三', role: 'member' },
    { id: 'wxid_demo_lisi', name: '李四', role: 'member' },
    { id: 'wxid_demo_wangwu', name: '王五', role: 'member' },
    { id: 'wxid_demo_zhaoliu', name: '赵六', role: 'member' },
    { id: 'wxid_demo_sunqi', name: '孙七', role: 'member' },
    { id: 'wxid_demo_zhouba', name: '周八', role: 'member' },
  ],
};

/** The member you type as when the console opens. */
export const DEMO_DEFAULT_SPEAKER = '张三';

export function demoWorldSpec(botName: string, demo: DemoBranch = DEMO_BRANCH): MockWorldSpec {
  return {
    bot: { id: demo.botId, name: botName },
    contacts: demo.members.map((m) => ({ id: m.id, name: m.name })),
    rooms: [{ id: demo.roomId, topic: demo.topic, memberIds: demo.members.map((m) => m.id) }],
  };
}

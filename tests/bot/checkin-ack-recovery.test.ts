// A check-in recorded whose acknowledgement was never asked for (an error or a crash between the two writes, e.g.
// the meetings queue's master failing over) is acknowledged when the member sends 签到 again; a repeat after an
// acknowledgement still posts nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyReply } from '../../domains/attendance/checkin.js';
import { ROOM, startMeetingWorld, type MeetingWorld } from '../helpers/meetings-world.js';

let w: MeetingWorld;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WINDOW_MS = 1000;

beforeAll(async () => {
  w = await startMeetingWorld({ ackWindowMs: WINDOW_MS });
});
afterAll(async () => {
  await w?.close();
});

describe('check-in acknowledgement', () => {
  it('is asked for again by a repeated 签到 when the first one’s request was lost, and only then', async () => {
    w.post('王书记', '/会议 新建 党课 40秒后 提醒：39秒', { roomId: ROOM });
    const created = await w.waitFor((s) => s.roomId === ROOM && s.text.includes('已创建会议'));
    const id = /编号 (\d+)/.exec(created.text)![1]!;
    await w.waitFor((s) => s.roomId === ROOM && s.text.includes('【会议提醒】'));
    const meeting = (await w.stores.meetings.get(id))!;
    const zhang = (await w.stores.members.getByWechat('wxid_zhang'))!;
    // The record without its acknowledgement request: what a failure right after the record leaves.
    expect(await applyReply(w.stores, meeting, zhang, { kind: 'present' }, '签到', Date.now())).toBe('recorded');
    const acks = (state: string) => w.saidIn(ROOM).filter((s) => s.text.startsWith(`已签到 ${state}`));

    w.post('张三', '签到', { roomId: ROOM });
    await w.waitFor((s) => s.roomId === ROOM && s.text.startsWith('已签到 1/5：张三'));
    // Acknowledged now: a further repeat, in a later window than 李四's check-in, asks for nothing more.
    w.post('张三', '签到', { roomId: ROOM });
    await sleep(WINDOW_MS * 1.5);
    w.post('李四', '到', { roomId: ROOM });
    await w.waitFor((s) => s.roomId === ROOM && s.text.startsWith('已签到 2/5'));
    expect(acks('1/5')).toHaveLength(1);
    expect(acks('2/5')).toHaveLength(1);
  }, 60_000);
});

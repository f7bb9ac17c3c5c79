// The whole loop in real time (seconds): scheduling from chat, the secretary's and the group's reminders,
// check-in classification across the window edges, the rolling acknowledgement, escalation and the summary.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../ground/config.js';
import { localDay } from '../../ground/time/zoned.js';
import { testRedisUrl } from '../helpers/redis.js';
import { ROOM, startMeetingWorld, type MeetingWorld } from '../helpers/meetings-world.js';

let w: MeetingWorld;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = (t: number) => sleep(Math.max(0, t - Date.now()));

beforeAll(async () => {
  w = await startMeetingWorld({ ackWindowMs: 1500 });
});
afterAll(async () => {
  await w?.close();
});

describe('check-in loop', () => {
  it('reminds, classifies, acknowledges, escalates and reports once each', async () => {
    w.post('王书记', '/会议 新建 党课 9秒后 三楼会议室 主题：学习党章 提醒：6秒 书记提醒：8秒 催办：3秒 截止：4秒', {
      roomId: ROOM,
    });
    const created = await w.waitFor((s) => s.roomId === ROOM && s.text.includes('已创建会议'));
    const id = /编号 (\d+)/.exec(created.text)![1]!;
    const m = (await w.stores.meetings.get(id))!;
    expect(m.groupOffsets).toEqual([6000]);

    // Before the window opens (start - 6 s): no record.
    w.post('张三', '签到', { roomId: ROOM });
    const secretary = await w.waitFor((s) => s.contactId === 'wxid_wang' && s.text.includes('【会前准备】'));
    expect(secretary.at).toBeGreaterThanOrEqual(m.startAt - 8000 - 50);
    expect(await w.stores.attendance.get(id, (await w.stores.members.getByWechat('wxid_zhang'))!.id)).toBeUndefined();

    const reminder = await w.waitFor((s) => s.roomId === ROOM && s.text.includes('【会议提醒】'));
    expect(reminder.at).toBeGreaterThanOrEqual(m.startAt - 6000 - 50);
    expect(reminder.text).toContain('三楼会议室');
    expect(reminder.text).toContain(`编号 ${id}`);
    expect(reminder.text).toContain('签到');

    w.post('张三', '签到', { roomId: ROOM });
    w.post('李四', '到', { roomId: ROOM });
    w.post('张三', '签到', { roomId: ROOM }); // a second 签到 changes nothing
    w.post('王五', '请假', { roomId: ROOM });
    const ask = await w.waitFor((s) => s.roomId === ROOM && s.text.includes('请说明请假事由'));
    expect(ask.text).toContain('王五');
    w.post('王五', '请假 出差在外', { roomId: ROOM });
    w.post('孙七', '签到', { roomId: ROOM }); // not in the room's roster: told once how to bind
    // Replies are handled concurrently: the names are in the order they were recorded.
    const ack = await w.waitFor(
      (s) => s.roomId === ROOM && /已签到 2\/5：(张三、李四|李四、张三)；请假 1/.test(s.text),
    );
    expect(ack.text).toMatch(/^已签到 2\/5：(张三、李四|李四、张三)；请假 1$/);
    const acks = () => w.saidIn(ROOM).filter((s) => s.text.startsWith('已签到'));
    expect(acks().length).toBeLessThanOrEqual(2);

    const escalation = await w.waitFor((s) => s.roomId === ROOM && s.text.includes('【签到提醒】'));
    expect(escalation.text).toContain('王书记、赵六');
    expect(escalation.text).not.toContain('张三');
    const privately = await w.waitFor((s) => s.contactId === 'wxid_wang' && s.text.includes('【未回复名单】'));
    expect(privately.text).toContain('赵六');

    await until(m.startAt + 300);
    w.post('王书记', '已到', { roomId: ROOM }); // after the start: late
    const summary = await w.waitFor((s) => s.contactId === 'wxid_wang' && s.text.includes('【签到汇总】'), 15_000);
    expect(summary.at).toBeGreaterThanOrEqual(m.startAt + 4000 - 50);
    expect(summary.text).toContain('应到 5 人，实到 3 人（其中迟到 1 人），请假 1 人，缺席 1 人，出席率 60%');
    expect(summary.text).toMatch(/签到：(张三、李四|李四、张三)\n/);
    expect(summary.text).toContain('迟到：王书记');
    expect(summary.text).toContain('请假：王五（出差在外）');
    expect(summary.text).toContain('缺席：赵六');

    // After the close nothing is recorded, and nothing was sent twice.
    w.post('赵六', '签到', { roomId: ROOM });
    await sleep(2000);
    const zhao = (await w.stores.members.getByWechat('wxid_zhao'))!;
    expect(await w.stores.attendance.get(id, zhao.id)).toBeUndefined();
    expect(w.saidIn(ROOM).filter((s) => s.text.includes('【会议提醒】'))).toHaveLength(1);
    expect(w.saidTo('wxid_wang').filter((s) => s.text.includes('【签到汇总】'))).toHaveLength(1);
    expect(w.saidIn(ROOM).filter((s) => s.text.includes('还不在第一党支部的名册中'))).toHaveLength(1);
    expect((await w.stores.meetings.get(id))?.status).toBe('closed');

    // The 台账 export (the real CLI) contains what the chat produced.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-export-'));
    const day = localDay(m.startAt, 'Asia/Shanghai');
    const env = { ...process.env, REDIS_URL: testRedisUrl(), REDIS_PREFIX: w.prefix, LOG_LEVEL: 'silent' };
    const xlsx = path.join(dir, 'ledger.xlsx');
    const out = await promisify(execFile)(
      process.execPath,
      [
        'bin/zhibu.js',
        'export',
        '--from',
        day,
        '--to',
        day,
        '--branch',
        '第一党支部',
        '--format',
        'xlsx',
        '--out',
        xlsx,
      ],
      { cwd: PROJECT_ROOT, env },
    );
    expect(out.stdout).toContain('已导出 1 次会议');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const row = (wb.getWorksheet('会议台账')!.getRow(2).values as unknown[]).slice(1);
    expect(row.slice(0, 9)).toEqual([
      Number(id),
      '第一党支部',
      '党课',
      expect.stringMatching(/年.*月.*日（周.）/),
      '三楼会议室',
      '学习党章',
      '已召开',
      5,
      3,
    ]);
    expect(row.slice(14)).toEqual(['王书记', '王五（出差在外）', '赵六']);
    expect(String(row[13]).split('、').sort()).toEqual(['张三', '李四'].sort());
    const detail = wb.getWorksheet('签到明细')!;
    expect(detail.rowCount).toBe(6);
    const csv = path.join(dir, 'ledger.csv');
    await promisify(execFile)(
      process.execPath,
      ['bin/zhibu.js', 'export', '--from', day, '--to', day, '--format', 'csv', '--out', csv],
      { cwd: PROJECT_ROOT, env },
    );
    expect(fs.readFileSync(csv, 'utf8')).toContain('王五（出差在外）');
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

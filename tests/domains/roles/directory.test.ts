// Verified directory identity (issue #14, item 1): roster columns carry 企业微信/钉钉/飞书 user ids; a sender on that
// platform whose qualified id carries one is the member at once (role, commands, confirming claims) with no /我是;
// the same id on two members is a rejected row; an id that matches nothing still needs a claim.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoleResolver } from '../../../domains/roles/resolve.js';
import { formatRosterReport, importRoster } from '../../../store/roster-import.js';
import { ROOM, startMeetingWorld, type MeetingWorld } from '../../helpers/meetings-world.js';

let w: MeetingWorld;

// The ids a WeCom smart robot (bot id `aibot1`) produces for these people: `wecom:{bot id}:{userid}`.
const CHEN = 'wecom:aibot1:chenshuji';
const ZHOU = 'wecom:aibot1:zhouba';
const STRANGER = 'wecom:aibot1:qianduo';
// A secretary whose entry is bound to their WeChat id, now writing from 企业微信.
const SUN_WECHAT = 'wxid_sun';
const SUN = 'wecom:aibot1:sunshuji';

beforeAll(async () => {
  w = await startMeetingWorld({
    // Platform nicknames that match no roster name: only the directory id can tell who they are.
    roomContacts: [
      { id: CHEN, name: 'Chen' },
      { id: ZHOU, name: 'zb' },
      { id: STRANGER, name: 'qd' },
      { id: SUN, name: 'sun' },
    ],
  });
});
afterAll(async () => {
  await w?.close();
});

async function ask(from: string, text: string): Promise<string> {
  const before = w.said.length;
  w.ask(from, ROOM, text);
  const reply = await w.waitFor((s) => w.said.indexOf(s) >= before && s.roomId === ROOM);
  return reply.text;
}

const roleOf = (talkerId: string) => createRoleResolver(w.stores)({ talkerId, roomId: ROOM });

describe('directory ids from the roster', () => {
  it('imports the per-platform columns and rejects an id given to two members, with a Chinese reason', async () => {
    const rows = [
      ['姓名', '支部', '角色', '微信号', '企业微信userid', '钉钉userid', '飞书open_id'],
      ['陈书记', '第一党支部', '书记', '', 'chenshuji', '', ''],
      ['周八', '第一党支部', '党员', '', 'zhouba', 'ding_zhou', 'ou_zhou'],
      ['吴九', '第一党支部', '党员', '', 'zhouba', '', ''],
      ['钱多多', '第一党支部', '党员', '', '', '', ''],
    ];
    const dry = await importRoster(w.stores, rows, { dryRun: true });
    const report = await importRoster(w.stores, rows);
    expect(formatRosterReport(dry).replace(/^.*?：正式导入将/, '')).toBe(
      formatRosterReport(report).replace(/^.*?：/, ''),
    );
    expect(report.accepted.map((a) => a.name)).toEqual(['陈书记', '周八', '钱多多']);
    expect(report.rejected).toEqual([
      expect.objectContaining({ line: 4, reason: '企业微信 userid zhouba 与前面的行重复' }),
    ]);
    const zhou = await w.stores.members.getByDirectory('wecom', 'zhouba');
    expect(zhou?.name).toBe('周八');
    expect(zhou?.directoryIds).toEqual({ wecom: 'zhouba', dingtalk: 'ding_zhou', 'feishu-open': 'ou_zhou' });

    // A later file giving 陈书记's id to someone else: rejected, 陈书记 keeps it.
    const again = await importRoster(w.stores, [
      ['姓名', '支部', '企业微信userid'],
      ['郑十', '第一党支部', 'chenshuji'],
    ]);
    expect(again.accepted).toEqual([]);
    expect(again.rejected[0]?.reason).toBe(
      '企业微信 userid chenshuji 已属于第一党支部的陈书记，不能再分配给郑十（如确需更换，请先在原成员处改正）',
    );
    expect((await w.stores.members.getByDirectory('wecom', 'chenshuji'))?.name).toBe('陈书记');
    expect(await w.stores.members.findByName('郑十')).toEqual([]);
  });

  it('a WeCom @-mention from the secretary is the secretary at once, with no claim', async () => {
    expect(await roleOf(CHEN)).toBe('secretary');
    // Recognised for everything keyed by bound ids: the entry is now bound to this sender.
    const chen = (await w.stores.members.findByName('陈书记'))[0]!;
    expect((await w.stores.members.get(chen.id))?.wechatId).toBe(CHEN);
    expect((await w.stores.branches.get(w.branch.id))?.secretaries).toContain(CHEN);
    expect(await ask('Chen', '/我是 陈书记')).toContain('已按通讯录识别您为陈书记，无需再用 /我是 绑定');
    const audit = await w.app.deps.audit.list();
    expect(audit.some((e) => e.action === 'member.claim-requested' && e.actor === CHEN)).toBe(false);
  });

  it('a member is recognised by the directory id, on this and other accounts and platforms, and /我是 says so', async () => {
    expect(await roleOf(ZHOU)).toBe('member');
    // The same corp user through a second WeCom robot, and on Feishu and DingTalk: the same member.
    expect(await roleOf('wecom:aibot2:zhouba')).toBe('member');
    expect(await roleOf('feishu:cli_app:ou_zhou')).toBe('member');
    expect(await roleOf('dingtalk:ding_app:ding_zhou')).toBe('member');
    // A bare WeChat id or a different platform with that string is not a directory match.
    expect(await roleOf('zhouba')).toBe('guest');
    expect(await roleOf('feishu:cli_app:zhouba')).toBe('guest');
    expect(await ask('zb', '/我是 赵六')).toContain('已按通讯录识别您为周八');
    expect((await w.stores.members.getByWechat('wxid_zhao'))?.name).toBe('赵六');
  });

  it('an unknown platform id still needs a claim, which the directory-recognised secretary confirms', async () => {
    expect(await roleOf(STRANGER)).toBe('guest');
    expect(await ask('qd', '/我是 钱多多')).toContain('已请支部书记确认');
    expect(await roleOf(STRANGER)).toBe('guest');
    const askChen = await w.waitFor(
      (s) => s.contactId === CHEN && s.text.includes('申请绑定为第一党支部名册中的钱多多'),
    );
    const id = /绑定 确认 (\d+)/.exec(askChen.text)![1]!;
    const before = w.said.length;
    w.post('Chen', `/绑定 确认 ${id}`);
    const done = await w.waitFor((s) => w.said.indexOf(s) >= before && s.contactId === CHEN);
    expect(done.text).toContain('已确认');
    expect(await roleOf(STRANGER)).toBe('member');
    expect((await w.stores.members.getByWechat(STRANGER))?.name).toBe('钱多多');
  });

  it('a corrected directory id in a later import takes recognition away from the old id', async () => {
    expect(await roleOf(ZHOU)).toBe('member');
    const report = await importRoster(w.stores, [
      ['姓名', '支部', '企业微信userid'],
      ['周八', '第一党支部', 'zhouba.new'],
    ]);
    expect(report.rejected).toEqual([]);
    expect(await roleOf(ZHOU)).toBe('guest');
    expect(await w.stores.members.getByWechat(ZHOU)).toBeUndefined();
    expect(await roleOf('wecom:aibot1:zhouba.new')).toBe('member');
  });

  it('a secretary bound to WeChat manages the branch from 企业微信 by the directory id alone', async () => {
    const report = await importRoster(w.stores, [
      ['姓名', '支部', '角色', '微信号', '企业微信userid'],
      ['孙书记', '第一党支部', '书记', SUN_WECHAT, 'sunshuji'],
    ]);
    expect(report.rejected).toEqual([]);
    const sun = (await w.stores.members.findByName('孙书记'))[0]!;
    expect(sun.wechatId).toBe(SUN_WECHAT);
    expect(await roleOf(SUN)).toBe('secretary');
    // Allowed for what a secretary of this branch does: schedule a meeting, and the binding stays on WeChat.
    expect(await ask('sun', '/会议 新建 党课 明天下午3点 三楼会议室')).toContain('已创建会议');
    expect((await w.stores.members.get(sun.id))?.wechatId).toBe(SUN_WECHAT);
  });
});

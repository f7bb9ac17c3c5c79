// The console's guarantees checked over HTTP (Fastify's inject, same server as the browser tests): link
// expiry, members without a console, Secure cookies over https, uploads checked and never served as pages,
// and /控制台 in chat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSignInLink } from '../../domains/roles/console-access.js';
import { PermissionError } from '../../ground/errors.js';
import { ROOM, startWebWorld, type WebWorld } from '../helpers/web-world.js';

let ww: WebWorld;
beforeAll(async () => {
  ww = await startWebWorld({ browser: false });
}, 60_000);
afterAll(async () => {
  await ww?.close();
});

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function cookiesOf(res: { headers: Record<string, unknown> }): string[] {
  const h = res.headers['set-cookie'];
  return (Array.isArray(h) ? h : h ? [h] : []) as string[];
}

/** Signs in through the two steps of the link page; returns the cookie header and a CSRF token. */
async function signIn(wechatId: string, headers: Record<string, string> = {}) {
  const token = new URL(await ww.link(wechatId)).pathname.split('/').pop()!;
  const app = ww.web.app;
  const get = await app.inject({ method: 'GET', url: `/login/${token}`, headers });
  const csrfCookie = cookiesOf(get).map((c) => c.split(';')[0]!);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(get.body)![1]!;
  const post = await app.inject({
    method: 'POST',
    url: `/login/${token}`,
    headers: { ...headers, cookie: csrfCookie.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    payload: `_csrf=${encodeURIComponent(csrf)}`,
  });
  const set = cookiesOf(post);
  const cookie = [...csrfCookie, ...set.map((c) => c.split(';')[0]!)].join('; ');
  return { post, set, cookie, csrf };
}

describe('web console security', () => {
  it('refuses an expired link with a clear page', async () => {
    await ww.w.stores.webAuth.saveLink('expired-token-0123456789', 'wxid_wang', 30);
    await new Promise((r) => setTimeout(r, 80));
    const res = await ww.web.app.inject({ method: 'GET', url: '/login/expired-token-0123456789' });
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('已过期');
  });

  it('gives members no console', async () => {
    await expect(issueSignInLink(ww.web.deps, 'wxid_zhang')).rejects.toBeInstanceOf(PermissionError);
  });

  it('sets an httpOnly, SameSite, Secure session cookie when served over https (behind a local proxy)', async () => {
    const https = await signIn('wxid_wang', { 'x-forwarded-proto': 'https' });
    expect(https.post.statusCode).toBe(303);
    const session = https.set.find((c) => c.startsWith('zhibu_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Secure/i);
    const http = await signIn('wxid_wang');
    expect(http.set.find((c) => c.startsWith('zhibu_session='))).not.toMatch(/Secure/i);
  });

  it('checks uploads and serves them only as downloads', async () => {
    const m = await ww.w.stores.meetings.create({
      branchId: ww.w.branch.id,
      type: '党课',
      title: '党课',
      startAt: Date.now() + 86_400_000,
      groupOffsets: [],
      secretaryOffsets: [],
      closeAfter: 1_800_000,
      escalateBefore: 0,
      createdBy: 'test',
    });
    const { cookie, csrf } = await signIn('wxid_wang');
    const upload = (name: string, body: Buffer, type: string) => {
      const b = '----zhibu';
      const payload = Buffer.concat([
        Buffer.from(
          `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
        ),
        body,
        Buffer.from(`\r\n--${b}--\r\n`),
      ]);
      return ww.web.app.inject({
        method: 'POST',
        url: `/meetings/${m.id}/evidence?_csrf=${encodeURIComponent(csrf)}`,
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${b}` },
        payload,
      });
    };
    const html = await upload('photo.png', Buffer.from('<html><script>alert(1)</script></html>'), 'image/png');
    expect(html.statusCode).toBe(400);
    expect(html.body).toContain('不符');
    const page = await upload('page.html', Buffer.from('<html></html>'), 'text/html');
    expect(page.statusCode).toBe(400);
    expect(await ww.w.stores.evidence.list(m.id)).toEqual([]);

    const ok = await upload('合影.png', PNG, 'image/png');
    expect(ok.statusCode).toBe(303);
    const [e] = await ww.w.stores.evidence.list(m.id);
    expect(e).toMatchObject({ kind: 'photo', name: '合影.png', mime: 'image/png', size: PNG.length });
    const got = await ww.web.app.inject({
      method: 'GET',
      url: `/meetings/${m.id}/evidence/${e!.id}`,
      headers: { cookie },
    });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toMatch(/^attachment;/);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.rawPayload.equals(PNG)).toBe(true);
    // Another branch's secretary cannot fetch it.
    const liu = await signIn('wxid_liu');
    const refused = await ww.web.app.inject({
      method: 'GET',
      url: `/meetings/${m.id}/evidence/${e!.id}`,
      headers: { cookie: liu.cookie },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('imports a roster with a row report and lets an admin grant and revoke the admin role, audited', async () => {
    const { cookie, csrf } = await signIn('wxid_admin');
    const b = '----zhibu';
    const csv =
      '姓名,支部,角色,微信号\n周九,第一党支部,党员,wxid_zhou\n,第一党支部,党员,\n吴十,第一党支部,书记,wxid_wu\n';
    const payload = Buffer.from(
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="名册.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${b}--\r\n`,
    );
    const res = await ww.web.app.inject({
      method: 'POST',
      url: `/members/import?_csrf=${encodeURIComponent(csrf)}`,
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${b}` },
      payload,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('接受 2 行，拒绝 1 行');
    const zhou = (await ww.w.stores.members.findByName('周九'))[0]!;
    expect(zhou.wechatId).toBe('wxid_zhou');
    expect(await ww.w.stores.branches.branchesOfSecretary('wxid_wu')).toEqual([ww.w.branch.id]);

    const post = (action: string) =>
      ww.web.app.inject({
        method: 'POST',
        url: '/members/admin',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(csrf)}&memberId=${zhou.id}&action=${action}`,
      });
    expect((await post('grant')).statusCode).toBe(303);
    expect(await ww.w.stores.admins.isAdmin('wxid_zhou')).toBe(true);
    expect((await post('revoke')).statusCode).toBe(303);
    expect(await ww.w.stores.admins.isAdmin('wxid_zhou')).toBe(false);
    const actions = (await ww.w.stores.audit.list()).filter((a) => a.actor === 'wxid_admin').map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['roster.import', 'admin.grant', 'admin.revoke']));
    // A secretary cannot grant.
    const wang = await signIn('wxid_wang');
    const refused = await ww.web.app.inject({
      method: 'POST',
      url: '/members/admin',
      headers: { cookie: wang.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(wang.csrf)}&memberId=${zhou.id}&action=grant`,
    });
    expect(refused.statusCode).toBe(403);
    expect(await ww.w.stores.admins.isAdmin('wxid_zhou')).toBe(false);
  });

  it("reschedules and cancels with the chat's parsing and rules; bad input changes nothing", async () => {
    const { cookie, csrf } = await signIn('wxid_wang');
    const form = (url: string, body: string) =>
      ww.web.app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(csrf)}&${body}`,
      });
    const created = await form(
      '/meetings',
      `branch=${ww.w.branch.id}&type=${encodeURIComponent('支委会')}&when=${encodeURIComponent('下周五下午3点')}&place=${encodeURIComponent('二楼')}`,
    );
    expect(created.statusCode).toBe(303);
    const id = /\/meetings\/(\d+)/.exec(String(created.headers.location))![1]!;
    const m = (await ww.w.stores.meetings.get(id))!;
    expect(m.type).toBe('支部委员会');
    expect(m.place).toBe('二楼');

    const past = await form(`/meetings/${id}/reschedule`, `when=${encodeURIComponent('昨天下午3点')}`);
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('已经过去了');
    const garbage = await form(`/meetings/${id}/reschedule`, `when=${encodeURIComponent('13月45日')}`);
    expect(garbage.statusCode).toBe(400);
    expect(await ww.w.stores.meetings.get(id)).toEqual(m);

    const moved = await form(`/meetings/${id}/reschedule`, `when=${encodeURIComponent('下周六上午9点')}`);
    expect(moved.statusCode).toBe(303);
    const next = (await ww.w.stores.meetings.get(id))!;
    expect(next.startAt).not.toBe(m.startAt);
    expect(new Date(next.startAt).getUTCHours()).toBe(1); // 09:00 in Shanghai

    const unconfirmed = await form(`/meetings/${id}/cancel`, 'confirm=no');
    expect(unconfirmed.statusCode).toBe(400);
    expect((await ww.w.stores.meetings.get(id))!.status).toBe('scheduled');
    expect((await form(`/meetings/${id}/cancel`, 'confirm=yes')).statusCode).toBe(303);
    expect((await ww.w.stores.meetings.get(id))!.status).toBe('cancelled');
    const again = await form(`/meetings/${id}/reschedule`, `when=${encodeURIComponent('下周日上午9点')}`);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('已取消');
    const audit = (await ww.w.stores.audit.list()).filter(
      (a) => a.actor === 'wxid_wang' && a.detail?.includes(`#${id}`),
    );
    expect(audit.map((a) => a.action)).toEqual(['meeting.create', 'meeting.reschedule', 'meeting.cancel']);
  });

  it('signs out (the session is gone) and rate-limits the sign-in pages', async () => {
    const { cookie, csrf } = await signIn('wxid_wang');
    const app = ww.web.app;
    expect((await app.inject({ method: 'GET', url: '/', headers: { cookie } })).statusCode).toBe(200);
    const out = await app.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrf)}`,
    });
    expect(out.statusCode).toBe(303);
    expect((await app.inject({ method: 'GET', url: '/', headers: { cookie } })).statusCode).toBe(401);
    const codes: number[] = [];
    for (let i = 0; i < 12; i++)
      codes.push(
        (await app.inject({ method: 'GET', url: '/login/no-such-token-0000000000', remoteAddress: '10.0.0.9' }))
          .statusCode,
      );
    expect(codes.slice(0, 10).every((c) => c === 410)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });

  it('answers /控制台 privately with a working link, and not in the group or to members', async () => {
    ww.w.post('王书记', '/控制台', { roomId: ROOM });
    await ww.w.waitFor((s) => s.roomId === ROOM && s.text.includes('请私聊我发送 /控制台'));
    ww.w.post('王书记', '/控制台');
    const reply = await ww.w.waitFor((s) => s.contactId === 'wxid_wang' && s.text.includes('/login/'));
    const url = /(http\S+\/login\/\S+)/.exec(reply.text)![1]!;
    expect(url.startsWith(ww.web.url)).toBe(true);
    const res = await ww.web.app.inject({ method: 'GET', url: new URL(url).pathname });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('登录');
    ww.w.post('张三', '/控制台');
    const no = await ww.w.waitFor((s) => s.contactId === 'wxid_zhang');
    expect(no.text).not.toContain('/login/');
  });
});

// Sign-in by one-time link: GET shows a button (link previews in chat apps fetch URLs and must not use the
// link up), POST consumes it and opens a session. Rate-limited; used or expired links get a clear page.
import type { FastifyInstance } from 'fastify';
import { redeemSignIn, signInLinkProblem } from '../../domains/roles/console-access.js';
import { cookieOptions, SESSION_COOKIE, signOut, web } from '../auth.js';
import type { WebDeps } from '../deps.js';
import { page } from '../render.js';

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
const limit = { rateLimit: { max: 10, timeWindow: 60_000 } };

export function registerLoginRoutes(app: FastifyInstance, deps: WebDeps): void {
  app.get<{ Params: { token: string } }>('/login/:token', { config: limit }, async (req, reply) => {
    const problem = TOKEN.test(req.params.token) ? await signInLinkProblem(deps, req.params.token) : '登录链接无效。';
    if (problem) return page(reply.code(410), 'message', { title: '无法登录', message: problem });
    return page(reply, 'login', { title: '登录控制台', token: req.params.token, csrf: reply.generateCsrf() });
  });

  app.post<{ Params: { token: string } }>('/login/:token', { config: limit }, async (req, reply) => {
    await new Promise<void>((resolve, reject) =>
      app.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve())),
    );
    const r = TOKEN.test(req.params.token)
      ? await redeemSignIn(deps, req.params.token)
      : { ok: false as const, reason: '登录链接无效。' };
    if (!r.ok) {
      await deps.audit.recordBy('web:anonymous', 'web.login', r.reason, false);
      return page(reply.code(410), 'message', { title: '无法登录', message: r.reason });
    }
    await deps.audit.recordBy(
      { talkerId: r.viewer.wechatId, talkerName: r.viewer.name },
      'web.login',
      `${r.viewer.role === 'admin' ? '管理员' : '书记'}登录控制台`,
    );
    reply.setCookie(SESSION_COOKIE, r.session, cookieOptions(req));
    return reply.redirect('/', 303);
  });

  app.post('/logout', async (req, reply) => {
    if (req.viewer) await deps.audit.recordBy(web(req.viewer), 'web.logout', '退出控制台');
    await signOut(deps.stores, req, reply);
    return reply.redirect('/signed-out', 303);
  });

  app.get('/signed-out', async (_req, reply) =>
    page(reply, 'message', { title: '已退出', message: '您已退出控制台。再次登录请私聊机器人发送 /控制台。' }),
  );
}

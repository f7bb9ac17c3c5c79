// The web console's HTTP server (Fastify): sessions by one-time link, CSRF on every form, role checks on
// every route, server-rendered Chinese pages (eta, escaped by default) that fit a 390 px phone screen.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import view from '@fastify/view';
import { Eta } from 'eta';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { PROJECT_ROOT } from '../ground/config.js';
import { isUserError, PermissionError } from '../ground/errors.js';
import { loadViewer } from './auth.js';
import type { WebDeps } from './deps.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerBroadcastRoutes } from './routes/broadcasts.js';
import { registerKnowledgeRoutes } from './routes/knowledge.js';
import { registerLoginRoutes } from './routes/login.js';
import { registerMeetingRoutes } from './routes/meetings.js';
import { registerOverviewRoutes } from './routes/overview.js';
import { page } from './render.js';
import { mountQueues } from './routes/queues.js';

export const VIEWS_DIR = path.join(PROJECT_ROOT, 'web', 'views');
const CSS = fs.readFileSync(path.join(VIEWS_DIR, 'app.css'), 'utf8');

export interface WebServer {
  app: FastifyInstance;
  /** Where it listens, e.g. http://127.0.0.1:8080. */
  url: string;
  close(): Promise<void>;
}

/** Paths served without a session. */
const PUBLIC = /^\/(login\/|static\/|healthz$|signed-out$|favicon)/;

export async function buildWebApp(deps: WebDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, trustProxy: '127.0.0.1', bodyLimit: 1024 * 1024 });
  await app.register(cookie, { secret: randomBytes(32).toString('hex') });
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: deps.config.web.uploadMaxBytes, files: 1, fields: 10 } });
  await app.register(csrf, {
    cookieKey: 'zhibu_csrf',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, signed: true },
    getToken: (req: FastifyRequest) =>
      (req.body as Record<string, string> | undefined)?._csrf ?? (req.query as Record<string, string>)._csrf,
  });
  await app.register(rateLimit, { global: false });

  app.addHook('onSend', async (req, reply, payload) => {
    // A POST's answer acknowledges what it changed: on a replica first (Deps.awaitReplicas; at once standalone).
    if (req.method === 'POST') await deps.awaitReplicas();
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    return payload;
  });
  // Every route but sign-in needs a session of a secretary or admin; every POST needs the form's CSRF token.
  app.addHook('preHandler', async (req, reply) => {
    const url = req.url.split('?')[0]!;
    if (PUBLIC.test(url)) return;
    req.viewer = await loadViewer(deps.stores, req);
    const queues = url === '/queues' || url.startsWith('/queues/');
    if (!req.viewer) {
      if (req.method === 'GET' && !queues)
        return page(reply.code(401), 'message', {
          title: '请先登录',
          message: '请在微信里私聊机器人发送 /控制台，用收到的一次性链接登录。',
        });
      return reply.code(401).type('text/plain; charset=utf-8').send('请先登录');
    }
    if (queues) {
      // bull-board's own pages and JSON API: admins only; its API is same-origin fetch with SameSite cookies.
      if (req.viewer.role !== 'admin') {
        await deps.audit.recordBy(req.viewer.wechatId, 'web.refused', `${req.method} ${url}`, false);
        return reply.code(403).type('text/plain; charset=utf-8').send('此页面仅管理员可用。');
      }
      return;
    }
    if (req.method === 'POST') {
      await new Promise<void>((resolve, reject) =>
        app.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve())),
      );
    }
  });

  app.get('/healthz', async () => ({ ok: true }));
  // The console's pages in their own scope: bull-board brings its own @fastify/view in its scope.
  await app.register(async (pages) => {
    await pages.register(view, {
      engine: { eta: new Eta({ views: VIEWS_DIR, autoEscape: true, cache: true }) },
      templates: VIEWS_DIR,
    });
    pages.addHook('onSend', async (_req, reply, payload) => {
      if (!reply.getHeader('Content-Security-Policy'))
        reply.header('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self'");
      return payload;
    });
    pages.get('/static/app.css', async (_req, reply) =>
      reply.type('text/css; charset=utf-8').header('Cache-Control', 'max-age=300').send(CSS),
    );
    registerLoginRoutes(pages, deps);
    registerOverviewRoutes(pages, deps);
    registerMeetingRoutes(pages, deps);
    registerBroadcastRoutes(pages, deps);
    registerKnowledgeRoutes(pages, deps);
    registerAdminRoutes(pages, deps);
    pages.setNotFoundHandler((_req, reply) =>
      page(reply.code(404), 'message', { title: '页面不存在', message: '没有这个页面。' }),
    );
    pages.setErrorHandler((err: Error & { code?: string; statusCode?: number }, req, reply) =>
      errorPage(deps, err, req, reply),
    );
  });
  await mountQueues(app, deps);
  return app;
}

async function errorPage(
  deps: WebDeps,
  err: Error & { code?: string; statusCode?: number },
  req: FastifyRequest,
  reply: FastifyReply,
) {
  if (err.code?.startsWith('FST_CSRF')) {
    await deps.audit.recordBy(req.viewer?.wechatId ?? 'web:anonymous', 'web.csrf', `${req.method} ${req.url}`, false);
    return page(reply.code(403), 'message', {
      title: '表单已失效',
      message: '这个表单已失效或不是从控制台提交的，未做任何更改。请刷新页面后重试。',
    });
  }
  if (err instanceof PermissionError) {
    await deps.audit.recordBy(
      req.viewer?.wechatId ?? 'web:anonymous',
      'web.refused',
      `${req.method} ${req.url}`,
      false,
    );
    return page(reply.code(403), 'message', { title: '没有权限', message: err.userMessage });
  }
  if (isUserError(err)) return page(reply.code(400), 'message', { title: '未能完成', message: err.userMessage });
  if (err.statusCode === 429)
    return page(reply.code(429), 'message', { title: '请求过于频繁', message: '请稍后再试。' });
  if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE')
    return page(reply.code(413), 'message', { title: '文件太大', message: '上传的文件超过大小限制，未保存。' });
  if (err.statusCode && err.statusCode < 500)
    return page(reply.code(err.statusCode), 'message', { title: '请求有误', message: '请求无法处理。' });
  deps.logger.error({ err, url: req.url }, 'web request failed');
  return page(reply.code(500), 'message', { title: '出错了', message: '服务器内部错误，已记录。请稍后再试。' });
}

export async function startWebServer(deps: WebDeps, opts: { host?: string; port?: number } = {}): Promise<WebServer> {
  const app = await buildWebApp(deps);
  const host = opts.host ?? deps.config.web.host;
  const port = opts.port ?? deps.config.web.port;
  await app.listen({ host, port });
  const addr = app.server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
  deps.logger.info({ url }, 'web console listening');
  return { app, url, close: () => app.close() };
}

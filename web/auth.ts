// Sessions of the web console: an httpOnly SameSite cookie holding a random token (only its hash is stored),
// checked on every request; the viewer's role and branches are looked up afresh each time, so a revoked
// secretary or admin loses access at once.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { consoleViewer, SESSION_TTL_MS, type ConsoleViewer } from '../domains/roles/console-access.js';
import type { Stores } from '../store/index.js';

export const SESSION_COOKIE = 'zhibu_session';

declare module 'fastify' {
  interface FastifyRequest {
    viewer?: ConsoleViewer;
  }
}

export function cookieOptions(req: FastifyRequest) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: req.protocol === 'https',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  };
}

export async function loadViewer(stores: Stores, req: FastifyRequest): Promise<ConsoleViewer | undefined> {
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return undefined;
  const s = await stores.webAuth.getSession(token);
  return s ? consoleViewer(stores, s.wechatId) : undefined;
}

export function requireViewer(req: FastifyRequest): ConsoleViewer {
  if (!req.viewer) throw new Error('route without a viewer');
  return req.viewer;
}

export async function signOut(stores: Stores, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = req.cookies[SESSION_COOKIE];
  if (token) await stores.webAuth.deleteSession(token);
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The audit actor of a console action: the person, marked as acting in the web console. */
export function web(v: { wechatId: string; name: string }) {
  return { talkerId: v.wechatId, talkerName: `${v.name}（网页）` };
}

// Who may use the web console and what they see: admins everything, secretaries their branches, members
// nothing. Sign-in is by one-time link (10 minutes, single use), issued here for chat (/控制台) and the CLI.
import { randomBytes } from 'node:crypto';
import { PermissionError, UserError } from '../../ground/errors.js';
import type { Config } from '../../ground/config.js';
import type { Stores } from '../../store/index.js';

export const SIGN_IN_TTL_MS = 10 * 60_000;
export const SESSION_TTL_MS = 12 * 3600_000;

export interface ConsoleViewer {
  wechatId: string;
  name: string;
  role: 'admin' | 'secretary';
  /** Branch ids a secretary may see and manage (empty for an admin, who sees every branch). */
  branchIds: string[];
}

type AccessDeps = { stores: Stores; config: Pick<Config, 'web'>; clock: { now(): number } };

/** The console view of a person, or undefined for members and strangers (no console). */
export async function consoleViewer(stores: Stores, wechatId: string): Promise<ConsoleViewer | undefined> {
  const [admin, secretaryOf, member] = await Promise.all([
    stores.admins.isAdmin(wechatId),
    stores.branches.branchesOfSecretary(wechatId),
    stores.members.getByWechat(wechatId),
  ]);
  const name = member?.name ?? wechatId;
  if (admin) return { wechatId, name, role: 'admin', branchIds: [] };
  if (secretaryOf.length) return { wechatId, name, role: 'secretary', branchIds: secretaryOf };
  return undefined;
}

export function canSeeBranch(v: ConsoleViewer, branchId: string): boolean {
  return v.role === 'admin' || v.branchIds.includes(branchId);
}

export function assertBranch(v: ConsoleViewer, branchId: string): void {
  if (!canSeeBranch(v, branchId)) throw new PermissionError('您只能查看和管理自己担任书记的支部。');
}

export function assertAdmin(v: ConsoleViewer): void {
  if (v.role !== 'admin') throw new PermissionError('此页面仅管理员可用。');
}

/** The console's base address: PUBLIC_URL, else where it listens. */
export function consoleBaseUrl(config: Pick<Config, 'web'>): string {
  const { publicUrl, host, port } = config.web;
  return publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** A one-time sign-in link for a secretary or admin. */
export async function issueSignInLink(
  deps: AccessDeps,
  wechatId: string,
): Promise<{ url: string; expiresAt: number; viewer: ConsoleViewer }> {
  const viewer = await consoleViewer(deps.stores, wechatId);
  if (!viewer) throw new PermissionError('控制台只对支部书记和管理员开放。');
  const token = randomBytes(24).toString('base64url');
  await deps.stores.webAuth.saveLink(token, wechatId, SIGN_IN_TTL_MS);
  return {
    url: `${consoleBaseUrl(deps.config)}/login/${token}`,
    expiresAt: deps.clock.now() + SIGN_IN_TTL_MS,
    viewer,
  };
}

/** A link for a roster name or WeChat id (the CLI's `zhibu web link 张三`). */
export async function issueSignInLinkFor(deps: AccessDeps, who: string) {
  const byWechat = await deps.stores.members.getByWechat(who);
  let wechatId = byWechat ? who : undefined;
  if (!wechatId) {
    const named = (await deps.stores.members.findByName(who)).filter((m) => m.wechatId);
    if (named.length > 1) throw new UserError(`花名册里有 ${named.length} 位“${who}”，请改用微信 ID。`);
    wechatId = named[0]?.wechatId ?? ((await deps.stores.admins.isAdmin(who)) ? who : undefined);
  }
  if (!wechatId) throw new UserError(`没有找到已绑定微信的“${who}”。`);
  return issueSignInLink(deps, wechatId);
}

const USED = '这个登录链接已经用过了。每个链接只能用一次，请在微信里私聊机器人发送 /控制台 获取新链接。';
const EXPIRED = '这个登录链接已过期或无效（链接 10 分钟内有效）。请在微信里私聊机器人发送 /控制台 获取新链接。';

/** Why a link cannot be used, or undefined while it is still valid (does not consume it). */
export async function signInLinkProblem(deps: AccessDeps, token: string): Promise<string | undefined> {
  const state = await deps.stores.webAuth.peekLink(token);
  return state === 'valid' ? undefined : state === 'used' ? USED : EXPIRED;
}

export type Redeemed = { ok: true; session: string; viewer: ConsoleViewer } | { ok: false; reason: string };

/** Consumes a link and opens a session; a used, expired or no-longer-entitled link opens nothing. */
export async function redeemSignIn(deps: AccessDeps, token: string): Promise<Redeemed> {
  const taken = await deps.stores.webAuth.takeLink(token);
  if (!taken.ok)
    return {
      ok: false,
      reason: taken.reason === 'used' ? USED : EXPIRED,
    };
  const viewer = await consoleViewer(deps.stores, taken.wechatId);
  if (!viewer) return { ok: false, reason: '您目前不是支部书记或管理员，无法使用控制台。' };
  const session = randomBytes(32).toString('base64url');
  await deps.stores.webAuth.saveSession(
    session,
    { wechatId: viewer.wechatId, createdAt: deps.clock.now() },
    SESSION_TTL_MS,
  );
  return { ok: true, session, viewer };
}

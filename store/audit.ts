// Append-only audit log in a Redis stream: every admin and secretary action and every refusal.
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

export interface AuditEntry {
  /** WeChat id of the actor, or "cli:<user>" / "system". */
  actor: string;
  actorName?: string;
  /** e.g. "meeting.create", "broadcast.confirm", "refused". */
  action: string;
  /** What it was about: ids, command text, target groups. */
  detail?: string;
  roomId?: string;
  ok: boolean;
}

export interface AuditRecord extends AuditEntry {
  id: string;
  at: number;
}

/** Who acted: the sender of a chat message (and its room), or an actor id such as "cli:<user>" or "system". */
export type AuditActor = string | { talkerId: string; talkerName?: string; roomId?: string };

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** The usual record: who did what, with what detail; ok unless said otherwise. */
  recordBy(who: AuditActor, action: string, detail?: string, ok?: boolean): Promise<void>;
  list(opts?: { since?: number; until?: number; limit?: number }): Promise<AuditRecord[]>;
}

export function createAuditLog(redis: Redis, prefix: string, clock: { now(): number } = Date): AuditLog {
  const key = storeKeys(prefix).audit;
  async function record(entry: AuditEntry): Promise<void> {
    const fields: string[] = [
      'at',
      String(clock.now()),
      'actor',
      entry.actor,
      'action',
      entry.action,
      'ok',
      entry.ok ? '1' : '0',
    ];
    if (entry.actorName) fields.push('actorName', entry.actorName);
    if (entry.detail) fields.push('detail', entry.detail.slice(0, 2000));
    if (entry.roomId) fields.push('roomId', entry.roomId);
    await redis.xadd(key, '*', ...fields);
  }
  return {
    record,
    async recordBy(who, action, detail, ok = true) {
      const actor =
        typeof who === 'string'
          ? { actor: who }
          : { actor: who.talkerId, actorName: who.talkerName, roomId: who.roomId };
      await record({ ...actor, action, detail, ok });
    },
    async list({ since, until, limit = 1000 } = {}) {
      const rows = await redis.xrange(
        key,
        since !== undefined ? String(since) : '-',
        until !== undefined ? String(until) : '+',
        'COUNT',
        limit,
      );
      return rows.map(([id, flat]) => {
        const f: Record<string, string> = {};
        for (let i = 0; i + 1 < flat.length; i += 2) f[flat[i]!] = flat[i + 1]!;
        return {
          id,
          at: Number(f.at),
          actor: f.actor ?? '',
          actorName: f.actorName,
          action: f.action ?? '',
          detail: f.detail,
          roomId: f.roomId,
          ok: f.ok === '1',
        };
      });
    },
  };
}

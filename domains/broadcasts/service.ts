// Broadcast operations shared by the chat commands and the CLI: create and schedule, cancel, status, list.
import { UserError } from '../../ground/errors.js';
import type { Broadcast, RunReport } from '../../store/broadcast-types.js';
import type { NewBroadcast } from '../../store/broadcasts.js';
import type { BroadcastDeps } from './deps.js';
import { deliverJobId, schedulerId } from './queue.js';
import { repeatOf } from './schedule.js';
import { settleRun } from './settle.js';

export interface BroadcastStatusView {
  broadcast: Broadcast;
  report?: RunReport;
  /** Next firing of a recurring broadcast. */
  next?: number;
}

export function createBroadcastService(deps: BroadcastDeps) {
  async function schedule(b: Broadcast): Promise<void> {
    if (b.schedule.type === 'once') {
      const delay = Math.max(0, b.schedule.at - deps.clock.now());
      await deps.queue.add(
        'deliver',
        { broadcastId: b.id },
        {
          jobId: deliverJobId(b.id),
          delay,
          attempts: 5,
          backoff: { type: 'exponential', delay: 2000 },
          removeOnComplete: 100,
          removeOnFail: 100,
        },
      );
      return;
    }
    const repeat = repeatOf(b.schedule)!;
    await deps.queue.upsertJobScheduler(schedulerId(b.id), repeat, {
      name: 'deliver',
      data: { broadcastId: b.id },
      opts: { attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 100, removeOnFail: 100 },
    });
  }

  async function mustGet(id: string): Promise<Broadcast> {
    const b = await deps.stores.broadcasts.get(id.replace(/^#/, ''));
    if (!b) throw new UserError(`没有编号为 ${id} 的广播。发送“/广播 列表”查看。`);
    return b;
  }

  return {
    /** Stores a confirmed broadcast and schedules it; the audit records who and which groups. */
    async create(input: NewBroadcast): Promise<Broadcast> {
      const b = await deps.stores.broadcasts.create(input);
      await schedule(b);
      await deps.audit.record({
        actor: input.createdBy,
        actorName: input.createdByName,
        action: 'broadcast.create',
        ok: true,
        detail: `#${b.id} ${b.kind} 目标 ${b.targets.join('、')}（${b.rooms.length} 个群：${b.rooms.join(',')}）：${b.text}`,
      });
      return b;
    },

    /** Stops a broadcast: unsent groups of a running one are withdrawn and counted as skipped. */
    async cancel(
      id: string,
      actor: { id: string; name?: string },
    ): Promise<{ broadcast: Broadcast; report?: RunReport }> {
      const b = await mustGet(id);
      if (b.status === 'cancelled') throw new UserError(`广播 #${b.id} 已经取消过了。`);
      if (b.status === 'done') throw new UserError(`广播 #${b.id} 已发送完毕，无法取消。`);
      await deps.stores.broadcasts.setStatus(b.id, 'cancelled');
      if (b.schedule.type === 'once') await deps.queue.remove(deliverJobId(b.id)).catch(() => 0);
      else await deps.queue.removeJobScheduler(schedulerId(b.id));
      let report: RunReport | undefined;
      if (b.lastRun) {
        await settleRun(deps, b.id, b.lastRun, true);
        report = await deps.stores.broadcasts.report(b.id, b.lastRun);
      }
      await deps.audit.record({
        actor: actor.id,
        actorName: actor.name,
        action: 'broadcast.cancel',
        ok: true,
        detail: `#${b.id}${report ? `：已发送 ${report.sent}，跳过 ${report.skipped}，发送中 ${report.queued}` : '：尚未开始发送'}`,
      });
      return { broadcast: { ...b, status: 'cancelled' }, report };
    },

    async status(id: string): Promise<BroadcastStatusView> {
      const b = await mustGet(id);
      const view: BroadcastStatusView = { broadcast: b };
      if (b.lastRun) {
        if (b.status !== 'cancelled') await settleRun(deps, b.id, b.lastRun, false);
        view.report = await deps.stores.broadcasts.report(b.id, b.lastRun);
      }
      if (b.schedule.type !== 'once' && b.status === 'active')
        view.next = (await deps.queue.getJobScheduler(schedulerId(b.id)))?.next;
      return view;
    },

    list: (limit?: number) => deps.stores.broadcasts.list(limit),
  };
}

export type BroadcastService = ReturnType<typeof createBroadcastService>;

// Meetings, reminders and check-ins: /会议, /签到, /绑定, /我是, check-in replies, and the meetings worker.
import { DEFAULT_ACK_WINDOW_MS, type MeetingDeps } from '../../domains/meetings/deps.js';
import { createMeetingQueue } from '../../domains/meetings/queue.js';
import { createDueBuckets } from '../../store/due-buckets.js';
import { startMeetingWorker, type MeetingWorker } from '../../domains/meetings/worker.js';
import { meetingRenderers } from '../../domains/meetings/remind.js';
import { bindRoomCommand } from '../handlers/meetings/bind-room.js';
import { checkinReplyHook, looksLikeCheckin, nicknameMatcher } from '../handlers/attendance/checkin-reply.js';
import { checkinStateCommand } from '../handlers/attendance/checkin-state.js';
import { claimNameCommand } from '../handlers/roles/claim-name.js';
import { meetingCommand } from '../handlers/meetings/meeting-command.js';
import { bareCancelConfirmHook, isBareConfirm } from '../handlers/meetings/meeting-change.js';
import type { Feature, FeatureFactory } from '../types.js';

export interface MeetingsFeatureOptions {
  ackWindowMs?: number;
  /** Tests: run without the worker (e.g. when another process runs it). */
  worker?: boolean;
}

export function createMeetingsFeature(opts: MeetingsFeatureOptions = {}): FeatureFactory {
  return (deps): Feature => {
    const logger = deps.logger.child({ mod: 'meetings' });
    const md: MeetingDeps = {
      ...deps,
      logger,
      queue: createMeetingQueue(deps.redis, deps.prefix, logger),
      buckets: createDueBuckets(deps.redis, deps.prefix),
      ackWindowMs: opts.ackWindowMs ?? DEFAULT_ACK_WINDOW_MS,
    };
    let worker: MeetingWorker | undefined;
    const confirmCancel = bareCancelConfirmHook(md);
    const checkinReply = checkinReplyHook(md);
    return {
      name: 'meetings',
      commands: [meetingCommand(md), checkinStateCommand(md), bindRoomCommand(md), claimNameCommand(md)],
      wantsText: (msg) => looksLikeCheckin(msg) || isBareConfirm(msg.text),
      onText: async (ctx) => (await confirmCancel(ctx)) || checkinReply(ctx),
      onInbound: nicknameMatcher(md, deps),
      renderers: meetingRenderers(md),
      async start() {
        if (opts.worker !== false) worker = startMeetingWorker(md);
      },
      async stop() {
        await worker?.close();
        await md.queue.close();
      },
    };
  };
}

export const meetingsFeature: FeatureFactory = createMeetingsFeature();

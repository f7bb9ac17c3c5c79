// Admin broadcasts and 每日一学: /广播, 确认 of drafts, and the worker that fans broadcasts out into the outbox.
import { createBroadcastRuntime } from '../../domains/broadcasts/runtime.js';
import { recordAccountIds, recordBotId } from '../../store/bot-id.js';
import { createBroadcastCommand } from '../handlers/broadcasts/broadcast.js';
import { createDraftReplyHook, isDraftReply } from '../handlers/broadcasts/broadcast-confirm.js';
import type { FeatureFactory } from '../types.js';

export const broadcastsFeature: FeatureFactory = (deps) => {
  const rt = createBroadcastRuntime(deps, { botId: deps.botId, accountIds: deps.accountIds });
  const { drafts } = deps.stores;
  return {
    name: 'broadcasts',
    commands: [createBroadcastCommand(rt, drafts)],
    wantsText: (msg) => isDraftReply(msg.text),
    onText: createDraftReplyHook(rt, drafts),
    async start() {
      // The CLI reads which bot's outbox carries the broadcasts (for status and cancel).
      await recordBotId(deps.redis, deps.prefix, deps.botId);
      await recordAccountIds(deps.redis, deps.prefix, deps.accountIds ?? [deps.botId]);
      rt.startWorker();
    },
    async stop() {
      await rt.close();
    },
  };
};

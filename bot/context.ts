// Builds the per-message ChatContext: reply() and replyPrivately() queue into the outbox with
// deterministic keys derived from the inbound message id, so a redelivered message is answered once.
import type { OutboxMessage } from '../jobs/outbox/types.js';
import type { AppDeps, ChatContext, InboundMessage, ReplyOptions, Role } from './types.js';

export function createContext(msg: InboundMessage, deps: AppDeps, role: Role): ChatContext {
  let seq = 0;
  const nextKey = (kind: string) => `${kind}:${msg.id}:${seq++}`;
  // A reply may acknowledge what the handler wrote (已创建会议, 已确认, a role change): those writes reach a
  // replica first, so a failover right after the reply cannot lose them (Deps.awaitReplicas; at once standalone).
  const say = async (message: OutboxMessage) => {
    await deps.awaitReplicas();
    await deps.outbox.enqueue(message);
  };
  return {
    msg,
    deps,
    role,
    async reply(text: string, opts: ReplyOptions = {}) {
      if (msg.roomId) {
        const mention = opts.mention ?? true;
        await say({
          to: { roomId: msg.roomId },
          text,
          mentionIds: mention ? [msg.talkerId] : [],
          key: nextKey('reply'),
        });
      } else {
        await say({ to: { contactId: msg.talkerId }, text, key: nextKey('reply') });
      }
    },
    async replyPrivately(text: string) {
      await say({ to: { contactId: msg.talkerId }, text, key: nextKey('dm') });
    },
  };
}

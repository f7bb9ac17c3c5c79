// Builds the per-message ChatContext: reply() and replyPrivately() queue into the outbox with
// deterministic keys derived from the inbound message id, so a redelivered message is answered once.
import type { AppDeps, ChatContext, InboundMessage, ReplyOptions, Role } from './types.js';

export function createContext(msg: InboundMessage, deps: AppDeps, role: Role): ChatContext {
  let seq = 0;
  const nextKey = (kind: string) => `${kind}:${msg.id}:${seq++}`;
  return {
    msg,
    deps,
    role,
    async reply(text: string, opts: ReplyOptions = {}) {
      if (msg.roomId) {
        const mention = opts.mention ?? true;
        await deps.outbox.enqueue({
          to: { roomId: msg.roomId },
          text,
          mentionIds: mention ? [msg.talkerId] : [],
          key: nextKey('reply'),
        });
      } else {
        await deps.outbox.enqueue({ to: { contactId: msg.talkerId }, text, key: nextKey('reply') });
      }
    },
    async replyPrivately(text: string) {
      await deps.outbox.enqueue({ to: { contactId: msg.talkerId }, text, key: nextKey('dm') });
    },
  };
}

// Reading the outbox's sent markers from outside it (a broadcast's delivery report): was a message sent,
// even after its job left the queue? The markers are written by the outbox worker (part 0 = first part sent).
import type { Redis } from '../../ground/redis/connect.js';
import { jobIdFor, outboxKeys } from './keys.js';

export interface SentMarks {
  /** True when the message with this key has gone out (its first part at least). */
  wasSent(messageKey: string): Promise<boolean>;
  /** The same for many keys in one pipeline, in order. */
  wereSent(messageKeys: string[]): Promise<boolean[]>;
}

export function createSentMarks(redis: Redis, prefix: string, botId: string): SentMarks {
  const keys = outboxKeys(prefix, botId);
  const marker = (messageKey: string) => keys.sent(jobIdFor(messageKey), 0);
  return {
    async wasSent(messageKey) {
      return (await redis.exists(marker(messageKey))) === 1;
    },
    async wereSent(list) {
      if (!list.length) return [];
      const pipe = redis.pipeline();
      for (const key of list) pipe.exists(marker(key));
      const marks = (await pipe.exec()) ?? [];
      return list.map((_, i) => marks[i]?.[1] === 1);
    },
  };
}

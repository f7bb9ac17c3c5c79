// The outbox's Sender over Wechaty: finds the room or contact by id and says the text.
// Platform throttling (操作过于频繁 and the like) becomes RateLimitedError so the outbox backs off.
import type { Contact, Wechaty } from 'wechaty';
import { RateLimitedError, type OutboxTarget, type Sender } from '../../../jobs/outbox/types.js';

const RATE_LIMIT_PATTERN = /频繁|过快|too (many|frequent)|rate.?limit|frequency/i;

export function isPlatformRateLimit(err: unknown): boolean {
  return RATE_LIMIT_PATTERN.test(err instanceof Error ? err.message : String(err));
}

export function createWechatySender(bot: Wechaty): Sender {
  return {
    async send(to: OutboxTarget, text: string, mentionIds: string[]) {
      try {
        if (to.roomId) {
          const room = await bot.Room.find({ id: to.roomId });
          if (!room) throw new Error(`room not found: ${to.roomId}`);
          const found = await Promise.all(mentionIds.map((id) => bot.Contact.find({ id })));
          const mentions = found.filter((c): c is Contact => Boolean(c));
          await (mentions.length ? room.say(text, ...mentions) : room.say(text));
          return;
        }
        if (!to.contactId) throw new Error('outbox target has neither roomId nor contactId');
        const contact = await bot.Contact.find({ id: to.contactId });
        if (!contact) throw new Error(`contact not found: ${to.contactId}`);
        await contact.say(text);
      } catch (err) {
        if (isPlatformRateLimit(err)) throw new RateLimitedError((err as Error).message);
        throw err;
      }
    },
  };
}

// The outbox's Sender over Wechaty: finds the room or contact by id and says the text.
// Platform throttling (操作过于频繁 and the like) becomes RateLimitedError so the outbox backs off.
import type { Contact, Wechaty } from 'wechaty';
import { RateLimitedError, type OutboxTarget, type Sender } from '../../../jobs/outbox/types.js';

const RATE_LIMIT_PATTERN = /频繁|过快|too (many|frequent)|rate.?limit|frequency/i;

export function isPlatformRateLimit(err: unknown): boolean {
  return RATE_LIMIT_PATTERN.test(err instanceof Error ? err.message : String(err));
}

/** A lookup that throws (the puppet has no payload for an id) counts as not found. */
async function quietly<T>(find: () => Promise<T | undefined>): Promise<T | undefined> {
  try {
    return await find();
  } catch {
    return undefined;
  }
}

export function createWechatySender(bot: Wechaty): Sender {
  return {
    async send(to: OutboxTarget, text: string, mentionIds: string[]) {
      try {
        if (to.roomId) {
          const room = await quietly(() => bot.Room.find({ id: to.roomId! }));
          if (!room) throw new Error('找不到该群（机器人可能已被移出群聊）');
          // Only members of the room can be @-mentioned: an id that left the group (or never joined) is dropped
          // instead of failing the whole message; the text still names everyone.
          let mentions: Contact[] = [];
          if (mentionIds.length) {
            const members = new Map(((await quietly(() => room.memberAll())) ?? []).map((c) => [c.id, c]));
            mentions = mentionIds.map((id) => members.get(id)).filter((c): c is Contact => Boolean(c));
          }
          await (mentions.length ? room.say(text, ...mentions) : room.say(text));
          return;
        }
        if (!to.contactId) throw new Error('消息没有收件人（既无群也无联系人）');
        const contact = await quietly(() => bot.Contact.find({ id: to.contactId! }));
        if (!contact) throw new Error('找不到该联系人（可能已不是好友）');
        await contact.say(text);
      } catch (err) {
        if (isPlatformRateLimit(err)) throw new RateLimitedError((err as Error).message);
        throw err;
      }
    },
    async describe(to: OutboxTarget) {
      if (to.roomId) {
        const room = await quietly(() => bot.Room.find({ id: to.roomId! }));
        const topic = room && (await quietly(() => room.topic()));
        return topic ? `群“${topic}”` : undefined;
      }
      const contact = to.contactId ? await quietly(() => bot.Contact.find({ id: to.contactId! })) : undefined;
      return contact ? `${contact.name()}` : undefined;
    },
  };
}

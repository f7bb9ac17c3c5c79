// Wechaty Message → RawMessage → filters → InboundMessage → router. The only inbound path from WeChat.
import { types, type Message, type Wechaty } from 'wechaty';
import { passesFilters, toInbound, type RawMessage } from '../../filters.js';
import type { InboundMessage } from '../../types.js';
import type { InboundAdapter, InboundOptions } from '../channel.js';

async function toRaw(msg: Message): Promise<RawMessage> {
  const room = msg.room();
  const talker = msg.talker();
  const isText = msg.type() === types.Message.Text;
  const raw: RawMessage = {
    id: msg.id,
    self: msg.self(),
    isText,
    text: msg.text(),
    timestamp: msg.date().getTime(),
    talkerId: talker.id,
    talkerName: talker.name(),
    fromOfficial: talker.type() === types.Contact.Official,
  };
  if (room && isText && !raw.self) {
    raw.roomId = room.id;
    raw.roomTopic = await room.topic();
    raw.roomAlias = (await room.alias(talker)) || undefined;
    raw.mentionSelf = await msg.mentionSelf();
    if (raw.mentionSelf) raw.mentionText = await msg.mentionText();
  } else if (room) {
    raw.roomId = room.id;
  }
  return raw;
}

export function attachInbound(
  bot: Wechaty,
  handle: (msg: InboundMessage) => Promise<void>,
  opts: InboundOptions,
): InboundAdapter {
  const inFlight = new Set<Promise<void>>();
  let open = true;
  const onMessage = (msg: Message) => {
    if (!open) return;
    const p = (async () => {
      const raw = await toRaw(msg);
      if (!passesFilters(raw, opts.clock.now())) return;
      await handle(toInbound(raw, opts.botName));
    })()
      .catch((err: unknown) => opts.logger.error({ err, msgId: msg.id }, 'inbound adapter failed'))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  bot.on('message', onMessage);
  return {
    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    async drain(timeoutMs) {
      open = false;
      bot.off('message', onMessage);
      const timer = new Promise<void>((r) => setTimeout(r, timeoutMs).unref());
      await Promise.race([Promise.allSettled([...inFlight]), timer]);
    },
  };
}

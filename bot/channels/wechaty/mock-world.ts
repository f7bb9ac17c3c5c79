// A real Wechaty on wechaty-puppet-mock with a logged-in bot, contacts and rooms: the console chat's
// simulated branch and the tests' WeChat. Members post through post(); what the bot says is reported
// to onBotSay() listeners with its room or private target.
import { randomUUID } from 'node:crypto';
import { types, WechatyBuilder, type Wechaty } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';

export interface MockWorldSpec {
  bot: { id: string; name: string };
  contacts: Array<{ id: string; name: string }>;
  /** Room ids must contain "@" (e.g. "branch-1@chatroom"): that is how the mock tells rooms from contacts. */
  rooms: Array<{ id: string; topic: string; memberIds: string[] }>;
}

export interface BotSaid {
  /** Set for room messages. */
  roomId?: string;
  /** Set for private messages: the contact the bot wrote to. */
  contactId?: string;
  text: string;
  at: number;
}

export interface PostOptions {
  /** Post into this room; omitted: privately to the bot. */
  roomId?: string;
  /** @-mention the bot (room only): text becomes "@BOT_NAME\u2005text" with the bot in the mention list. */
  mentionBot?: boolean;
  /** Epoch ms the message claims to be sent at (default now): for stale-message tests. */
  timestamp?: number;
  /** Post as the bot itself: for self-message tests. */
  asBot?: boolean;
}

export interface MockWorld {
  bot: Wechaty;
  mocker: mock.Mocker;
  botId: string;
  botName: string;
  /** Finds a contact id by id or display name. */
  contactId(idOrName: string): string;
  /** Posts a text as a contact; returns the message id. */
  post(from: string, text: string, opts?: PostOptions): string;
  onBotSay(listener: (said: BotSaid) => void): () => void;
  stop(): Promise<void>;
}

interface MessageMockLike {
  talker(): { id: string };
  room(): { id: string } | undefined;
  listener(): { id: string } | undefined;
  text(): string | undefined;
}
interface EventEmitterLike {
  on(event: 'message', listener: (m: MessageMockLike) => void): void;
}

export async function startMockWorld(spec: MockWorldSpec): Promise<MockWorld> {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const bot = WechatyBuilder.build({ name: `mock-${randomUUID().slice(0, 8)}`, puppet });
  await bot.start();
  const botContact = mocker.createContact({ id: spec.bot.id, name: spec.bot.name });
  mocker.login(botContact);
  const byName = new Map<string, string>();
  for (const c of spec.contacts) {
    mocker.createContact({ id: c.id, name: c.name });
    byName.set(c.name, c.id);
  }
  for (const r of spec.rooms) {
    const memberIdList = r.memberIds.includes(spec.bot.id) ? r.memberIds : [spec.bot.id, ...r.memberIds];
    mocker.createRoom({ id: r.id, topic: r.topic, memberIdList, ownerId: memberIdList[1] ?? spec.bot.id });
  }
  const listeners = new Set<(said: BotSaid) => void>();
  // ContactMock is an EventEmitter, but its declarations lose `on`.
  (botContact as unknown as EventEmitterLike).on('message', (m: MessageMockLike) => {
    if (m.talker().id !== spec.bot.id) return;
    const roomId = m.room()?.id;
    const said: BotSaid = {
      text: m.text() ?? '',
      at: Date.now(),
      ...(roomId ? { roomId } : { contactId: m.listener()?.id }),
    };
    for (const l of listeners) l(said);
  });

  const contactId = (idOrName: string) => {
    if (idOrName === spec.bot.id || idOrName === spec.bot.name) return spec.bot.id;
    if (spec.contacts.some((c) => c.id === idOrName)) return idOrName;
    const id = byName.get(idOrName);
    if (!id) throw new Error(`unknown mock contact: ${idOrName}`);
    return id;
  };

  return {
    bot,
    mocker,
    botId: spec.bot.id,
    botName: spec.bot.name,
    contactId,
    post(from, text, opts = {}) {
      const talkerId = opts.asBot ? spec.bot.id : contactId(from);
      const id = randomUUID();
      const base = { id, talkerId, timestamp: opts.timestamp ?? Date.now(), type: types.Message.Text };
      const payload = opts.roomId
        ? {
            ...base,
            roomId: opts.roomId,
            text: opts.mentionBot ? `@${spec.bot.name}\u2005${text}` : text,
            mentionIdList: opts.mentionBot ? [spec.bot.id] : [],
          }
        : { ...base, listenerId: spec.bot.id, text };
      mocker.MessageMock.create(payload);
      puppet.emit('message', { messageId: id });
      return id;
    },
    onBotSay(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      listeners.clear();
      await bot.stop();
    },
  };
}

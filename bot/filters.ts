// Reusable predicates applied before routing. They see a RawMessage, a neutral snapshot the Wechaty
// adapter builds, so they are cheap to run and to test without a puppet.
import type { InboundMessage } from './types.js';

export const MAX_AGE_SECONDS = 120;
export const MAX_TEXT_CHARS = 2000;

/** What the adapter reads from a Wechaty message before any decision is made. */
export interface RawMessage {
  id: string;
  self: boolean;
  isText: boolean;
  /** Full text as sent (mentions included). */
  text: string;
  /** Epoch ms when sent. */
  timestamp: number;
  talkerId: string;
  talkerName: string;
  /** Official accounts (公众号) and other non-person senders are never answered. */
  fromOfficial?: boolean;
  roomId?: string;
  roomTopic?: string;
  roomAlias?: string;
  /** Room only: the bot is in the message's mention list. */
  mentionSelf?: boolean;
  /** Room only: text with the @mentions removed (Wechaty's mentionText()). */
  mentionText?: string;
}

export const isSelf = (m: RawMessage): boolean => m.self;
export const isText = (m: RawMessage): boolean => m.isText;
export const isStale = (m: RawMessage, now: number, maxAgeSec = MAX_AGE_SECONDS): boolean =>
  now - m.timestamp > maxAgeSec * 1000;
export const isPrivate = (m: RawMessage): boolean => !m.roomId;

const SEPARATORS = /^[\s\u2005\u3000,，:：、]+/;

/** If the text starts with "@BOT_NAME" or "BOT_NAME" followed by a separator, returns the rest; else undefined. */
export function stripBotName(text: string, botName: string): string | undefined {
  const t = text.trimStart();
  for (const head of [`@${botName}`, `＠${botName}`, botName]) {
    if (!t.startsWith(head)) continue;
    const rest = t.slice(head.length);
    if (rest === '' || SEPARATORS.test(rest)) return rest.replace(SEPARATORS, '').trim();
  }
  return undefined;
}

/** True when the message should enter the router at all (not self, text, not stale). */
export function passesFilters(m: RawMessage, now: number): boolean {
  return !isSelf(m) && isText(m) && !m.fromOfficial && !isStale(m, now);
}

/**
 * Invisible characters WeChat clients paste into text (zero-width spaces and joiners, word joiner, BOM):
 * removed so "/会议\u200b 列表" is the command it looks like. U+2005, which WeChat puts after an @name, becomes a space.
 */
export function stripInvisible(text: string): string {
  return text.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').replace(/\u2005/g, ' ');
}

/** Decides whether the bot is addressed and extracts the text meant for it. */
export function toInbound(m: RawMessage, botName: string): InboundMessage {
  let addressed = true;
  let text = stripInvisible(m.text).trim();
  if (!isPrivate(m)) {
    const byName = stripBotName(text, botName);
    if (m.mentionSelf)
      text =
        stripBotName(stripInvisible(m.mentionText ?? text), botName) ?? stripInvisible(m.mentionText ?? text).trim();
    else if (byName !== undefined) text = byName;
    else addressed = false;
  } else {
    text = stripBotName(text, botName) ?? text;
  }
  return {
    id: m.id,
    text,
    talkerId: m.talkerId,
    talkerName: m.talkerName,
    roomId: m.roomId,
    roomTopic: m.roomTopic,
    roomAlias: m.roomAlias,
    addressed,
    timestamp: m.timestamp,
  };
}

/** Slash commands: "/会议 列表" or with a full-width slash "／会议 列表". */
export function parseCommand(text: string): { name: string; args: string } | undefined {
  const m = /^[/／](\S+)(?:[\s\u3000]+([\s\S]*))?$/.exec(text.trim());
  if (!m) return undefined;
  return { name: `/${m[1]}`, args: (m[2] ?? '').trim() };
}

export const isHelpRequest = (text: string): boolean => /^(帮助|help|\?|？|[/／](帮助|help))$/i.test(text.trim());
export const isTooLong = (text: string): boolean => text.length > MAX_TEXT_CHARS;

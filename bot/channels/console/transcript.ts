// How console lines look: "[10:32:05] 李四 → 第一党支部：…" for what you type and what the bot says.
import { formatClock } from '../../../ground/time/format.js';
import type { BotSaid, MockWorld } from '../wechaty/mock-world.js';

export interface Names {
  room(roomId: string): string;
  contact(contactId: string): string;
}

export function namesFrom(spec: {
  contacts: Array<{ id: string; name: string }>;
  rooms: Array<{ id: string; topic: string }>;
}): Names {
  const contacts = new Map(spec.contacts.map((c) => [c.id, c.name]));
  const rooms = new Map(spec.rooms.map((r) => [r.id, r.topic]));
  return { room: (id) => rooms.get(id) ?? id, contact: (id) => contacts.get(id) ?? id };
}

export function formatBotSaid(said: BotSaid, world: MockWorld, names: Names, timeZone: string): string {
  const target = said.roomId ? `群「${names.room(said.roomId)}」` : `${names.contact(said.contactId ?? '')}（私聊）`;
  return `[${formatClock(said.at, timeZone)}] ${world.botName} → ${target}：\n${indent(said.text)}`;
}

export function formatTyped(
  at: number,
  speaker: string,
  roomTopic: string | undefined,
  text: string,
  timeZone: string,
): string {
  const target = roomTopic ? `群「${roomTopic}」` : '机器人（私聊）';
  return `[${formatClock(at, timeZone)}] ${speaker} → ${target}：${text}`;
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');

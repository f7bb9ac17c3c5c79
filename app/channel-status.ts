// The bot's channels as the web console shows them, as plain data: Wechaty (and the console's mock WeChat) tells
// whether it is logged in; platform channels reconnect by themselves and expose no state, so they are "running".
import type { Channel } from '../bot/channels/channel.js';
import type { ChannelStatus } from '../web/deps.js';

export function channelStatuses(channels: Channel[]): ChannelStatus[] {
  return channels.map((c) => {
    const bot = (c as Channel & { bot?: { isLoggedIn?: boolean } }).bot;
    const state = bot ? (bot.isLoggedIn ? 'online' : 'offline') : 'running';
    return { kind: c.kind, accountId: c.accountId, state };
  });
}

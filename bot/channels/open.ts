// Opens the configured channels (CHANNELS=wecom,feishu …). Each platform's SDK is imported only when its
// channel is configured: an SDK costs 25–65 MB of memory once loaded. With CHANNELS unset, zhibu runs as it
// always did: Wechaty when a real puppet is configured, otherwise the console's mock world.
import type { Config } from '../../ground/config.js';
import type { Logger } from '../../ground/logger.js';
import type { Channel, ChannelKind } from './channel.js';
import type { WechatConnection } from './wechaty/connect.js';
import type { MockWorldSpec } from './wechaty/mock-world.js';

export interface OpenedChannels {
  /** In CHANNELS order; the first is the primary account (broadcast queues, the CLI's outbox). */
  channels: Channel[];
  /** Set when Wechaty or the console runs. */
  wechat?: WechatConnection;
  stop(): Promise<void>;
}

export interface OpenOptions {
  /** Run the Wechaty/console channel on the mock puppet (console chat, tests). */
  mock?: boolean;
  mockSpec?: MockWorldSpec;
  signal?: AbortSignal;
}

export function configuredKinds(config: Config, mock?: boolean): ChannelKind[] {
  if (config.channels.kinds.length) return config.channels.kinds;
  const realPuppet = Boolean(config.puppet && config.puppet !== 'wechaty-puppet-mock');
  return [realPuppet && !mock ? 'wechaty' : 'console'];
}

async function openOne(kind: ChannelKind, config: Config, logger: Logger, o: OpenOptions): Promise<Channel[]> {
  const c = config.channels;
  switch (kind) {
    case 'console':
    case 'wechaty': {
      const { connectWechat } = await import('./wechaty/connect.js');
      return [await connectWechat(config, logger, { ...o, mock: kind === 'console' || o.mock })];
    }
    case 'wecom': {
      const { openWecomChannel } = await import('./wecom/channel.js');
      return [await openWecomChannel({ ...c.wecom!, botName: config.botName }, logger)];
    }
    case 'wecom-webhook': {
      const { openWebhookChannel } = await import('./wecom-webhook/channel.js');
      return c.wecomWebhook!.robots.map((r) => openWebhookChannel(r, logger, c.wecomWebhook!.baseUrl));
    }
    case 'dingtalk': {
      const { openDingtalkChannel } = await import('./dingtalk/channel.js');
      return [await openDingtalkChannel(c.dingtalk!, logger)];
    }
    case 'feishu': {
      const { openFeishuChannel } = await import('./feishu/channel.js');
      return [await openFeishuChannel(c.feishu!, logger)];
    }
  }
}

export async function openChannels(config: Config, logger: Logger, o: OpenOptions = {}): Promise<OpenedChannels> {
  const channels: Channel[] = [];
  const stop = async () => {
    for (const ch of [...channels].reverse())
      await ch.stop().catch((err: unknown) => logger.warn({ err, channel: ch.accountId }, 'channel stop failed'));
  };
  try {
    for (const kind of configuredKinds(config, o.mock)) channels.push(...(await openOne(kind, config, logger, o)));
  } catch (err) {
    await stop();
    throw err;
  }
  const wechat = channels.find((ch): ch is WechatConnection => ch.kind === 'console' || ch.kind === 'wechaty');
  return { channels, wechat, stop };
}

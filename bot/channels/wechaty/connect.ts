// Brings up WeChat: the configured real puppet (waits for login), or the mock world for the console
// chat and tests. Returns the bot account id, which names the outbox queue.
import type { Wechaty } from 'wechaty';
import type { Config } from '../../../ground/config.js';
import type { Logger } from '../../../ground/logger.js';
import { demoWorldSpec } from '../console/demo-roster.js';
import type { Channel } from '../channel.js';
import { ChannelStartError } from '../start-error.js';
import { attachInbound } from './adapter.js';
import { buildRealWechaty } from './build.js';
import { createWechatySender } from './sender.js';
import { startMockWorld, type MockWorld, type MockWorldSpec } from './mock-world.js';

export interface WechatConnection extends Channel {
  bot: Wechaty;
  botId: string;
  /** Set when running on the mock puppet. */
  world?: MockWorld;
}

function asChannel(
  config: Config,
  bot: Wechaty,
  botId: string,
  stop: () => Promise<void>,
  world?: MockWorld,
): WechatConnection {
  return {
    bot,
    botId,
    world,
    // The mock world is the console chat's (and the tests') WeChat; a real puppet is the experimental route.
    kind: world ? 'console' : 'wechaty',
    accountId: botId,
    capabilities: {
      inbound: true,
      groupDelivery: 'all',
      mentions: true,
      buttons: false,
      markdown: false,
      maxTextChars: 1500,
      ratePerMinute: config.outbox.ratePerMinute,
      rateLimitBackoffMs: 60_000,
    },
    stop,
    attach: (handle, opts) => attachInbound(bot, handle, opts),
    sender: createWechatySender(bot),
  };
}

export { ChannelStartError };

export const usesRealPuppet = (config: Config) => Boolean(config.puppet && config.puppet !== 'wechaty-puppet-mock');

export async function connectWechat(
  config: Config,
  logger: Logger,
  opts: { mock?: boolean; mockSpec?: MockWorldSpec; signal?: AbortSignal } = {},
): Promise<WechatConnection> {
  if (opts.mock || !usesRealPuppet(config)) {
    const world = await startMockWorld(opts.mockSpec ?? demoWorldSpec(config.botName));
    return asChannel(config, world.bot, world.botId, () => world.stop(), world);
  }
  const bot = buildRealWechaty(config, logger);
  const loggedIn = new Promise<string>((resolve) => bot.once('login', (user) => resolve(user.id)));
  // An error while the puppet starts (service unreachable, token refused) fails the start instead of
  // waiting for a login that cannot come.
  let startError: unknown;
  const onStartError = (err: unknown) => {
    startError ??= err;
  };
  bot.on('error', onStartError);
  try {
    await bot.start();
  } catch (err) {
    startError ??= err;
  } finally {
    bot.off('error', onStartError);
  }
  if (startError) {
    await bot.stop().catch(() => undefined);
    throw new ChannelStartError(config.puppet ?? '', startError);
  }
  logger.info({ puppet: config.puppet }, 'waiting for WeChat login');
  const aborted = new Promise<never>((_, reject) => {
    if (opts.signal?.aborted) reject(new Error('aborted before WeChat login'));
    opts.signal?.addEventListener('abort', () => reject(new Error('aborted before WeChat login')), { once: true });
  });
  aborted.catch(() => undefined); // only raced below; never an unhandled rejection
  try {
    const botId = bot.isLoggedIn ? bot.currentUser.id : await Promise.race([loggedIn, aborted]);
    return asChannel(config, bot, botId, () => bot.stop());
  } catch (err) {
    await bot.stop();
    throw err;
  }
}

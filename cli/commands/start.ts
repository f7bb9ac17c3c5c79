import type { Command } from 'commander';
import { createApp, installShutdown } from '../../app/container.js';
import { createLogger } from '../../ground/logger.js';
import { configuredKinds } from '../../bot/channels/open.js';
import { ChannelStartError } from '../../bot/channels/wechaty/connect.js';
import { loadConfig } from '../../ground/config.js';
import { runConsole } from './chat.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      '启动机器人：按 CHANNELS 连接企业微信/钉钉/飞书（或配置了 WECHATY_PUPPET 时登录微信），都未配置时打开控制台模拟群聊',
    )
    .action(async () => {
      const config = loadConfig();
      const kinds = configuredKinds(config);
      if (kinds.length === 1 && kinds[0] === 'console') return runConsole(config, { web: config.web.enabled });
      const logger = createLogger(config.logLevel);
      const what = kinds.includes('wechaty') ? (config.puppet ?? 'wechaty') : kinds.join('、');
      process.stderr.write(`正在启动 ${what}…\n`);
      // Until the app is up (the QR login can take a while) a signal aborts the start and cleans up; so does a
      // crash inside a channel's libraries (e.g. wechaty-token on an unreachable discovery service), so the
      // embedded redis-server is stopped and the process exits with a Chinese message, not a stack.
      const starting = new AbortController();
      let failure: unknown;
      const abort = () => starting.abort();
      const crash = (err: unknown) => {
        failure ??= err;
        starting.abort();
      };
      process.once('SIGINT', abort).once('SIGTERM', abort);
      process.on('uncaughtException', crash).on('unhandledRejection', crash);
      const app = await createApp({ config, logger, signal: starting.signal, web: config.web.enabled }).catch(
        (err: unknown) => {
          const cause = failure ?? (starting.signal.aborted ? undefined : err);
          if (!cause) {
            process.stderr.write('已取消启动。\n');
            process.exit(130);
          }
          logger.error({ err: cause }, 'channel start failed');
          const message =
            cause instanceof ChannelStartError ? cause.message : new ChannelStartError(what, cause).message;
          process.stderr.write(`${message}\n`);
          logger.flush();
          process.exit(1);
        },
      );
      process.off('uncaughtException', crash).off('unhandledRejection', crash);
      process.off('SIGINT', abort).off('SIGTERM', abort);
      installShutdown(app, logger);
      process.stderr.write(`${config.botName} 已上线（账号 ${app.deps.botId}），按 Ctrl+C 停止。\n`);
      if (app.web)
        process.stderr.write(`网页控制台：${app.web.url}（书记和管理员私聊机器人发送 /控制台 获取登录链接）\n`);
    });
}

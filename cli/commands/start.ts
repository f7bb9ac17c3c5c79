import type { Command } from 'commander';
import { createApp, installShutdown } from '../../app/container.js';
import { createLogger } from '../../ground/logger.js';
import { configuredKinds } from '../../bot/channels/open.js';
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
      if (kinds.length === 1 && kinds[0] === 'console') return runConsole(config);
      const logger = createLogger(config.logLevel);
      process.stderr.write(`正在启动 ${kinds.includes('wechaty') ? config.puppet : kinds.join('、')}…\n`);
      // Until the app is up (the QR login can take a while) a signal aborts the start and cleans up.
      const starting = new AbortController();
      const abort = () => starting.abort();
      process.once('SIGINT', abort).once('SIGTERM', abort);
      const app = await createApp({ config, logger, signal: starting.signal }).catch((err: unknown) => {
        if (!starting.signal.aborted) throw err;
        process.stderr.write('已取消启动。\n');
        process.exit(130);
      });
      process.off('SIGINT', abort).off('SIGTERM', abort);
      installShutdown(app, logger);
      process.stderr.write(`${config.botName} 已上线（账号 ${app.deps.botId}），按 Ctrl+C 停止。\n`);
    });
}

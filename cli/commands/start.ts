import type { Command } from 'commander';
import { createApp, createWorkerApp, installShutdown } from '../../app/container.js';
import { configuredKinds } from '../../bot/channels/open.js';
import { ChannelStartError } from '../../bot/channels/start-error.js';
import { loadConfig } from '../../ground/config.js';
import { UserError } from '../../ground/errors.js';
import { createLogger } from '../../ground/logger.js';
import { runConsole } from './chat.js';
import { serveWebAlone } from './web.js';

/** Process roles: one process does everything, or edge, worker and web processes share one Redis. */
const ROLES = ['all', 'edge', 'worker', 'web'] as const;
type Role = (typeof ROLES)[number];

export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      '启动机器人：按 CHANNELS 连接企业微信/钉钉/飞书（或配置了 WECHATY_PUPPET 时登录微信），都未配置时打开控制台模拟群聊',
    )
    .option(
      '--role <角色>',
      'all（默认，全部在一个进程）| edge（聊天通道和发送队列）| worker（会议、广播、月度情况任务）| web（网页控制台）；多个进程共用一个 Redis',
      'all',
    )
    .action(async (opts: { role: string }) => {
      const role = opts.role as Role;
      if (!ROLES.includes(role)) throw new UserError(`未知的角色“${opts.role}”，可选：${ROLES.join('、')}。`);
      const config = loadConfig();
      const kinds = configuredKinds(config);
      if (role === 'all' && kinds.length === 1 && kinds[0] === 'console')
        return runConsole(config, { web: config.web.enabled });
      if (role === 'web') return serveWebAlone();
      const logger = createLogger(config.logLevel);
      const what = kinds.includes('wechaty') ? (config.puppet ?? 'wechaty') : kinds.join('、');
      process.stderr.write(role === 'worker' ? '正在启动任务进程…\n' : `正在启动 ${what}…\n`);
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
      const started =
        role === 'worker'
          ? createWorkerApp({ config, logger, signal: starting.signal })
          : createApp({ config, logger, signal: starting.signal, role, web: role === 'all' && config.web.enabled });
      const app = await started.catch((err: unknown) => {
        const cause = failure ?? (starting.signal.aborted ? undefined : err);
        if (!cause) {
          process.stderr.write('已取消启动。\n');
          process.exit(130);
        }
        logger.error({ err: cause }, 'start failed');
        const message =
          cause instanceof ChannelStartError || cause instanceof UserError
            ? cause.message
            : new ChannelStartError(what, cause).message;
        process.stderr.write(`${message}\n`);
        logger.flush();
        process.exit(1);
      });
      process.off('uncaughtException', crash).off('unhandledRejection', crash);
      process.off('SIGINT', abort).off('SIGTERM', abort);
      installShutdown(app, logger);
      const label = role === 'worker' ? '任务进程' : role === 'edge' ? '通道进程' : '';
      process.stderr.write(`${config.botName} ${label}已上线（账号 ${app.deps.botId}），按 Ctrl+C 停止。\n`);
      const web = 'web' in app ? (app as { web?: { url: string } }).web : undefined;
      if (web) process.stderr.write(`网页控制台：${web.url}（书记和管理员私聊机器人发送 /控制台 获取登录链接）\n`);
      if (role === 'worker' || role === 'edge') process.stdout.write(`ready ${role}\n`);
    });
}

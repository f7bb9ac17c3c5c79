import type { Command } from 'commander';
import { createApp, createWorkerApp, installShutdown } from '../../app/container.js';
import { createLogger } from '../../ground/logger.js';
import { usesRealPuppet } from '../../bot/channels/wechaty/connect.js';
import { loadConfig } from '../../ground/config.js';
import { UserError } from '../../ground/errors.js';
import { runConsole } from './chat.js';

const ROLES = ['all', 'edge', 'worker', 'web'] as const;
type Role = (typeof ROLES)[number];

/** Where the web console's start lives (web/ is built separately; the role is refused while it is absent). */
const WEB_START = '../../web/start.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('启动机器人：配置了 WECHATY_PUPPET 时登录微信，否则打开控制台模拟群聊')
    .option(
      '--role <角色>',
      'all（默认，全部在一个进程）| edge（聊天通道和发送队列）| worker（会议、广播、月度情况任务）| web（管理后台）；多个进程共用一个 Redis',
      'all',
    )
    .action(async (opts: { role: string }) => {
      const role = opts.role as Role;
      if (!ROLES.includes(role)) throw new UserError(`未知的角色“${opts.role}”，可选：${ROLES.join('、')}。`);
      const config = loadConfig();
      if (role === 'all' && !usesRealPuppet(config)) return runConsole(config);
      const logger = createLogger(config.logLevel);
      if (role === 'web') return startWeb(config, logger);
      process.stderr.write(role === 'worker' ? '正在启动任务进程…\n' : `正在启动 ${config.puppet ?? '模拟微信'}…\n`);
      // Until the app is up (the QR login can take a while) a signal aborts the start and cleans up.
      const starting = new AbortController();
      const abort = () => starting.abort();
      process.once('SIGINT', abort).once('SIGTERM', abort);
      const started =
        role === 'worker'
          ? createWorkerApp({ config, logger, signal: starting.signal })
          : createApp({ config, logger, signal: starting.signal, role, mock: !usesRealPuppet(config) });
      const app = await started.catch((err: unknown) => {
        if (!starting.signal.aborted) throw err;
        process.stderr.write('已取消启动。\n');
        process.exit(130);
      });
      process.off('SIGINT', abort).off('SIGTERM', abort);
      installShutdown(app, logger);
      process.stderr.write(
        `${config.botName} ${role === 'worker' ? '任务进程' : role === 'edge' ? '通道进程' : ''}已上线（账号 ${app.deps.botId}），按 Ctrl+C 停止。\n`,
      );
      if (role === 'worker' || role === 'edge') process.stdout.write(`ready ${role}\n`);
    });
}

/** The web console, when web/ provides `startWeb(config, logger)` returning something with stop(). */
async function startWeb(config: ReturnType<typeof loadConfig>, logger: ReturnType<typeof createLogger>) {
  const path: string = WEB_START;
  const web = (await import(path).catch(() => undefined)) as
    | { startWeb(c: typeof config, l: typeof logger): Promise<{ stop(): Promise<void> }> }
    | undefined;
  if (!web?.startWeb) throw new UserError('管理后台（web）尚未安装在这个版本中，请使用 all、edge 或 worker 角色。');
  const app = await web.startWeb(config, logger);
  installShutdown(app, logger);
}

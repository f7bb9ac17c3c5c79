import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../ground/config.js';
import { createApp, installShutdown } from '../../app/container.js';
import { createConsoleLogger } from '../../bot/channels/console/console-logger.js';
import { runConsoleChat } from '../../bot/channels/console/console-chat.js';
import { demoConfig, seedDemo } from '../../bot/channels/console/seed-demo.js';
import { createProgressReporter } from './progress.js';
import type { MockWorld } from '../../bot/channels/wechaty/mock-world.js';

/** The console has no WeChat risk control behind it: its outbox may send fast. */
const CONSOLE_OUTBOX_RATE = 600;

/** The console chat on the simulated branch 第一党支部 (wechaty-puppet-mock). */
export async function runConsole(config: Config): Promise<void> {
  const { logger, file } = createConsoleLogger(config.dataDir, config.logLevel);
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  if (interactive) process.stderr.write(`正在启动（日志写入 ${path.relative(process.cwd(), file) || file}）…\n`);
  const progress = createProgressReporter();
  const app = await createApp({
    config: demoConfig(config),
    logger,
    mock: true,
    outbox: { ratePerMinute: CONSOLE_OUTBOX_RATE },
    onKnowledgeProgress: progress.update,
    seed: (deps) => seedDemo(deps.stores, deps.clock),
  });
  progress.stop();
  installShutdown(app, logger);
  try {
    await runConsoleChat(
      { world: app.wechat!.world as MockWorld, config: app.deps.config, edge: app.edge, outbox: app.outbox },
      { input: process.stdin, output: process.stdout, interactive },
    );
  } finally {
    await app.stop();
  }
  logger.flush();
  process.exit(0);
}

export function registerChat(program: Command): void {
  program
    .command('chat')
    .description('控制台模拟群聊：在模拟支部「第一党支部」里以成员身份与机器人对话（非终端输入时逐行读取并输出记录）')
    .action(async () => {
      await runConsole(loadConfig());
    });
}

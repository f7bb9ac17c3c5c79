import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../ground/config.js';
import { createApp, installShutdown } from '../../app/container.js';
import { createConsoleLogger } from '../../bot/channels/console/console-logger.js';
import { runConsoleChat } from '../../bot/channels/console/console-chat.js';
import { demoConfig, seedDemo } from '../../bot/channels/console/seed-demo.js';
import { createProgressReporter } from './progress.js';
import { DEMO_SECRETARY_ID, printConsoleLink } from './web.js';
import type { MockWorld } from '../../bot/channels/wechaty/mock-world.js';

/** The console has no WeChat risk control behind it: its outbox may send fast. */
const CONSOLE_OUTBOX_RATE = 600;

/** The console chat on the simulated branch 第一党支部 (wechaty-puppet-mock); `zhibu start` adds the web console. */
export async function runConsole(config: Config, o: { web?: boolean } = {}): Promise<void> {
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
    seed: async (deps) => {
      if (!(await seedDemo(deps.stores, deps.clock)))
        process.stderr.write('提示：数据中已有“第一党支部”的名册，未写入演示数据（不覆盖真实名册）。\n');
    },
    web: o.web,
  });
  progress.stop();
  if (app.web) await printConsoleLink(app.web.url, app.deps, DEMO_SECRETARY_ID);
  installShutdown(app, logger);
  let lines = 0;
  try {
    ({ lines } = await runConsoleChat(
      { world: app.wechat!.world as MockWorld, config: app.deps.config, edge: app.edge, outbox: app.outbox },
      { input: process.stdin, output: process.stdout, interactive },
    ));
  } finally {
    await app.stop();
  }
  logger.flush();
  if (!interactive && lines === 0) {
    // Under a service manager (stdin = /dev/null) the console would otherwise start and stop without a word.
    process.stderr.write(
      '标准输入为空：控制台模拟群聊没有收到任何消息，已退出。\n' +
        "在终端里运行 npx zhibu start（或 npx zhibu chat）即可交互聊天；脚本可用管道逐行输入，例如 printf '/帮助\\n' | npx zhibu chat。\n" +
        '要作为服务长期运行，请在 .env 中配置 WECHATY_PUPPET 连接真实微信。\n',
    );
    process.exit(1);
  }
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

// zhibu web — the web console alone (the bot, when running, sends what it schedules); zhibu web link 张三 —
// a one-time sign-in link for a secretary or admin, printed to the terminal.
import type { Command } from 'commander';
import { startWeb } from '../../app/web.js';
import { formatDateTime } from '../../ground/time/format.js';
import { issueSignInLink, issueSignInLinkFor } from '../../domains/roles/console-access.js';
import { DEMO_BRANCH } from '../../bot/channels/console/demo-roster.js';
import type { Deps } from '../../domains/deps.js';
import { openSession } from './broadcast-connect.js';

export const DEMO_SECRETARY_ID = DEMO_BRANCH.members.find((m) => m.role === 'secretary')!.id;

/** Prints where the console is and a sign-in link for one person (the demo secretary on the console chat). */
export async function printConsoleLink(url: string, deps: Deps, wechatId: string): Promise<void> {
  const link = await issueSignInLink(deps, wechatId);
  await deps.audit.recordBy('cli:start', 'web.link', `为 ${link.viewer.name} 生成登录链接`);
  process.stderr.write(
    `网页控制台：${url}\n${link.viewer.name}的一次性登录链接（10 分钟内有效，只能用一次）：${link.url}\n`,
  );
}

/** The console alone (`zhibu web`, `zhibu start --role web`): on the shared Redis, sending left to the bot. */
export async function serveWebAlone(): Promise<void> {
  const s = await openSession();
  const handle = await startWeb(s.deps, { botId: s.botId });
  process.stderr.write(`网页控制台：${handle.url}（zhibu web link 姓名 生成登录链接；Ctrl+C 停止）\n`);
  const stop = async () => {
    await handle.close();
    await s.close();
    process.exit(0);
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
}

export function registerWeb(program: Command): void {
  const web = program
    .command('web')
    .description('网页控制台：单独启动（机器人运行时由机器人发送提醒和广播）；web link 姓名 生成登录链接');
  web.action(serveWebAlone);
  web
    .command('link <who>')
    .description('为书记或管理员（姓名或微信 ID）生成一次性登录链接（10 分钟内有效）')
    .action(async (who: string) => {
      const s = await openSession();
      try {
        const link = await issueSignInLinkFor(s.deps, who);
        await s.deps.audit.recordBy(s.actor, 'web.link', `为 ${link.viewer.name} 生成登录链接`);
        process.stdout.write(
          `${link.url}\n（${link.viewer.name}，${link.viewer.role === 'admin' ? '管理员' : '书记'}；${formatDateTime(link.expiresAt, s.config.timeZone)} 前有效，只能使用一次）\n`,
        );
      } finally {
        await s.close();
      }
    });
}

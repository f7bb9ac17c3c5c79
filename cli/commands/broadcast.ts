// zhibu broadcast send|list|status|cancel: the /广播 operations from the shell. The running bot (zhibu start)
// does the sending through its outbox; send shows a progress bar until every group is settled.
import readline from 'node:readline/promises';
import type { Command } from 'commander';
import { formatDetail, formatListItem, formatPreview } from '../../domains/broadcasts/preview.js';
import { prepareBroadcast } from '../../domains/broadcasts/request.js';
import { openBroadcasts, openSession } from './broadcast-connect.js';
import { followBroadcast } from './broadcast-progress.js';

async function withBroadcasts<T>(
  fn: (rt: Awaited<ReturnType<typeof openBroadcasts>>, actor: string) => Promise<T>,
): Promise<T> {
  const session = await openSession();
  try {
    const rt = await openBroadcasts(session);
    try {
      return await fn(rt, session.actor);
    } finally {
      await rt.close();
    }
  } finally {
    await session.close();
  }
}

async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^(y|yes|是|确认)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export function registerBroadcast(program: Command): void {
  const cmd = program
    .command('broadcast')
    .description('管理员广播：发送、列表、状态、取消（由运行中的 zhibu start 发送）');
  cmd
    .command('send')
    .description('发送广播，例如：zhibu broadcast send 立即 全部 "今晚8点收看党课"')
    .argument('<时间>', '立即、12月1日9:00、每天8:00、每周一9:00')
    .argument('<目标>', '全部、支部名称或群名称，多个用顿号分隔')
    .argument('<内容...>', '广播内容；“每日一学 [文件…]”为每日一学')
    .option('-y, --yes', '不再询问，直接确认')
    .option('--no-wait', '确认后立即返回，不显示进度')
    .action(async (when: string, target: string, content: string[], opts: { yes?: boolean; wait: boolean }) => {
      await withBroadcasts(async (rt, actor) => {
        const { deps, service } = rt;
        const { input } = await prepareBroadcast(`${when} ${target} ${content.join(' ')}`, { id: actor }, deps);
        process.stdout.write(
          `${formatPreview(input, await deps.stores.rooms.topics(input.rooms), deps.config.timeZone, deps.clock.now()).replace(/\n回复“确认”.*$/, '')}\n`,
        );
        // The CLI only queues: without a running bot nothing is sent until one starts, so say so instead of waiting.
        const botRunning = await rt.botRunning();
        const queuedNote = '机器人（zhibu start）当前没有运行：广播已排队，将在机器人启动后发出。';
        if (!botRunning) process.stderr.write(`注意：${queuedNote}\n`);
        if (!opts.yes && !(await confirm('确认发送？(y/N) '))) return void process.stderr.write('已放弃。\n');
        const b = await service.create({ ...input, createdAt: deps.clock.now() });
        process.stdout.write(`已确认：广播 #${b.id}\n`);
        if (!botRunning) return void process.stdout.write(`${queuedNote}可用 zhibu broadcast status ${b.id} 查看。\n`);
        const startsNow = b.schedule.type === 'once' && b.schedule.at <= deps.clock.now() + 5000;
        if (opts.wait && startsNow) await followBroadcast(service, b.id);
        if (opts.wait && startsNow) process.stdout.write(`${formatDetail(...(await detailArgs(rt, b.id)))}\n`);
      });
    });
  cmd
    .command('list')
    .description('最近的广播')
    .option('-n, --limit <n>', '条数', '20')
    .action(async (opts: { limit: string }) => {
      await withBroadcasts(async ({ service, deps }) => {
        const all = await service.list(Number(opts.limit));
        process.stdout.write(
          all.length ? `${all.map((b) => formatListItem(b, deps.config.timeZone)).join('\n')}\n` : '还没有广播。\n',
        );
      });
    });
  cmd
    .command('status')
    .description('广播详情与发送进度')
    .argument('<id>')
    .option('-f, --follow', '发送中时显示进度直到完成')
    .action(async (id: string, opts: { follow?: boolean }) => {
      await withBroadcasts(async (rt) => {
        if (opts.follow) await followBroadcast(rt.service, id);
        process.stdout.write(`${formatDetail(...(await detailArgs(rt, id)))}\n`);
      });
    });
  cmd
    .command('cancel')
    .description('取消广播：未发出的群跳过并计数')
    .argument('<id>')
    .action(async (id: string) => {
      await withBroadcasts(async ({ service }, actor) => {
        const { report } = await service.cancel(id, { id: actor });
        process.stdout.write(
          report
            ? `已取消广播 #${id}：已发送 ${report.sent}，跳过 ${report.skipped}，失败 ${report.failed}，发送中 ${report.queued}\n`
            : `已取消广播 #${id}（尚未开始发送）\n`,
        );
      });
    });
}

async function detailArgs(rt: Awaited<ReturnType<typeof openBroadcasts>>, id: string) {
  const v = await rt.service.status(id);
  const rooms = [...new Set([...v.broadcast.rooms, ...Object.keys(v.report?.failures ?? {})])];
  return [v.broadcast, v.report, v.next, await rt.deps.stores.rooms.topics(rooms), rt.deps.config.timeZone] as const;
}

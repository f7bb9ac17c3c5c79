// Follows a running broadcast with a progress bar until every group is settled (sent, failed, skipped).
import cliProgress from 'cli-progress';
import type { BroadcastService } from '../../domains/broadcasts/service.js';

export async function followBroadcast(
  service: BroadcastService,
  id: string,
  opts: { timeoutMs?: number; pollMs?: number } = {},
): Promise<void> {
  const bar = new cliProgress.SingleBar(
    {
      format: '广播 #{id} [{bar}] {value}/{total} 已发送 {sent} 失败 {failed} 跳过 {skipped}',
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    cliProgress.Presets.shades_classic,
  );
  const until = Date.now() + (opts.timeoutMs ?? 6 * 3600_000);
  let started = false;
  try {
    while (Date.now() < until) {
      const { broadcast, report } = await service.status(id);
      if (report?.total) {
        const done = report.total - report.queued;
        const payload = { id, sent: report.sent, failed: report.failed, skipped: report.skipped };
        if (!started) bar.start(report.total, done, payload);
        else bar.update(done, payload);
        started = true;
        if (report.queued === 0 || broadcast.status === 'cancelled') return;
      }
      await new Promise((r) => setTimeout(r, opts.pollMs ?? 1000));
    }
    process.stderr.write('\n等待超时：机器人进程（zhibu start）是否在运行？可稍后用 zhibu broadcast status 查看。\n');
  } finally {
    if (started) bar.stop();
  }
}

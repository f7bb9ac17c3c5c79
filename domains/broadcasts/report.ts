// The delivery report an admin receives when a broadcast run is over: sent, failed (with reasons), skipped.
import type { RunReport } from '../../store/broadcast-types.js';

export function formatReport(r: RunReport, topics: Map<string, string>, opts: { cancelled: boolean }): string {
  const lines = [
    `【广播 #${r.broadcastId} 发送报告】${opts.cancelled ? '（已取消）' : ''}`,
    `共 ${r.total} 个群：已发送 ${r.sent}，失败 ${r.failed}，跳过 ${r.skipped}${r.queued ? `，未完成 ${r.queued}` : ''}`,
  ];
  const failures = Object.entries(r.failures);
  if (failures.length) {
    lines.push('失败的群：');
    for (const [room, reason] of failures.slice(0, 20)) lines.push(`- ${topics.get(room) ?? room}：${reason}`);
    if (failures.length > 20) lines.push(`……另有 ${failures.length - 20} 个`);
  }
  if (r.skipped) lines.push(`跳过的 ${r.skipped} 个群因广播取消而未发送。`);
  return lines.join('\n');
}

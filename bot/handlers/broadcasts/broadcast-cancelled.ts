// The reply after /广播 取消.
import type { RunReport } from '../../../store/broadcast-types.js';

export function cancelledText(id: string, report: RunReport | undefined): string {
  if (!report) return `已取消广播 #${id}，尚未发送到任何群。`;
  const inFlight = report.queued ? `，正在发送的 ${report.queued} 个无法撤回` : '';
  return `已取消广播 #${id}：已发送 ${report.sent} 个群，跳过 ${report.skipped} 个群${report.failed ? `，失败 ${report.failed} 个` : ''}${inFlight}。`;
}

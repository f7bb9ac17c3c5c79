// zhibu questions --since 7d [--unanswered] [--branch NAME]: what members asked and what the documents could not
// answer, oldest first.
import type { Command } from 'commander';
import { UserError } from '../../ground/errors.js';
import { formatDateTime } from '../../ground/time/format.js';
import type { QuestionOutcome, QuestionRecord } from '../../store/question-log.js';
import { parseSince } from './audit.js';
import { openSession } from './broadcast-connect.js';

const OUTCOME_TEXT: Record<QuestionOutcome, string> = { answer: '已答', 'not-stated': '未载明', refusal: '拒答' };

export function formatQuestionLine(r: QuestionRecord, tz: string, branchName?: string): string {
  const where = r.channel === 'group' ? `群${branchName ? `（${branchName}）` : ''}` : '私聊';
  const cited = r.cited.length ? `  引用：${r.cited.join('、')}` : '';
  return `${formatDateTime(r.at, tz)}  ${OUTCOME_TEXT[r.outcome]}  ${where}  提问人 ${r.asker.slice(0, 8)}  ${r.ms} 毫秒  ${r.question}${cited}`;
}

export function registerQuestions(program: Command): void {
  program
    .command('questions')
    .description('查看成员提的问题：时间、渠道、结果（已答/未载明/拒答）、引用条款；提问人只显示哈希')
    .option('--since <时间>', '起始时间：30m、2h、7d、2026-12-01、昨天', '7d')
    .option('--until <时间>', '截止时间')
    .option('--unanswered', '只看文件没能回答的问题（未载明和拒答）')
    .option('--branch <支部名称>', '只看某个支部的群里提的问题')
    .option('-n, --limit <n>', '最多条数', '1000')
    .option('--json', '每行输出一条 JSON')
    .action(
      async (opts: {
        since: string;
        until?: string;
        unanswered?: boolean;
        branch?: string;
        limit: string;
        json?: boolean;
      }) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit <= 0) throw new UserError(`条数“${opts.limit}”不对：请写正整数。`);
        const s = await openSession();
        try {
          const tz = s.config.timeZone;
          const now = Date.now();
          const since = parseSince(opts.since, now, tz);
          const until = opts.until ? parseSince(opts.until, now, tz) : undefined;
          let branchId: string | undefined;
          if (opts.branch) {
            const branch = await s.deps.stores.branches.getByName(opts.branch.trim());
            if (!branch) throw new UserError(`没有名为“${opts.branch}”的支部。`);
            branchId = branch.id;
          }
          const rows = (await s.deps.stores.questions.list({ since, until, limit })).filter(
            (r) => (!opts.unanswered || r.outcome !== 'answer') && (!branchId || r.branchId === branchId),
          );
          const names = new Map((await s.deps.stores.branches.list()).map((b) => [b.id, b.name]));
          for (const r of rows) {
            const line = opts.json
              ? JSON.stringify(r)
              : formatQuestionLine(r, tz, r.branchId ? names.get(r.branchId) : undefined);
            process.stdout.write(`${line}\n`);
          }
          if (!opts.json) {
            const open = rows.filter((r) => r.outcome !== 'answer').length;
            process.stderr.write(`共 ${rows.length} 个问题，其中文件没能回答 ${open} 个\n`);
          }
        } finally {
          await s.close();
        }
      },
    );
}

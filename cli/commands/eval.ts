import crypto from 'node:crypto';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../ground/config.js';
import { cliLogger } from './cli-logger.js';

/** An eval on another corpus gets its own index folder, so it never replaces the main one. */
function evalConfig(base: Config, corpus?: string): Config {
  if (!corpus) return base;
  const corpusDir = path.resolve(corpus);
  const tag = crypto.createHash('sha1').update(corpusDir).digest('hex').slice(0, 10);
  return { ...base, corpusDir, dataDir: path.join(base.dataDir, 'eval', tag) };
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('用 JSONL 问题集评测问答：命中率、MRR、拒答准确率与召回率、must_include 覆盖率、延迟')
    .requiredOption('--set <file>', 'JSONL 问题集（格式见 ../shared/eval/README.md）')
    .option('--corpus <path>', '语料文件或文件夹（默认 CORPUS_DIR）')
    .option('--json', '最后一行输出 JSON 汇总')
    .option('-v, --verbose', '逐个列出未答好的题：排名、原因和答案')
    .action(async (opts: { set: string; corpus?: string; json?: boolean; verbose?: boolean }) => {
      const base = loadConfig();
      const config = evalConfig(base, opts.corpus);
      const logger = cliLogger(base.logLevel);
      const { createKnowledge } = await import('../../knowledge/index.js');
      const { bareDocs, evaluate, isMiss, readEvalSet } = await import('../../knowledge/eval.js');
      const items = await readEvalSet(path.resolve(opts.set));
      const knowledge = await createKnowledge(config, logger);
      const { rows, summary } = await evaluate(items, (q) => knowledge.answerDetailed(q), {
        bare: bareDocs(knowledge.index.chunks),
      });
      const out = process.stdout;
      const refusedMark = (r: (typeof rows)[number]) => (r.notStated ? '未载明' : '拒答');
      for (const r of rows) {
        const mark = r.answerable
          ? r.refused
            ? `误${refusedMark(r)}`
            : `rank=${r.rank || '-'} 含=${r.included}/${r.mustTotal}`
          : r.refused
            ? `${refusedMark(r)}√`
            : '未拒×';
        out.write(`${r.id}\t${mark}\t${r.ms.toFixed(1)}ms\t${r.reason}\t${r.q}\n`);
      }
      if (opts.verbose) {
        const misses = rows.filter(isMiss);
        out.write(`\n未答好 ${misses.length} 题：\n`);
        for (const r of misses) {
          const what = r.answerable
            ? r.refused
              ? `误${refusedMark(r)}`
              : `排名 ${r.rank || '前5之外'}，含 ${r.included}/${r.mustTotal}`
            : '该拒未拒';
          out.write(
            `${r.id}\t${what}\t原因 ${r.reason}\t${r.q}\n  前列：${r.ranked.join(' ')}\n  ${r.text.replace(/\n/g, '\n  ')}\n`,
          );
        }
      }
      out.write(
        `\n问题 ${summary.n}  hit@1 ${summary.hit1}  hit@3 ${summary.hit3}  MRR ${summary.mrr}\n` +
          `拒答 准确率 ${summary.refusal_precision}  召回率 ${summary.refusal_recall}（其中“未载明” ${summary.not_stated}）  可答被拒 ${summary.answerable_refused}  must_include ${summary.must_include}\n` +
          `答案长度 中位 ${summary.answer_chars_median} 字  最长 ${summary.answer_chars_max} 字\n` +
          `延迟 p50 ${summary.p50_ms} ms  p95 ${summary.p95_ms} ms\n`,
      );
      if (opts.json) out.write(`${JSON.stringify(summary)}\n`);
      await knowledge.close();
    });
}

import { registerAsk } from './ask.js';
import { registerIngest } from './ingest.js';

/** The answering core's commands, registered together by commands/index.ts. */
export const knowledgeCommands: Array<(program: Command) => void> = [registerIngest, registerAsk, registerEval];

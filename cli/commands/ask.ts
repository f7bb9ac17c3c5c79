import readline from 'node:readline';
import type { Command } from 'commander';
import { loadConfig } from '../../ground/config.js';
import { cliLogger } from './cli-logger.js';
import { createProgressReporter } from './progress.js';

export function registerAsk(program: Command): void {
  program
    .command('ask [question...]')
    .description('就语料提问；不带问题时进入交互问答（或逐行读取标准输入）')
    .option('--json', '以 JSON 输出完整答案（含引用与来源）')
    .action(async (words: string[], opts: { json?: boolean }) => {
      const config = loadConfig();
      const logger = cliLogger(config.logLevel);
      const { createKnowledge } = await import('../../knowledge/index.js');
      const progress = createProgressReporter();
      const k = await createKnowledge(config, logger, { onProgress: progress.update });
      progress.stop();
      const out = process.stdout;
      const show = async (q: string) => {
        if (!q.trim()) return;
        const a = await k.answerer.answer(q);
        out.write(opts.json ? `${JSON.stringify(a)}\n` : `${a.text}\n\n`);
      };
      if (words.length) await show(words.join(' '));
      else {
        const tty = process.stdin.isTTY;
        const rl = readline.createInterface({ input: process.stdin, output: tty ? out : undefined, terminal: tty });
        if (tty) {
          out.write('支部助手问答（输入问题后回车，Ctrl+D 或输入 退出 结束）\n');
          rl.setPrompt('问> ');
          rl.prompt();
        }
        for await (const line of rl) {
          if (/^(退出|exit|quit)$/i.test(line.trim())) break;
          await show(line);
          if (tty) rl.prompt();
        }
        rl.close();
      }
      await k.close();
    });
}

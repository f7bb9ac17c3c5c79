import type { Command } from 'commander';

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('运行全部性能基准，输出表格并写入 bench/results.json')
    .option('--only <name>', '只运行名称包含该字符串的基准')
    .option('--out <file>', '结果文件路径')
    .action(async (opts: { only?: string; out?: string }) => {
      const { runBenchmarks } = await import('../../bench/run.js');
      await runBenchmarks(opts);
    });
}

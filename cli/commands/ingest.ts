import type { Command } from 'commander';
import { loadConfig } from '../../ground/config.js';
import { cliLogger } from './cli-logger.js';
import { createProgressReporter } from './progress.js';

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('读取语料文件夹，切分、建立索引（BM25 + 向量），保存到数据目录')
    .option('--corpus <path>', '语料文件或文件夹（默认 CORPUS_DIR）')
    .option('--force', '即使索引是最新的也重建')
    .action(async (opts: { corpus?: string; force?: boolean }) => {
      const base = loadConfig();
      const config = opts.corpus ? { ...base, corpusDir: opts.corpus } : base;
      const logger = cliLogger(base.logLevel);
      const { createKnowledge } = await import('../../knowledge/index.js');
      const progress = createProgressReporter();
      const t0 = performance.now();
      const k = await createKnowledge(config, logger, { onProgress: progress.update, rebuild: opts.force ?? true });
      progress.stop();
      const docs = k.index.docs
        .map((d) => `${d.short}（${k.index.chunks.filter((c) => c.docId === d.id).length} 段）`)
        .join('、');
      process.stdout.write(
        `${k.built ? '索引已建立' : '索引已是最新'}：${k.index.docs.length} 份文件，${k.index.chunks.length} 段，` +
          `用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒。\n${docs}\n嵌入：${k.manifest.embedderId}\n`,
      );
      await k.close();
    });
}

// A cli-progress bar on stderr for index building; silent when stderr is not a terminal.
import cliProgress from 'cli-progress';
import type { Progress } from '../../knowledge/index.js';

const PHASES: Record<string, string> = { chunk: '分词', embed: '向量', index: '索引', save: '保存' };

export function createProgressReporter(): { update: Progress; stop(): void } {
  const bar = new cliProgress.SingleBar(
    {
      format: '{phase} [{bar}] {value}/{total}',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase = '';
  return {
    update: (p) => {
      if (p.phase !== phase) {
        if (phase) bar.stop();
        phase = p.phase;
        bar.start(p.total, p.done, { phase: PHASES[p.phase] ?? p.phase });
      } else bar.update(p.done);
    },
    stop: () => {
      if (phase) bar.stop();
    },
  };
}

// The knowledge core that can be rebuilt while the bot runs (the web console's 知识库 page): questions go to
// the current index until a rebuild has finished, then to the new one; one rebuild at a time, its progress
// readable while it runs.
import type { Config } from '../ground/config.js';
import type { Logger } from '../ground/logger.js';
import type { DetailedAnswer } from './answerer.js';
import { createKnowledge, type Knowledge, type KnowledgeOptions } from './index.js';
import type { Answerer } from './types.js';

export interface RebuildState {
  running: boolean;
  phase?: 'chunk' | 'embed' | 'index' | 'save';
  done?: number;
  total?: number;
  /** Chunks in the index now serving, and when it was loaded or built. */
  chunks: number;
  loadedAt: number;
  error?: string;
}

export interface LiveKnowledge {
  /** Always answers from the current index. */
  answerer: Answerer;
  answerDetailed(question: string): Promise<DetailedAnswer>;
  /** Starts a rebuild from the corpus folder unless one is running; resolves when it has been swapped in. */
  rebuild(): Promise<void>;
  state(): RebuildState;
  close(): Promise<void>;
}

export async function createLiveKnowledge(
  config: Config,
  logger: Logger,
  opts: KnowledgeOptions = {},
): Promise<LiveKnowledge> {
  let current: Knowledge = await createKnowledge(config, logger, opts);
  let st: RebuildState = { running: false, chunks: current.index.chunks.length, loadedAt: Date.now() };
  let running: Promise<void> | undefined;
  return {
    answerer: { answer: (q, o) => current.answerer.answer(q, o) },
    answerDetailed: (q) => current.answerDetailed(q),
    rebuild() {
      running ??= (async () => {
        st = { ...st, running: true, error: undefined, phase: 'chunk', done: 0, total: 0 };
        try {
          const next = await createKnowledge(config, logger, {
            rebuild: true,
            onProgress: (p) => (st = { ...st, phase: p.phase, done: p.done, total: p.total }),
          });
          const old = current;
          current = next;
          await old.close();
          st = { running: false, chunks: next.index.chunks.length, loadedAt: Date.now() };
        } catch (err) {
          logger.warn({ err }, 'knowledge rebuild failed');
          st = { ...st, running: false, error: (err as Error).message };
        } finally {
          running = undefined;
        }
      })();
      return running;
    },
    state: () => st,
    close: () => current.close(),
  };
}

// What a process started, stopped in reverse order: one failing step is logged and the rest still run.
import type { Logger } from '../ground/logger.js';

export interface Cleanups {
  push(step: () => Promise<unknown> | unknown): void;
  /** Runs every step once, last pushed first. */
  run(): Promise<void>;
}

export function createCleanups(logger: Logger): Cleanups {
  const steps: Array<() => Promise<unknown> | unknown> = [];
  return {
    push: (step) => void steps.push(step),
    async run() {
      for (const step of steps.splice(0).reverse())
        await Promise.resolve()
          .then(step)
          .catch((err: unknown) => logger.warn({ err }, 'shutdown step failed'));
    },
  };
}

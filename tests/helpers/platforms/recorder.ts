// A list of things a fake platform server saw, with a wait that resolves as soon as a matching item arrives.
// Tests wait on events, never sleep: on a busy 2-core machine only the timeout is generous.

export class Recorder<T> {
  readonly items: T[] = [];
  private waiters: { pred: (item: T) => boolean; resolve: (item: T) => void }[] = [];

  push(item: T): void {
    this.items.push(item);
    this.waiters = this.waiters.filter((w) => {
      if (!w.pred(item)) return true;
      w.resolve(item);
      return false;
    });
  }

  /** Resolves with the first item (already recorded or yet to come) that matches; rejects after timeoutMs. */
  waitFor(pred: (item: T) => boolean = () => true, timeoutMs = 8000, what = 'item'): Promise<T> {
    const found = this.items.find(pred);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        pred,
        resolve: (item: T) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  filter(pred: (item: T) => boolean): T[] {
    return this.items.filter(pred);
  }
}

/** Resolves when an emitter-style source calls back once; rejects after timeoutMs. */
export function eventually<T>(
  subscribe: (done: (value: T) => void) => void,
  timeoutMs = 8000,
  what = 'event',
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    subscribe((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

// A seeded pseudo-random generator (mulberry32) for reproducible fault and bad-input tests. The seed comes
// from the environment variable named by the caller (e.g. RELIABILITY_SEED) or a fixed default, and is printed.
export interface Rng {
  seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

/** The seed from `process.env[envName]` (decimal) or the default; printed so a failing run can be replayed. */
export function seededRng(label: string, envName: string, fallback: number): Rng {
  const raw = process.env[envName];
  const seed = raw && /^\d+$/.test(raw) ? Number(raw) : fallback;
  process.stdout.write(`[${label}] seed ${seed} (replay with ${envName}=${seed})\n`);
  return createRng(seed);
}

// Exhaustive switches: a case left out is a compile error (`x` is not `never`), and a value that arrives
// from outside the type (a job name read from Redis) is a clear runtime error instead of a wrong branch.
export function assertNever(x: never, what: string): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(x)}`);
}

// A snapshot of every key under a prefix (type and full value, normalised), and a diff of two snapshots:
// for "this must not change state" checks and for "every acknowledged record survived" checks.
import type { Redis } from '../../ground/redis/connect.js';

export type Snapshot = Map<string, string>;

async function readValue(redis: Redis, key: string): Promise<string | undefined> {
  const type = await redis.type(key);
  switch (type) {
    case 'none':
      return undefined;
    case 'string':
      return `string:${await redis.get(key)}`;
    case 'hash': {
      const h = await redis.hgetall(key);
      return `hash:${JSON.stringify(
        Object.keys(h)
          .sort()
          .map((f) => [f, h[f]]),
      )}`;
    }
    case 'set':
      return `set:${JSON.stringify((await redis.smembers(key)).sort())}`;
    case 'zset':
      return `zset:${JSON.stringify(await redis.zrange(key, '0', '-1', 'WITHSCORES'))}`;
    case 'list':
      return `list:${JSON.stringify(await redis.lrange(key, 0, -1))}`;
    case 'stream':
      return `stream:${JSON.stringify(await redis.xrange(key, '-', '+'))}`;
    default:
      return `${type}:?`;
  }
}

export async function snapshot(redis: Redis, prefix: string, ignore: RegExp[] = []): Promise<Snapshot> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  const out: Snapshot = new Map();
  for (const key of keys.sort()) {
    const rel = key.slice(prefix.length);
    if (ignore.some((re) => re.test(rel))) continue;
    const v = await readValue(redis, key);
    if (v !== undefined) out.set(rel, v);
  }
  return out;
}

export interface SnapshotDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

export function diffSnapshots(before: Snapshot, after: Snapshot): SnapshotDiff {
  return {
    added: [...after.keys()].filter((k) => !before.has(k)),
    removed: [...before.keys()].filter((k) => !after.has(k)),
    changed: [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k)),
  };
}

// 每日一学 (clause 21): each run of a study broadcast takes the next unit in document order, quoted with
// its citation; the cursor wraps only after the whole cycle, and a retried run keeps the unit it took.
import type { Redis } from '../../ground/redis/connect.js';
import type { StudyUnit } from '../../knowledge/study-units.js';

// KEYS: cursor, run's pick. ARGV: number of units. Returns the index for this run.
const PICK = `
local picked = redis.call('GET', KEYS[2])
if picked then return tonumber(picked) end
local n = tonumber(ARGV[1])
local cur = tonumber(redis.call('GET', KEYS[1]) or '0') % n
redis.call('SET', KEYS[2], cur, 'EX', 30 * 24 * 3600)
redis.call('SET', KEYS[1], (cur + 1) % n)
redis.call('INCR', KEYS[3])
return cur`;

export function studyKeys(prefix: string, broadcastId: string) {
  const base = `${prefix}study:${broadcastId}`;
  return { cursor: `${base}:cursor`, pick: (run: string) => `${base}:run:${run}`, given: `${base}:given` };
}

/** The unit index for a run (stable across retries of that run). */
export async function pickStudyUnit(redis: Redis, prefix: string, broadcastId: string, run: string, total: number): Promise<number> {
  const k = studyKeys(prefix, broadcastId);
  return (await redis.eval(PICK, 3, k.cursor, k.pick(run), k.given, String(total))) as number;
}

export function formatStudy(unit: StudyUnit, index: number, total: number): string {
  const section = unit.section ? ` ${unit.section}` : '';
  return `【每日一学】${unit.short}${unit.clause}（${index + 1}/${total}）\n“${unit.text.trim()}”\n——摘自《${unit.title}》${section}`;
}

/** The study text for a run, or undefined when the chosen documents have no units. */
export async function studyText(
  deps: { redis: Redis; prefix: string; studyUnits(docs: string[]): Promise<StudyUnit[]> },
  broadcastId: string,
  run: string,
  docs: string[],
): Promise<string | undefined> {
  const units = await deps.studyUnits(docs);
  if (!units.length) return undefined;
  const i = await pickStudyUnit(deps.redis, deps.prefix, broadcastId, run, units.length);
  return formatStudy(units[i]!, i, units.length);
}

// Chinese numbers and durations: 两小时, 半小时, 1天, 30秒, 1小时30分钟, 十五分钟.
import { cnToNumber } from '../cn-number.js';

/** 3, 十, 十五, 二十, 二十三, 一百 → number; undefined when not a number. */
export function parseCnNumber(text: string): number | undefined {
  return cnToNumber(text);
}

export const NUM = '(?:\\d+|[零〇一二两三四五六七八九十百]+)';

const UNITS: Array<[RegExp, number]> = [
  [/^(?:天|日)/, 86_400_000],
  [/^(?:个)?(?:小时|钟头)/, 3_600_000],
  [/^刻(?:钟)?/, 900_000], // 一刻钟
  [/^(?:分钟|分)/, 60_000],
  [/^秒(?:钟)?/, 1_000],
  [/^(?:周|星期|礼拜)/, 7 * 86_400_000],
];

/** Longer is a typo, not a plan (截止：99999999天 would keep check-in open, and the close job away, forever). */
export const MAX_DURATION_MS = 366 * 86_400_000;

export type DurationCheck = { ok: true; ms: number } | { ok: false; reason: 'not-duration' | 'too-long' };

/** Parses one duration, e.g. "1小时30分钟", "半小时", "30秒"; undefined when it is not entirely a duration or over a year. */
export function parseDuration(text: string): number | undefined {
  const r = checkDuration(text);
  return r.ok ? r.ms : undefined;
}

/** Like parseDuration, but tells a typo that is too long (99999999天) from text that is no duration at all. */
export function checkDuration(text: string): DurationCheck {
  const ms = sumDuration(text);
  if (ms === undefined) return { ok: false, reason: 'not-duration' };
  return ms > MAX_DURATION_MS ? { ok: false, reason: 'too-long' } : { ok: true, ms };
}

/** How the limit reads in messages. */
export const MAX_DURATION_TEXT = '366天';

function sumDuration(text: string): number | undefined {
  let rest = text.trim();
  if (!rest) return undefined;
  let total = 0;
  while (rest) {
    const half = /^半(?:个)?/.exec(rest);
    let amount: number | undefined;
    if (half) {
      amount = 0.5;
      rest = rest.slice(half[0].length);
    } else {
      const m = new RegExp(`^${NUM}(?:个)?`).exec(rest);
      if (!m) return undefined;
      amount = parseCnNumber(m[0].replace(/个$/, ''));
      rest = rest.slice(m[0].length);
      const andHalf = /^半/.exec(rest); // 一个半小时
      if (andHalf && amount !== undefined) (amount += 0.5), (rest = rest.slice(1));
    }
    const unit = UNITS.find(([re]) => re.test(rest));
    if (!unit || amount === undefined) return undefined;
    total += amount * unit[1];
    rest = rest.replace(unit[0], '').trim();
  }
  return Math.round(total);
}

/** "1天,1小时" / "1天、2小时" → [86400000, 7200000]; undefined if any part is not a duration. */
export function parseDurationList(text: string): number[] | undefined {
  const r = checkDurationList(text);
  return r.ok ? r.ms : undefined;
}

/** Like parseDurationList, telling a part that is too long from one that is no duration. */
export function checkDurationList(
  text: string,
): { ok: true; ms: number[] } | { ok: false; reason: 'not-duration' | 'too-long' } {
  const parts = text
    .split(/[,，、/和及]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return { ok: false, reason: 'not-duration' };
  const out: number[] = [];
  for (const p of parts) {
    const d = checkDuration(p.replace(/^(?:提前|前)/, '').replace(/(?:前|之前)$/, ''));
    if (!d.ok) return d;
    out.push(d.ms);
  }
  return { ok: true, ms: [...new Set(out)].sort((a, b) => b - a) };
}

/** 86400000 → 1天, 5400000 → 1小时30分钟, 5000 → 5秒. */
export function formatDuration(ms: number): string {
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, secs] of [
    ['天', 86_400],
    ['小时', 3_600],
    ['分钟', 60],
    ['秒', 1],
  ] as const) {
    const n = Math.floor(rest / secs);
    if (n) parts.push(`${n}${unit}`);
    rest -= n * secs;
  }
  return parts.join('') || '0秒';
}

// The one time-phrase parser: a table of what people type, at frozen base times (00:30, 15:00, 23:30 in Shanghai),
// with the zone passed explicitly — run here and again in child processes whose TZ is UTC and New York, which
// must agree: nothing may depend on the process's own zone.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSince } from '../../../cli/commands/audit.js';
import { parseWhen } from '../../../domains/broadcasts/schedule.js';
import { splitOptions } from '../../../domains/meetings/parse-command.js';
import { formatClock, formatDateTime } from '../../../ground/time/format.js';
import { parseInstant, parseMeetingTime, parseTimeOfDay } from '../../../ground/time/phrase.js';
import { parseRecurrence } from '../../../ground/time/recurrence.js';
import {
  startOfDay,
  startOfMonth,
  startOfNextDay,
  startOfQuarter,
  startOfWeek,
  today,
} from '../../../ground/time/zoned.js';
import { BASES, CASES, runCases, sh, shText, ZONE, type Outcome } from './phrase-cases.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function inChild(tz: string): { tz: string; outcomes: Outcome[] } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'phrase-cases-run.ts')], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out) as { tz: string; outcomes: Outcome[] };
}

describe('time phrases, table', () => {
  it(`reads all ${CASES.length} phrases as meant, at 00:30, 15:00 and 23:30 local`, () => {
    const outcomes = runCases();
    expect(outcomes.length).toBeGreaterThanOrEqual(50);
    expect(outcomes.filter((o) => o.got !== o.want)).toEqual([]);
    expect(outcomes.filter((o) => o.base.endsWith('0030')).length).toBeGreaterThanOrEqual(30);
  });

  it('gives the same instants with the process in UTC and in New York', () => {
    const mine = runCases();
    for (const tz of ['UTC', 'America/New_York']) {
      const child = inChild(tz);
      expect(child.tz).toBe(tz); // the child really ran in that zone
      expect(child.outcomes).toEqual(mine);
    }
  });
});

describe('time phrases, details', () => {
  const ctx = (local: string) => ({ now: sh(local), tz: ZONE });

  it('keeps the seconds of now for N分钟后', () => {
    const r = parseMeetingTime('2分钟后 三楼', ctx('2026-12-01 09:15:12'));
    expect(r).toMatchObject({ ok: true, rest: '三楼' });
    expect(r.ok && shText(r.at)).toBe('2026-12-01 09:17:12');
    expect(r.ok && formatClock(r.at, ZONE)).toBe('09:17:12');
  });

  it('returns what follows the time as the place, and refuses a number that is not a time', () => {
    expect(parseMeetingTime('明天下午3点 3号楼301室', ctx(BASES.tue1500))).toMatchObject({
      ok: true,
      rest: '3号楼301室',
    });
    expect(parseMeetingTime('明天上午10点三楼', ctx(BASES.tue1500))).toMatchObject({ ok: true, rest: '三楼' });
    expect(parseMeetingTime('明天 3号楼', ctx(BASES.tue1500))).toMatchObject({ ok: false, reason: 'no-time' });
    expect(parseMeetingTime('2月30日下午3点', ctx(BASES.tue1500))).toMatchObject({ ok: false, reason: 'unparseable' });
  });

  it('reads a whole phrase as one instant, a day alone at its start (since) or usual hour (broadcasts)', () => {
    expect(shText(parseInstant('昨天', ctx(BASES.tue0030), { forward: false, dayTime: 'start' })!)).toBe(
      '2026-11-30 00:00',
    );
    expect(shText(parseInstant('3天前', ctx(BASES.tue1500), { forward: false })!)).toBe('2026-11-28 15:00');
    expect(shText(parseInstant('明晚', ctx(BASES.tue1500), { dayTime: 'usual' })!)).toBe('2026-12-02 22:00');
    expect(parseInstant('明天 全部', ctx(BASES.tue1500), { dayTime: 'usual' })).toBeUndefined();
  });

  it('audit --since takes a date as the start of that day in the zone, whatever the process zone', () => {
    const now = sh(BASES.tue0030);
    expect(shText(parseSince('2026-11-01', now, ZONE))).toBe('2026-11-01 00:00');
    expect(shText(parseSince('昨天', now, ZONE))).toBe('2026-11-30 00:00');
    expect(shText(parseSince('12月1日', now, ZONE))).toBe('2026-12-01 00:00');
    expect(parseSince('2026-11-01T00:00:00Z', now, ZONE)).toBe(Date.parse('2026-11-01T00:00:00Z'));
    expect(parseSince('7d', now, ZONE)).toBe(now - 7 * 86_400_000);
  });

  it('broadcasts: once times from the same parser, 每天/每周 from the same rule parser as meetings', () => {
    const now = sh(BASES.tue0030);
    expect(parseWhen('明天上午10点', now, ZONE)).toEqual({ type: 'once', at: sh('2026-12-02 10:00') });
    expect(parseWhen('周五 9:00', now, ZONE)).toEqual({ type: 'once', at: sh('2026-12-04 09:00') });
    expect(parseWhen('每天8:00', now, ZONE)).toEqual({ type: 'daily', hour: 8, minute: 0, tz: ZONE });
    expect(parseWhen('每周三 下午3点', now, ZONE)).toEqual({
      type: 'weekly',
      weekday: 3,
      hour: 15,
      minute: 0,
      tz: ZONE,
    });
    expect(parseWhen('每月第一个周五 15:00', now, ZONE)).toBeUndefined();
    const meeting = parseRecurrence('每周三 下午3点 三楼');
    expect(meeting).toMatchObject({
      ok: true,
      rule: { kind: 'weekly', weekday: 3, hour: 15, minute: 0 },
      rest: '三楼',
    });
  });

  it('reads a time of day for rules, refusing midnight-after', () => {
    expect(parseTimeOfDay('晚上7点半 活动室')).toEqual({ hour: 19, minute: 30, text: '晚上7点半', rest: '活动室' });
    expect(parseTimeOfDay('夜里12点')).toBeUndefined();
    expect(parseTimeOfDay('25:00')).toBeUndefined();
  });
});

describe('zone arithmetic', () => {
  it('computes today and the starts of day, week (Monday), month and quarter in the zone', () => {
    const now = sh('2026-11-29 00:30'); // Sunday; still Saturday in UTC
    expect(today(now, ZONE)).toEqual({ year: 2026, month: 11, day: 29 });
    expect(shText(startOfDay(now, ZONE))).toBe('2026-11-29 00:00');
    expect(shText(startOfNextDay(now, ZONE))).toBe('2026-11-30 00:00');
    expect(shText(startOfWeek(now, ZONE))).toBe('2026-11-23 00:00');
    expect(shText(startOfMonth(now, ZONE))).toBe('2026-11-01 00:00');
    expect(shText(startOfMonth(now, ZONE, -1))).toBe('2026-10-01 00:00');
    expect(shText(startOfQuarter(now, ZONE))).toBe('2026-10-01 00:00');
    expect(formatDateTime(now, ZONE)).toBe('2026年11月29日（周日）00:30');
  });
});

describe('durations in meeting options', () => {
  it('tells a duration that is too long from one that is not a duration', () => {
    expect(splitOptions('党课 明天 截止：99999999天').errors).toEqual(['截止：“99999999天”太长了，时长最多366天']);
    expect(splitOptions('党课 明天 提醒：1天,99999小时').errors).toEqual([
      '提醒：“1天,99999小时”太长了，时长最多366天',
    ]);
    expect(splitOptions('党课 明天 截止：很久').errors[0]).toContain('不是时长');
    expect(splitOptions('党课 明天 截止：一刻钟').options.closeAfter).toBe(900_000);
  });
});

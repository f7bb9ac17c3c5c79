// The secretary's monthly 三会一课 digest for one branch: meetings held per type last month and this
// quarter against the required cadence, what is scheduled next, attendance, long unexcused absences.
import type { Stores } from '../../store/index.js';
import type { Meeting } from '../../store/types.js';
import type { CadencePeriod } from '../../store/cadence.js';
import { absenceStreak } from '../attendance/absences.js';
import { lastMonth, thisMonth, thisQuarter, type Period } from './periods.js';

export interface TypeLine {
  type: string;
  period: CadencePeriod;
  lastMonth: number;
  /** This month so far. */
  thisMonth: number;
  quarter: number;
  /** monthly: last month met; quarterly: this quarter met so far. */
  met: boolean;
  /** 支部党员大会 closed with fewer than half present this quarter: held in name only, not counted. */
  inquorate: number;
}

export interface Digest {
  branchId: string;
  branchName: string;
  lastMonth: Period;
  /** This month up to now (the label of an on-demand digest). */
  thisMonth: Period;
  quarter: Period;
  types: TypeLine[];
  upcoming: Meeting[];
  /** Closed meetings last month with a roll; `uncollected`: closed while the bot was down, left out of the rate. */
  attendance: { attended: number; expected: number; meetings: number; uncollected: number };
  absentees: Array<{ name: string; streak: number }>;
}

const held = (ms: Meeting[], type: string, p: Period) =>
  ms.filter((m) => m.type === type && m.startAt >= p.from && m.startAt < p.to).length;

/** A 支部党员大会 needs at least half of its members present (the close summary flags it); others always count. */
async function hadQuorum(stores: Stores, m: Meeting): Promise<boolean> {
  // 未收集 (the bot was down for the whole window): nobody could reply, so the roll says nothing about quorum.
  if (m.type !== '支部党员大会' || m.status !== 'closed' || m.uncollected) return true;
  const expected = await stores.attendance.expected(m.id);
  if (!expected?.length) return true;
  const replies = await stores.attendance.list(m.id);
  const came = new Set(replies.filter((r) => r.status === 'present' || r.status === 'late').map((r) => r.memberId));
  return expected.filter((id) => came.has(id)).length * 2 >= expected.length;
}

async function attendanceOf(stores: Stores, meetings: Meeting[]): Promise<Digest['attendance']> {
  const out = { attended: 0, expected: 0, meetings: 0, uncollected: 0 };
  for (const m of meetings.filter((x) => x.status === 'closed')) {
    // An empty roll of a meeting whose check-ins were never collected is not an absence of everyone.
    if (m.uncollected) {
      out.uncollected += 1;
      continue;
    }
    const expected = await stores.attendance.expected(m.id);
    if (!expected?.length) continue;
    const replies = await stores.attendance.list(m.id);
    const came = new Set(replies.filter((r) => r.status === 'present' || r.status === 'late').map((r) => r.memberId));
    out.meetings += 1;
    out.expected += expected.length;
    out.attended += expected.filter((id) => came.has(id)).length;
  }
  return out;
}

async function absenteesOf(
  stores: Stores,
  branchId: string,
  threshold: number,
  now: number,
): Promise<Digest['absentees']> {
  const closed = await stores.meetings.list({ branchId, to: now, status: ['closed'] });
  const latest = closed.at(-1);
  if (!latest) return [];
  const members = await stores.members.listByBranch(branchId, { activeOnly: true });
  const out: Digest['absentees'] = [];
  for (const m of members) {
    const streak = await absenceStreak(stores, m.id, latest);
    if (streak >= threshold) out.push({ name: m.name, streak });
  }
  return out.sort((a, b) => b.streak - a.streak);
}

export async function computeDigest(
  stores: Stores,
  branchId: string,
  now: number,
  tz: string,
  cadence: Record<string, CadencePeriod>,
): Promise<Digest | undefined> {
  const branch = await stores.branches.get(branchId);
  if (!branch) return undefined;
  const lm = lastMonth(now, tz);
  const q = thisQuarter(now, tz);
  const tm = thisMonth(now, tz);
  const from = Math.min(lm.from, q.from);
  const all = (await stores.meetings.list({ branchId, from, to: now, status: ['scheduled', 'closed'] })).filter(
    (m) => m.startAt < now,
  );
  const past: Meeting[] = [];
  const inquorate: Meeting[] = [];
  for (const m of all) ((await hadQuorum(stores, m)) ? past : inquorate).push(m);
  const types = Object.entries(cadence).map(([type, period]) => {
    const line = {
      type,
      period,
      lastMonth: held(past, type, lm),
      thisMonth: held(past, type, tm),
      quarter: held(past, type, q),
      inquorate: held(inquorate, type, q),
    };
    return { ...line, met: period === 'monthly' ? line.lastMonth >= 1 : line.quarter >= 1 };
  });
  const upcoming = (await stores.meetings.list({ branchId, from: now, status: ['scheduled'], limit: 3 })).slice(0, 3);
  const lastMonthMeetings = all.filter((m) => m.startAt >= lm.from && m.startAt < lm.to);
  return {
    branchId,
    branchName: branch.name,
    lastMonth: lm,
    thisMonth: tm,
    quarter: q,
    types,
    upcoming,
    attendance: await attendanceOf(stores, lastMonthMeetings),
    absentees: await absenteesOf(stores, branchId, branch.settings.absenceThreshold, now),
  };
}

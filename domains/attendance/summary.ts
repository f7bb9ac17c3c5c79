// The attendance picture of one meeting: who came, who was late, who asked for leave, who is missing.
import type { Stores } from '../../store/index.js';
import type { AttendanceRecord, Meeting, Member } from '../../store/types.js';

export interface AttendanceSummary {
  expected: Member[];
  present: Array<{ member: Member; record: AttendanceRecord }>;
  late: Array<{ member: Member; record: AttendanceRecord }>;
  leave: Array<{ member: Member; record: AttendanceRecord }>;
  absent: Member[];
  /** (present + late) / expected, 0..1. */
  rate: number;
}

/** Uses the frozen roster once the meeting is closed, else the branch's active members. */
export async function summarize(stores: Stores, m: Meeting): Promise<AttendanceSummary> {
  const frozen = await stores.attendance.expected(m.id);
  const roster = await stores.members.listByBranch(m.branchId, { activeOnly: !frozen });
  const byId = new Map(roster.map((x) => [x.id, x]));
  const expected = frozen ? frozen.map((id) => byId.get(id)).filter((x): x is Member => !!x) : roster;
  const expectedIds = new Set(expected.map((x) => x.id));
  const records = (await stores.attendance.list(m.id)).filter((r) => expectedIds.has(r.memberId));
  const pick = (status: AttendanceRecord['status']) =>
    records.filter((r) => r.status === status).map((record) => ({ member: byId.get(record.memberId)!, record }));
  const replied = new Set(records.map((r) => r.memberId));
  const present = pick('present');
  const late = pick('late');
  const rate = expected.length ? (present.length + late.length) / expected.length : 0;
  return { expected, present, late, leave: pick('leave'), absent: expected.filter((x) => !replied.has(x.id)), rate };
}

export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

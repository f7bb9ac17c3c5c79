// A meeting record as the digest and attendance tests store it directly (no reminders, the usual windows).
import type { MeetingType } from '../../store/types.js';

export function meetingRecord(o: {
  branchId: string;
  type: MeetingType;
  startAt: number;
  status: 'scheduled' | 'closed' | 'cancelled';
  createdBy: string;
}) {
  return {
    ...o,
    title: o.type,
    groupOffsets: [],
    secretaryOffsets: [],
    closeAfter: 1800_000,
    escalateBefore: 1800_000,
  };
}

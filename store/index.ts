// The meeting-side records as one object: branches, members, meetings, attendance, series, and the short-lived
// records of the chat around them (pending /我是 claims, cancel requests, once-only hints).
import type { Redis } from '../ground/redis/connect.js';
import { createAttendanceStore, type AttendanceStore } from './attendance.js';
import { createBranchStore, type BranchStore } from './branches.js';
import { createCancelRequestStore, type CancelRequestStore } from './cancel-requests.js';
import { createClaimStore, type ClaimStore } from './claims.js';
import { createHintStore, type HintStore } from './hints.js';
import { createMeetingStore, type MeetingStore } from './meetings.js';
import { createMemberStore, type MemberStore } from './members.js';
import { createSeriesStore, type SeriesStore } from './series.js';

export interface Stores {
  branches: BranchStore;
  members: MemberStore;
  meetings: MeetingStore;
  attendance: AttendanceStore;
  series: SeriesStore;
  claims: ClaimStore;
  cancelRequests: CancelRequestStore;
  hints: HintStore;
}

export function createStores(redis: Redis, prefix: string): Stores {
  return {
    branches: createBranchStore(redis, prefix),
    members: createMemberStore(redis, prefix),
    meetings: createMeetingStore(redis, prefix),
    attendance: createAttendanceStore(redis, prefix),
    series: createSeriesStore(redis, prefix),
    claims: createClaimStore(redis, prefix),
    cancelRequests: createCancelRequestStore(redis, prefix),
    hints: createHintStore(redis, prefix),
  };
}

export type { AttendanceStore, BranchStore, CancelRequestStore, ClaimStore, HintStore, MeetingStore, MemberStore, SeriesStore };
export * from './types.js';

// The meeting-side records as one object: branches, members, meetings, attendance, series.
import type { Redis } from '../ground/redis/connect.js';
import { createAttendanceStore, type AttendanceStore } from './attendance.js';
import { createBranchStore, type BranchStore } from './branches.js';
import { createMeetingStore, type MeetingStore } from './meetings.js';
import { createMemberStore, type MemberStore } from './members.js';
import { createSeriesStore, type SeriesStore } from './series.js';

export interface Stores {
  branches: BranchStore;
  members: MemberStore;
  meetings: MeetingStore;
  attendance: AttendanceStore;
  series: SeriesStore;
}

export function createStores(redis: Redis, prefix: string): Stores {
  return {
    branches: createBranchStore(redis, prefix),
    members: createMemberStore(redis, prefix),
    meetings: createMeetingStore(redis, prefix),
    attendance: createAttendanceStore(redis, prefix),
    series: createSeriesStore(redis, prefix),
  };
}

export type { AttendanceStore, BranchStore, MeetingStore, MemberStore, SeriesStore };
export * from './types.js';

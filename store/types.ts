// Records kept in Redis for branches, members, meetings and attendance. Times are UTC epoch ms.

export type MemberRole = 'secretary' | 'member';
export type MemberStatus = 'active' | 'inactive';

export interface BranchSettings {
  /** Group reminders, ms before the start (default 1 day and 1 hour). */
  groupOffsets: number[];
  /** Private reminders to the secretary, ms before the start (default 3 days). */
  secretaryOffsets: number[];
  /** The check-in window closes this long after the start (default 30 min). */
  closeAfter: number;
  /** Escalation to non-responders this long before the start (default 30 min). */
  escalateBefore: number;
  /** Consecutive unexcused absences that trigger an alert (default 3). */
  absenceThreshold: number;
}

export interface Branch {
  id: string;
  name: string;
  /** WeChat room ids bound to the branch. */
  rooms: string[];
  /** WeChat ids of the branch's secretaries (members with role secretary that are bound). */
  secretaries: string[];
  settings: BranchSettings;
  createdAt: number;
}

export interface Member {
  id: string;
  name: string;
  branchId: string;
  role: MemberRole;
  status: MemberStatus;
  /** Set once matched (roster import, nickname on first contact, /我是). */
  wechatId?: string;
  /** Verified platform directory ids from the roster (企业微信/钉钉/飞书 user ids): matched without a claim. */
  directoryIds?: DirectoryIds;
  phone?: string;
  note?: string;
  createdAt: number;
}

/**
 * The directories whose user ids a roster may carry. `wecom`: 企业微信 userid; `dingtalk`: 钉钉 userid (= staffId);
 * `feishu-user`: 飞书 user_id (tenant-wide); `feishu-open`: 飞书 open_id (per app).
 */
export const DIRECTORY_KINDS = ['wecom', 'dingtalk', 'feishu-user', 'feishu-open'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];
export type DirectoryIds = Partial<Record<DirectoryKind, string>>;

/** The index field of one directory id. */
export const directoryKey = (kind: DirectoryKind, id: string) => `${kind}:${id}`;

export const MEETING_TYPES = [
  '支部党员大会',
  '支部委员会',
  '党小组会',
  '党课',
  '主题党日',
  '组织生活会',
  '民主评议党员',
  '其他',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export type MeetingStatus = 'scheduled' | 'cancelled' | 'closed';

export interface Meeting {
  id: string;
  branchId: string;
  type: MeetingType;
  title: string;
  startAt: number;
  /** Optional end; the window closes at startAt + closeAfter regardless. */
  endAt?: number;
  place?: string;
  topic?: string;
  /** Reminder offsets (ms before the start) for this meeting, copied from the branch at creation unless given. */
  groupOffsets: number[];
  secretaryOffsets: number[];
  closeAfter: number;
  escalateBefore: number;
  status: MeetingStatus;
  seriesId?: string;
  createdBy: string;
  createdAt: number;
  /** Set when the close job ran. */
  closedAt?: number;
  /** Set at close when no run of the bot overlapped the check-in window: attendance was not collected (未收集). */
  uncollected?: boolean;
}

export type AttendanceStatus = 'present' | 'late' | 'leave';

export interface AttendanceRecord {
  memberId: string;
  status: AttendanceStatus;
  /** When the reply was recorded. */
  at: number;
  /** The reply as typed. */
  text: string;
  /** Reason given with 请假. */
  reason?: string;
  /** Where it came from: typed in the group (default), a button, or corrected by the secretary. */
  source?: 'typed' | 'button' | 'corrected';
  /** Who corrected it (WeChat id), when source is corrected. */
  correctedBy?: string;
}

export type { HolidayPolicy } from '../ground/time/recurrence.js';
import type { HolidayPolicy, Rule } from '../ground/time/recurrence.js';

export interface Series {
  id: string;
  branchId: string;
  type: MeetingType;
  title: string;
  /** The phrase as typed, e.g. 每月第一个周五 15:00. */
  rule: string;
  /** Cron pattern (seconds first) evaluated in tz, used by the BullMQ job scheduler. */
  pattern: string;
  tz: string;
  /** The rule's kind; absent on series created before 每天/每个工作日 existed (derived from the fields below). */
  kind?: Rule['kind'];
  /** Extra filter the cron cannot express, e.g. "first Friday": week of month 1..5, or -1 for last. */
  nthWeek?: number;
  weekday?: number;
  /** Day of month for monthly-day rules. */
  monthDay?: number;
  hour: number;
  minute: number;
  /** How far ahead of an occurrence the meeting is materialised (so reminders fit before it). */
  leadMs: number;
  holidayPolicy: HolidayPolicy;
  place?: string;
  topic?: string;
  groupOffsets?: number[];
  secretaryOffsets?: number[];
  status: 'active' | 'cancelled';
  createdBy: string;
  createdAt: number;
}

export const DEFAULT_SETTINGS: BranchSettings = {
  groupOffsets: [24 * 3600_000, 3600_000],
  secretaryOffsets: [3 * 24 * 3600_000],
  closeAfter: 30 * 60_000,
  escalateBefore: 30 * 60_000,
  absenceThreshold: 3,
};

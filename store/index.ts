// Every record store as one object, created once per process by the composition root.
import type { Clock } from '../ground/clock.js';
import type { Redis } from '../ground/redis/connect.js';
import { createAdminStore, type AdminStore } from './admins.js';
import { createAttendanceStore, type AttendanceStore } from './attendance.js';
import { createAuditLog, type AuditLog } from './audit.js';
import { createBranchStore, type BranchStore } from './branches.js';
import { createDraftStore, type DraftStore } from './broadcast-drafts.js';
import { createBroadcastStore, type BroadcastStore } from './broadcasts.js';
import { createCadenceStore, type CadenceStore } from './cadence.js';
import { createHolidayStore, type HolidayStore } from './holidays.js';
import { createCancelRequestStore, type CancelRequestStore } from './cancel-requests.js';
import { createClaimStore, type ClaimStore } from './claims.js';
import { createEdgeRunStore, type EdgeRunStore } from './edge-runs.js';
import { createHintStore, type HintStore } from './hints.js';
import { createQuestionLog, type QuestionLog } from './question-log.js';
import { createStudyCursor, type StudyCursor } from './study-cursor.js';
import { createMeetingStore, type MeetingStore } from './meetings.js';
import { createMemberStore, type MemberStore } from './members.js';
import { createRoomDirectory, type RoomDirectory } from './room-directory.js';
import { createRoomAccounts, type RoomAccounts } from './room-accounts.js';
import { createSeriesStore, type SeriesStore } from './series.js';
import { createEvidenceStore, type EvidenceStore } from './evidence.js';
import { createWebAuthStore, type WebAuthStore } from './web-auth.js';

export interface Stores {
  branches: BranchStore;
  members: MemberStore;
  meetings: MeetingStore;
  attendance: AttendanceStore;
  series: SeriesStore;
  /** Admins promoted with /授权 (ADMIN_IDS are admins too). */
  admins: AdminStore;
  rooms: RoomDirectory;
  /** Which channel account is in each room (several channels at once). */
  roomAccounts: RoomAccounts;
  broadcasts: BroadcastStore;
  drafts: DraftStore;
  cadence: CadenceStore;
  /** Holiday schedules imported for years the chinese-days package does not cover. */
  holidays: HolidayStore;
  audit: AuditLog;
  /** Pending /我是 claims, /会议 取消 confirmations and once-only hints: short-lived records of the chat. */
  claims: ClaimStore;
  cancelRequests: CancelRequestStore;
  hints: HintStore;
  /** 每日一学: which unit each study broadcast gives next. */
  studyCursor: StudyCursor;
  /** Heartbeats of the chat edge: when check-ins could be collected. */
  edgeRuns: EdgeRunStore;
  /** The web console's one-time sign-in links and sessions. */
  webAuth: WebAuthStore;
  /** Minutes and photos of meetings (uploaded in the web console). */
  evidence: EvidenceStore;
  /** Every question asked, with its outcome (zhibu questions). */
  questions: QuestionLog;
}

export interface StoreOptions {
  /** ADMIN_IDS: admins that no /撤销授权 can revoke. */
  adminIds?: string[];
  clock?: Clock;
  /** QUESTION_LOG_DAYS (default 180) and QUESTION_LOG_SECRET. */
  questionLog?: { retentionDays: number; secret?: string };
}

export function createStores(redis: Redis, prefix: string, opts: StoreOptions = {}): Stores {
  return {
    branches: createBranchStore(redis, prefix),
    members: createMemberStore(redis, prefix),
    meetings: createMeetingStore(redis, prefix),
    attendance: createAttendanceStore(redis, prefix),
    series: createSeriesStore(redis, prefix),
    admins: createAdminStore(redis, prefix, opts.adminIds),
    rooms: createRoomDirectory(redis, prefix),
    roomAccounts: createRoomAccounts(redis, prefix),
    broadcasts: createBroadcastStore(redis, prefix),
    drafts: createDraftStore(redis, prefix),
    cadence: createCadenceStore(redis, prefix),
    holidays: createHolidayStore(redis, prefix),
    audit: createAuditLog(redis, prefix, opts.clock),
    claims: createClaimStore(redis, prefix),
    cancelRequests: createCancelRequestStore(redis, prefix),
    hints: createHintStore(redis, prefix),
    studyCursor: createStudyCursor(redis, prefix),
    edgeRuns: createEdgeRunStore(redis, prefix),
    webAuth: createWebAuthStore(redis, prefix),
    evidence: createEvidenceStore(redis, prefix),
    questions: createQuestionLog(redis, prefix, {
      retentionDays: opts.questionLog?.retentionDays ?? 180,
      secret: opts.questionLog?.secret,
      clock: opts.clock,
    }),
  };
}

export type {
  AdminStore,
  AttendanceStore,
  AuditLog,
  BranchStore,
  BroadcastStore,
  CadenceStore,
  HolidayStore,
  CancelRequestStore,
  ClaimStore,
  DraftStore,
  EdgeRunStore,
  EvidenceStore,
  HintStore,
  MeetingStore,
  MemberStore,
  RoomDirectory,
  RoomAccounts,
  SeriesStore,
  StudyCursor,
  WebAuthStore,
};
export * from './types.js';

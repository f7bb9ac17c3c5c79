// Broadcast records: what an admin asked to send, to which groups, when, and what happened per group.

/** When a broadcast goes out. Recurring ones run through a BullMQ job scheduler with tz. */
export type BroadcastSchedule =
  | { type: 'once'; at: number }
  | { type: 'daily'; hour: number; minute: number; tz: string }
  | { type: 'weekly'; weekday: number; hour: number; minute: number; tz: string }
  /** Fixed interval: for tests and the CLI's --every. */
  | { type: 'every'; everyMs: number };

export type BroadcastStatus = 'scheduled' | 'sending' | 'done' | 'cancelled' | 'active';

export type BroadcastKind = 'text' | 'daily-study';

export interface Broadcast {
  id: string;
  kind: BroadcastKind;
  /** The content as typed (for 每日一学, the label). */
  text: string;
  /** 每日一学: short titles of the documents to walk (empty = all). */
  studyDocs?: string[];
  /** Targets as typed: 全部, branch names, room names. Recurring broadcasts re-resolve them at each run. */
  targets: string[];
  /** Rooms resolved when the broadcast was confirmed (what the preview showed). */
  rooms: string[];
  schedule: BroadcastSchedule;
  status: BroadcastStatus;
  createdBy: string;
  createdByName?: string;
  /** Contact to receive the delivery report (absent for the CLI). */
  reportTo?: string;
  createdAt: number;
  /** Runs started so far (a once broadcast has at most one). */
  runs: number;
  lastRun?: string;
}

export type RoomState = 'queued' | 'sent' | 'failed' | 'skipped';

export interface RunReport {
  broadcastId: string;
  run: string;
  total: number;
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
  /** roomId → reason, for failed rooms. */
  failures: Record<string, string>;
  startedAt?: number;
  finishedAt?: number;
  /** Set once the report went to the admin, so it is sent once. */
  reported: boolean;
}

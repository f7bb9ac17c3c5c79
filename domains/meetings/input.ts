// A meeting's record from what was asked plus the branch's settings — built here for chat, the CLI and
// recurring series alike, so a default or a rule (the escalation tweak) cannot differ between them.
import type { MeetingInput } from '../../store/meetings.js';
import type { Branch, MeetingType } from '../../store/types.js';
import type { MeetingOptions } from './parse-command.js';

export interface MeetingRequest {
  branch: Pick<Branch, 'id' | 'settings'>;
  type: MeetingType;
  title?: string;
  startAt: number;
  /** Where the time phrase left text over (e.g. 三楼会议室), used when no 地点： was given. */
  placeFromText?: string;
  /** Options typed with the command (提醒：… 截止：…); a series passes its stored ones. */
  options: Pick<
    MeetingOptions,
    'topic' | 'place' | 'groupOffsets' | 'secretaryOffsets' | 'closeAfter' | 'escalateBefore'
  >;
  createdBy: string;
  seriesId?: string;
  now: number;
}

export function meetingInput(r: MeetingRequest): MeetingInput {
  const s = r.branch.settings;
  const o = r.options;
  const groupOffsets = o.groupOffsets ?? s.groupOffsets;
  let escalateBefore = o.escalateBefore ?? s.escalateBefore;
  // Short custom reminders (e.g. a demo two minutes ahead) would put the nudge in the past: nudge halfway
  // through the last reminder instead.
  if (o.escalateBefore === undefined && o.groupOffsets?.length && r.startAt - escalateBefore <= r.now) {
    escalateBefore = Math.floor(Math.min(...groupOffsets) / 2);
  }
  return {
    branchId: r.branch.id,
    type: r.type,
    title: r.title ?? r.type,
    startAt: r.startAt,
    place: o.place ?? (r.placeFromText || undefined),
    topic: o.topic,
    groupOffsets,
    secretaryOffsets: o.secretaryOffsets ?? s.secretaryOffsets,
    closeAfter: o.closeAfter ?? s.closeAfter,
    escalateBefore,
    ...(r.seriesId ? { seriesId: r.seriesId } : {}),
    createdBy: r.createdBy,
  };
}

// A meeting's timeline as ordered steps (reminders, escalation, close). Only the next step is scheduled;
// processing a step schedules the one after it, so creating a meeting costs one delayed job.
import type { Meeting } from '../../store/types.js';

import { assertNever } from '../../ground/never.js';

export type StepKind = 'remind-secretary' | 'remind-room' | 'escalate' | 'close';

export interface Step {
  meetingId: string;
  /** The meeting's start when the step was planned: a moved meeting makes old steps stale. */
  startAt: number;
  kind: StepKind;
  /** For reminders: ms before the start. */
  offset: number;
}

const RANK: Record<StepKind, number> = { 'remind-secretary': 0, 'remind-room': 1, escalate: 2, close: 3 };

/**
 * What a step is about. Reminders are pre-staged in the outbox before they are due; nudges (escalation) and
 * the close run at the due instant, since they read the check-ins made until then.
 */
export type StepPhase = { type: 'reminder'; audience: 'rooms' | 'secretaries' } | { type: 'at-due' };

export function phaseOf(kind: StepKind): StepPhase {
  switch (kind) {
    case 'remind-room':
      return { type: 'reminder', audience: 'rooms' };
    case 'remind-secretary':
      return { type: 'reminder', audience: 'secretaries' };
    case 'escalate':
    case 'close':
      return { type: 'at-due' };
    default:
      return assertNever(kind, 'step kind');
  }
}

export const isReminder = (s: Step): boolean => phaseOf(s.kind).type === 'reminder';

/** Who receives a reminder step: the branch's rooms, or its secretaries privately (the one place that decides). */
export function reminderRecipients(kind: StepKind, to: { rooms: string[]; secretaries: string[] }): string[] {
  const phase = phaseOf(kind);
  if (phase.type !== 'reminder') return [];
  return phase.audience === 'rooms' ? to.rooms : to.secretaries;
}

export function dueOf(s: Step): number {
  switch (s.kind) {
    case 'close':
      return s.startAt + s.offset;
    case 'remind-room':
    case 'remind-secretary':
    case 'escalate':
      return s.startAt - s.offset;
    default:
      return assertNever(s.kind, 'step kind');
  }
}

/** Every step of a meeting, ordered by due time (ties: secretary, room, escalation, close). */
export function stepsOf(m: Meeting): Step[] {
  const base = { meetingId: m.id, startAt: m.startAt };
  const steps: Step[] = [
    ...m.secretaryOffsets.map((offset) => ({ ...base, kind: 'remind-secretary' as const, offset })),
    ...m.groupOffsets.map((offset) => ({ ...base, kind: 'remind-room' as const, offset })),
    ...(m.escalateBefore > 0 ? [{ ...base, kind: 'escalate' as const, offset: m.escalateBefore }] : []),
    { ...base, kind: 'close', offset: m.closeAfter },
  ];
  return steps.sort((a, b) => dueOf(a) - dueOf(b) || RANK[a.kind] - RANK[b.kind]);
}

/** The first step due strictly after `t` (close is always last and never skipped). */
export function firstStepAfter(m: Meeting, t: number): Step | undefined {
  return stepsOf(m).find((s) => dueOf(s) > t || s.kind === 'close');
}

/** The step following `s` in the meeting's timeline. */
export function nextStep(m: Meeting, s: Step): Step | undefined {
  const all = stepsOf(m);
  const i = all.findIndex((x) => x.kind === s.kind && x.offset === s.offset);
  return i >= 0 ? all[i + 1] : undefined;
}

export function encodeStep(s: Step): string {
  return `${s.meetingId}|${s.startAt}|${s.kind}|${s.offset}`;
}

export function decodeStep(raw: string): Step | undefined {
  const [meetingId, startAt, kind, offset] = raw.split('|');
  if (!meetingId || !(kind! in RANK)) return undefined;
  return { meetingId, startAt: Number(startAt), kind: kind as StepKind, offset: Number(offset) };
}

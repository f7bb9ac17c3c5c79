// Answer-type matching: a question asking for a value (a count, a date, a term…) is answered by a unit that gives
// that kind of value about what it asks. Among units that match the words alike, the one that does ranks up
// (基层党建重点任务一共几项 → the clause that says 7项重点任务, not the one that only names 重点任务).
import {
  askSubjects,
  askedKinds,
  containsKind,
  DECIDES,
  LEADS,
  type AnswerKind,
  type AskedKind,
} from './question-kind.js';
import { matchText, termCoverage, type Weigher } from './coverage.js';
import { isFieldLine, splitSentences } from './sentences.js';

/** Values a sentence either gives or does not; bodies and persons are named in nearly every sentence. */
const VALUE_KINDS = new Set<AnswerKind>([
  'count',
  'amount',
  'duration',
  'frequency',
  'date',
  'clock',
  'age',
  'name',
  'place',
]);
/**
 * The share of the asking clause's words (IDF-weighted) a sentence must hold to give the value about it. At 0.3 a term
 * of another office (支部委员会每届任期三年至五年) rose for 党小组长的任期 and was taken as its answer; 0.45 and 0.6 keep
 * every gain but one at 0.6.
 */
const ABOUT = 0.45;
const DECIDER_ABOUT = 0.3;

export interface AskedValue {
  kinds: AskedKind[];
  /** Content words of each clause that asks (all content words when no clause does). */
  subjects: string[][];
}

export function askedValue(question: string, words: string[]): AskedValue | undefined {
  // Who decides is a value too: the sentence that says by whom (DECIDES), not any sentence naming a body.
  const kinds = askedKinds(question).filter((k) => VALUE_KINDS.has(k.kind) || k.decider || k.leader);
  if (!kinds.length) return undefined;
  const subjects = askSubjects(question, words);
  // How soon something is done after an event (讲话出来了，多快组织学) is about the event told before the ask.
  const soon = kinds.some((k) => k.kind === 'duration' && k.relative);
  return {
    kinds,
    subjects: subjects.length && !soon ? subjects : [[...new Set(words)].filter((w) => w.length >= 2)],
  };
}

/**
 * Whether a sentence of `text` gives the asked kind of value about what the question asks. A field line (a notice's
 * date or number) is about its whole unit.
 */
export function givesValue(asked: AskedValue, text: string, weigher: Weigher): boolean {
  // Who decides is asked about a matter the member tells in everyday words (成立一个新支部 ↔ 成立党的新组织).
  const share = asked.kinds.every((k) => k.decider || k.leader) ? DECIDER_ABOUT : ABOUT;
  const about = (s: string) => asked.subjects.some((ws) => termCoverage(ws, matchText(s), weigher) >= share);
  return splitSentences(text).some(
    ({ text: s }) =>
      asked.kinds.some((k) => (k.decider ? DECIDES.test(s) : k.leader ? LEADS.test(s) : containsKind(s, k))) &&
      about(isFieldLine(s) ? text : s),
  );
}

/** Whether a text imposes a penalty (给予警告或者严重警告处分, 依照前款规定处理), not only names one. */
export function imposesPenalty(text: string): boolean {
  return /给予[^。；]{0,30}处分|依照[^。；]{0,10}处理/.test(text);
}

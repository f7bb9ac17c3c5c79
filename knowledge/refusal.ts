// Deciding that the corpus does not answer a question, and saying so with the nearest clauses.
import { citeLabel } from './chunk.js';
import {
  askedBound,
  askedKinds,
  asksDocumentAtHand,
  asksComposition,
  asksPaperwork,
  asksRepair,
  asksMemberPerk,
  asksRecommendation,
  asksThreshold,
  asksWhatFollows,
  asksPermission,
  containsKind,
  namesItemsOf,
  statesOnlyOtherBound,
  type AnswerKind,
  type AskedKind,
  valueSubjects,
  wholeSubject,
} from './question-kind.js';
import { matchText, termCoverage, type Weigher } from './coverage.js';
import { defines, numberedTerms } from './enumeration.js';
import type { Retrieval } from './retriever.js';
import { continues, type Scored } from './sentence-scoring.js';
import { isFieldLine } from './sentences.js';

export interface RefusalPolicy {
  /** Minimum term (or character-pair) coverage among the top hits: below it the question is off the corpus's topics. */
  minCoverage: number;
  /** Minimum topic match of the best sentence: below it no sentence talks about what was asked. */
  minSentence: number;
  /**
   * A question whose words the corpus knows (at least `minKnown` of them) is on-topic: a best sentence from
   * `knownSentence` up then suffices, and the asked-kind check decides. Long questions with background and two-part
   * questions spread their words over several sentences, so their best sentence scores lower.
   */
  minKnown: number;
  knownSentence: number;
  /**
   * The question's domain lift (domain.ts) decides how much matching evidence a refusal needs. Below `domainMin` the
   * question is about other matters: a plain refusal. From `domainStrong` up it uses a word the documents use far
   * more than general Chinese (党员, 处分, 党费): it is on-topic even when members' words find no close sentence
   * (paraphrase, typos, long background), so it is answered unless its specific ask is missing — only a best
   * sentence under `strongSentence` (nothing matches at all) refuses. Between the two, the sentence thresholds above.
   */
  domainMin: number;
  domainStrong: number;
  strongSentence: number;
  /** Minimum coverage among the top hits of a question that asks nothing about conduct, however strong its words. */
  conductFreeCoverage: number;
  /** That minimum for a question asking whether conduct is allowed, or what it does to the member. */
  permissionCoverage: number;
  /** How many top hits may supply the asked kind of answer. */
  checkTop: number;
  /** A sentence supplies it only if it matches the topic at least this share as well as the best sentence. */
  sentenceShare: number;
  /**
   * A sentence supplies the asked kind only if it also covers at least this share (IDF-weighted) of the ask clause's
   * words: 党小组长任期几年 is not answered by 支部委员会每届任期三年至五年, whose 任期 is another office's.
   */
  subjectShare: number;
  /** A choice between options no sentence names is answered by a sentence matching the question this well. */
  choiceSentence: number;
}

export const DEFAULT_POLICY: RefusalPolicy = {
  minCoverage: 0.15,
  minSentence: 0.22,
  minKnown: 0.65,
  knownSentence: 0.18,
  // Measured on tune, tune2, tune3 (whole corpus): questions on other matters reach a lift of at most 2.2, answerable
  // ones at least 3.05; unanswerable on-topic ones (党费 比例, 部长是谁) 4.2 and more.
  domainMin: 2.6,
  domainStrong: 4.5,
  strongSentence: 0.05,
  conductFreeCoverage: 0.18,
  permissionCoverage: 0.16,
  checkTop: 3,
  sentenceShare: 0.5,
  subjectShare: 0.08,
  choiceSentence: 0.3,
};

export type Outcome = 'answer' | 'not-stated' | 'refusal';

export interface Verdict {
  refuse: boolean;
  /** answer; not-stated: on-topic, but the specific thing asked (an amount, a date…) is not in the text; refusal: off-topic. */
  outcome: Outcome;
  /**
   * The question is about the corpus's topics (its words are covered), even when no sentence answers it well
   * enough: the model, when configured, may try it from the same context under the same checks.
   */
  onTopic: boolean;
  reason: string;
  /** For not-stated: what is missing, and the closest provision to quote. */
  missing?: AskedKind;
  closest?: Scored;
}

/**
 * The question uses members' words written for one of the top units (its keyword sidecar): it names that unit's matter
 * in everyday words, which the documents' sentences do not share.
 */
export function namesUnitWords(r: Retrieval, top: number): boolean {
  const q = matchText(r.question);
  return r.hits
    .slice(0, top)
    .some((h) => (h.chunk.keywords ?? '').split(' ').some((w) => w.length >= 2 && q.includes(matchText(w))));
}

/**
 * A term the member abbreviates (三不腐) is no word of the documents, but a best hit that lists its items (不敢腐、不能腐、
 * 不想腐) shows the question is theirs. Only terms no common counted noun could make: negations, or two-character heads.
 */
function definesAsked(r: Retrieval): boolean {
  const terms = numberedTerms(r.question).filter((t) => t.negated || t.head.length > 1);
  return terms.some((t) => r.hits.slice(0, 3).some((h) => defines(matchText(h.chunk.text), t)));
}

/**
 * Three outcomes. Off the corpus's topics (the best hits hardly cover the question, or no sentence talks about it) →
 * a plain refusal. On-topic, but the question asks for a kind of thing (an amount, a duration, a date…) that no
 * well-matching sentence of the best hits contains → not stated, with the closest provision. Otherwise an answer.
 */
/** A hit scoring this share of the first one's is level with it. */
const LEVEL = 0.9;

export function judge(
  r: Retrieval,
  scored: Scored[],
  policy: RefusalPolicy = DEFAULT_POLICY,
  /** The question's domain lift (domainLift); unknown → the sentence thresholds alone decide. */
  domain?: number,
  /** Word weights (the corpus's IDF) for the subject check; absent → no subject check. */
  weigher?: Weigher,
  /**
   * For a question asking the consequence of conduct (consequenceAsks): the domain lift two of its words outside those
   * asks reach. From `domainMin` up (领导 + 群众, 培训 + 单位 — not the asking 处理, nor one everyday word alone) it is
   * on-topic like a strong question: members tell conduct in their own words.
   */
  conduct?: number,
): Verdict {
  const refusal = (reason: string, onTopic = false): Verdict => ({ refuse: true, outcome: 'refusal', onTopic, reason });
  const best = r.hits[0];
  if (!best || !r.words.length) return refusal('no-match');
  // 这个通知文号多少, 这份文件哪天印发的: the document at hand's own particulars, whatever the words' lift.
  const atHand = asksDocumentAtHand(r.question);
  const defined = definesAsked(r);
  if (domain !== undefined && domain < policy.domainMin && !atHand && !defined)
    return refusal(`domain ${domain.toFixed(1)}`);
  if (asksMemberPerk(r.question)) return refusal('member perk');
  if (asksRecommendation(r.question)) return refusal('recommendation');
  if (asksComposition(r.question)) return refusal('composition');
  if (asksRepair(r.question)) return refusal('repair');
  if (asksPaperwork(r.question)) return refusal('paperwork');
  // A question in members' words written for a top unit is on-topic like a strong one.
  const named = namesUnitWords(r, policy.checkTop);
  // One that names the document its first hit is from (廉洁自律准则对…有什么要求) is about that document: it needs no
  // close sentence either.
  // So is one asking what an abbreviation holds that a top unit lists.
  const namesDocument = !!r.scope?.docs.has(best.chunk.docId) || defined;
  const strong =
    named ||
    namesDocument ||
    (domain !== undefined && (domain >= policy.domainStrong || (conduct !== undefined && conduct >= policy.domainMin)));
  const coverage = Math.max(...r.hits.slice(0, policy.checkTop).map((h) => Math.max(h.coverage, h.bigrams)));
  if (coverage < policy.minCoverage && !strong) return refusal(`coverage ${coverage.toFixed(2)}`);
  // However strong its words, a question that asks nothing about conduct needs the best units to cover more of it: a
  // made-up question around one party word (党员先锋岗的牌子用啥胶水粘) matches little beyond that word, while members
  // telling conduct in their own words (…会怎么处理) match little by nature.
  // Asking whether conduct is allowed (这个我能参加吗) tells conduct too, but also fits a made-up matter around one party
  // word (党员能不能养狗): it needs a little more.
  const conductFloor = asksPermission(r.question) ? policy.permissionCoverage : policy.conductFreeCoverage;
  if (coverage < conductFloor && !namesDocument && !asksWhatFollows(r.question))
    return refusal(`coverage ${coverage.toFixed(2)}`);
  // The first units, not chunks: two parts of one long unit among the hits are one unit.
  const topIds = new Set<string>();
  for (const h of r.hits) if (topIds.size < policy.checkTop) topIds.add(h.chunk.unit + h.chunk.docId);
  const near = scored.filter((s) => topIds.has(s.chunk.unit + s.chunk.docId));
  const bestLexical = Math.max(0, ...near.map((s) => s.lexical));
  const familiar = r.known >= policy.minKnown && bestLexical >= policy.knownSentence;
  // Conduct told in members' words that a top unit's sidecar holds (吃喝玩乐 for 生活奢靡) shares nothing with the
  // unit's sentences by nature: the words live only in the sidecar.
  const enough =
    namesDocument ||
    (named && asksWhatFollows(r.question)) ||
    (strong ? bestLexical >= policy.strongSentence : bestLexical >= policy.minSentence || familiar);
  if (!enough) return refusal(`best sentence ${bestLexical.toFixed(2)}`, true);
  // Each part of a two-part question (…一届几年？全体会议一年至少开几次) is matched best by its own sentence.
  const parts = near[0]?.asks?.length ?? 0;
  const bestOfPart = Array.from({ length: parts }, (_, i) => Math.max(0, ...near.map((s) => s.asks?.[i] ?? 0)));
  // The sentence right after the best one continues it: documents name a matter, then give its term or count
  // (…保留在学校的高校毕业生流动党员，应当继续履行管理职责。党员组织关系保留时间一般不超过2年).
  const bestSentence = near.find((s) => s.lexical === bestLexical);
  const relevant = near.filter(
    (s) =>
      s.relevance >= policy.sentenceShare * bestLexical ||
      bestOfPart.some((b, i) => b > 0 && (s.asks?.[i] ?? 0) >= policy.sentenceShare * b) ||
      (!!bestSentence && continues(bestSentence, s)),
  );
  const subjects = weigher ? valueSubjects(r.question, r.covered ?? r.words) : [];
  // How well a sentence is about what the ask names (the best of the asking clauses).
  const about = (s: Scored) => {
    const text = matchText(s.quote);
    return Math.max(...subjects.map((words) => termCoverage(words, text, weigher!)));
  };
  const threshold = asksThreshold(r.question);
  const bound = askedBound(r.question);
  // The units found for the conduct: the first, and any the ranking puts level with it.
  const level = new Set(r.hits.filter((h) => h.score >= LEVEL * best.score).map((h) => h.chunk.docId + h.chunk.unit));
  const firstUnit = near.filter((s) => level.has(s.chunk.docId + s.chunk.unit));
  // An ask in words the first unit never uses (过多久能再当, where the text writes 不得担任…的职务) is about what the
  // background names in the documents' words (职务给撤销了): the whole question then says what it is about.
  const whole =
    subjects.length && firstUnit.every((s) => about(s) === 0) ? wholeSubject(r.question, r.covered ?? r.words) : [];
  if (whole.length) subjects.push(whole);
  for (const k of askedKinds(r.question)) {
    // How soon something is done after an event (讲话出来了，多快组织学) is about the event told before the ask.
    // A document number is about the document named in the background (省委那个实施方案，文号是多少), not the ask's 文号.
    const bySubject =
      subjects.length > 0 && SUBJECT_KINDS.has(k.kind) && !(k.kind === 'duration' && k.relative) && !k.docNumber;
    // A field line (文号, 日期) is about its whole unit; a clause cut from a sentence is no field line.
    // Items of the kind counted, named in a row (政治性、时代性… for 还有几个性), are about what is counted.
    const supplies = (s: Scored) =>
      !bySubject ||
      (!s.cut && isFieldLine(s.quote)) ||
      (threshold && firstUnit.includes(s)) ||
      about(s) >= policy.subjectShare ||
      // It goes on from the best sentence, which names the subject (…保留在学校的…党员。…保留时间一般不超过2年).
      (!!bestSentence && continues(bestSentence, s) && about(bestSentence) >= policy.subjectShare) ||
      (k.kind === 'count' && !!k.noun && namesItemsOf(s.quote, k.noun));
    // An age is stated in few places (年满十八岁), in a sentence of many words: any top unit's sentence that states one
    // about the ask answers, however little else of the question it shares.
    // A threshold of conduct (占多久算违纪) is stated by the unit found for the conduct, in whatever words the member
    // told it: any sentence of the first units.
    // A value about the subject in the unit the ranking put first answers, though another unit's sentence shares more
    // of the member's words (a term of years told in the text's words, which the member's everyday ones hardly match).
    const answering = k.kind === 'age' ? near : threshold || bySubject ? [...relevant, ...firstUnit] : relevant;
    const bounded = BOUNDED_KINDS.has(k.kind) ? bound : undefined;
    const stating = answering.filter((s) => containsKind(s.quote, k) && supplies(s));
    if (stating.some((s) => !statesOnlyOtherBound(s.quote, bounded))) continue;
    // The value is there, but only as the other bound (不少于32学时 for 最多能算多少): that bound is what is missing,
    // and that sentence is the provision to quote.
    const otherBound = bounded && stating[0];
    if (otherBound)
      return {
        refuse: true,
        outcome: 'not-stated',
        onTopic: true,
        reason: `no ${k.kind} bound`,
        missing: { ...k, bound: bounded },
        closest: otherBound,
      };
    // Options put in members' words (一刀切还是分开搞) are answered in the text's own (分类制定) by a sentence that
    // matches the question well.
    if (k.kind === 'choice' && bestLexical >= policy.choiceSentence) continue;
    // Weather, news, prices: nothing in party documents is close to them.
    if (k.kind === 'current') return refusal(`no ${k.kind}`);
    const closest = [...near].sort((a, b) => b.lexical - a.lexical).find((s) => !isFieldLine(s.quote));
    return { refuse: true, outcome: 'not-stated', onTopic: true, reason: `no ${k.kind}`, missing: k, closest };
  }
  return { refuse: false, outcome: 'answer', onTopic: true, reason: 'ok' };
}

/** Values asked with a bound (最多几人, 最长多久): a text giving only the other bound does not supply them. */
const BOUNDED_KINDS = new Set<AnswerKind>(['count', 'duration', 'amount', 'frequency']);

/**
 * Kinds that are a specific value of something (a term, a count, an amount, a date, a name): the sentence giving the
 * value must be about the thing asked. Penalties, bodies and procedures are asked about conduct told in the
 * background, in members' own words.
 */
const SUBJECT_KINDS = new Set<AnswerKind>([
  'duration',
  'count',
  'amount',
  'frequency',
  'date',
  'clock',
  'age',
  'name',
  'which',
]);

/** What a member asked for and the documents do not give, as the reply names it. */
const MISSING: Record<AnswerKind, string> = {
  amount: '没有规定具体金额',
  duration: '没有规定具体期限',
  frequency: '没有规定具体频次',
  count: '没有规定具体数量',
  date: '没有写明具体日期',
  place: '没有写明具体地点',
  name: '没有写明具体人员',
  person: '没有写明由谁负责',
  contact: '没有提供联系方式',
  material: '没有列出具体材料',
  procedure: '没有规定具体办理流程',
  which: '没有写明具体是哪一种',
  choice: '没有规定具体做法',
  penalty: '没有规定具体处分',
  clock: '没有写明具体时间',
  age: '没有规定具体年龄',
  current: '不涉及这类信息',
};

const CLOSEST_MAX = 120;

/** 文件没有规定具体金额。相关规定：《实施方案》第17条「…」 */
export function notStatedText(v: Verdict): string {
  const m = v.missing;
  const what =
    m?.kind === 'which' && m.noun
      ? `没有写明具体是哪个${m.noun}`
      : m?.bound
        ? `没有规定${m.bound === 'upper' ? '上限' : '下限'}`
        : m?.issuer
          ? '没有写明发文单位'
          : m?.kind === 'choice' && m.options
            ? `没有规定是${m.options.join('还是')}`
            : MISSING[m?.kind ?? 'current'];
  const head = `文件${what}。`;
  const c = v.closest;
  if (!c) return `${head}如需准确答复，请咨询上级党组织。`;
  const quote =
    c.quote.length > CLOSEST_MAX ? `${c.quote.slice(0, CLOSEST_MAX).replace(/[，；、：][^，；、：]*$/, '')}…` : c.quote;
  return `${head}相关规定：${citeLabel(c.chunk)}「${quote}」`;
}

/** A plain refusal: no clause is named, since none was found that relates to the question. */
export function refusalText(reason?: string): string {
  if (reason === 'composition')
    return '抱歉，我只根据已收录的文件回答问题并引用原文，不代写文稿。可以问我文件对某件事是怎么规定的。';
  return '抱歉，现有文件中没有找到与这个问题相关的规定。如需准确答复，请咨询上级党组织。';
}

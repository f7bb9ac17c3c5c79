// Extractive answers: the 1–3 sentences of the best hits that best answer the question, quoted verbatim with citations.
import { imposesPenalty } from './answer-type.js';
import { citeLabel } from './chunk.js';
import { containsKind, type AskedKind } from './question-kind.js';
import { continues, type Scored } from './sentence-scoring.js';
import type { Citation } from './types.js';

export type Picked = Scored;

// Measured on dev + tune: 3 sentences within 300 characters at 0.65 of the best keep must_include at .897 / .85 with
// median answers of 152 / 129 characters (before: .971 / .876 at 213 / 171; 2 sentences at 0.8: .90 / .81 at 94).
/** Answers stay short: further sentences only while the answer stays within this (a list may need more). */
const CONCISE_CHARS = 300;
/** A further sentence must answer nearly as well as the best one. */
const NEXT_SHARE = 0.65;
// Issue 11, fourth round: the best sentence of the unit ranked first leads down to 0.3 of the best sentence's score
// (must_include dev .941 → .971, tune .858 → .867, rank .685 → .722, decide4 .816 → .837; tune2/tune3 unchanged;
// as second instead of first: rank .722, the rest unchanged; 0.2 or 0.45: fewer gains).
const TOP_FLOOR = 0.3;
/** A sentence giving the asked value, in the unit quoted first, is brought in at this share of the best relevance. */
const SAME_UNIT_VALUE_SHARE = 0.35;
// A further sentence from another unit than the first needs 0.8 of the best score (0.65 for the first's own unit):
// median answer dev 133.5 → 133.5, tune 127.5 → 118, tune3 161 → 141, rank 180 → 164.5, decide4 141 → 120;
// must_include tune .867 → .850 (two yes/no questions answered in a second unit), the other sets unchanged; 0.9 gave
// rank 148 but tune .832, tune2 .804, tune3 .830.
const OTHER_UNIT_SHARE = 0.8;
// A sentence over 100 characters whose clauses from one ；-part share ≥ 0.9 of its match with the question is quoted
// from those clauses (not for list questions: 哪几种学法 needs the whole sentence). Median dev 133.5 → 125.5, tune
// 118 → 110.5, tune2 108 → 106, must_include unchanged; 150 / 0.95 changed almost nothing.
const LONG_SENTENCE = 100;
// A list up to 160 characters is quoted whole even when one item holds its match: its items are the alternatives
// (对下落不明的党员区别情况作出处理：（一）…（二）…). Eighth round: must_include rank .889 → .907, the rest unchanged.
const LONG_LIST = 160;
const CLAUSE_KEEP = 0.9;
// Thirteenth round: a unit of at most 120 characters is quoted whole (after the sentences picked for their match, its
// others by score) while the answer stays within 150 characters, the median the answers keep to. must_include tune
// .938 → .947, tune11 .92 → .94, tune12 .76 → .78, tune16 .80 → .82, no set lower; medians +0 to +10 characters.
// Units of 150 or 200 characters: tune14 lost one (.938 → .917); within 300 characters: a never-read set's median
// passed 150.
const SHORT_UNIT = 120;
const WHOLE_SHORT_CHARS = 150;
/** A rule of what generally holds, and the sentence after it that names its exception. */
const GENERAL_RULE = /一般(?:应当|应|不得|不|可以|要)/;
const EXCEPTION = /^(?:对于?个别|个别|但是?|确有|特殊情况)/;
/** Eleventh round: for a sentence over CONCISE_CHARS, parts matching 0.8 of its best part's match are candidates. */
const OVERLONG_KEEP = 0.8;
// A part of a two-part question is answered by a quote matching it ≥ 0.7 as well as the sentence that matches it best
// (which must match it ≥ 0.3): rank must_include .722 → .759 (…怎么考核？失职的怎么办; …三会一课要咋开，支委会要开吗),
// the other sets unchanged.
const ASK_MIN = 0.3;
const ASK_SHARE = 0.7;

/** A run-in heading is at most this long: the plan's run from 10 to 18 characters. */
const HEADING_CHARS = 20;

/** The first sentence of a numbered clause, short: its run-in heading. */
function isRunInHeading(p: Picked): boolean {
  const lead = p.chunk.lead?.replace(/[。：]$/, '');
  return p.chunk.kind === 'clause' && !!lead && p.quote.replace(/[。：]$/, '') === lead && lead.length <= HEADING_CHARS;
}

/**
 * The sentence that answers first (an enumeration of the asked term when there is one), then at most `max - 1`
 * others that answer nearly as well and keep the answer short; each asked kind represented.
 */
export function pickSentences(
  scored: Scored[],
  kinds: AskedKind[],
  max = 3,
  /** The unit retrieval ranked first. */
  top?: Pick<Picked['chunk'], 'docId' | 'unit'>,
  /** The question asks for several items: a list that answers best stays first wherever it comes from. */
  listQuestion = false,
  /** The question asks what follows from conduct (会怎么样, 怎么处理): a cut quote runs on to its sentence's end. */
  consequence = false,
  /** For a question with several asks: the kinds each asks for (scoreSentences' partKinds). */
  partKinds: AskedKind[][] = [],
): Picked[] {
  const best = scored[0]?.score ?? 0;
  const inTop = (p: Picked | undefined) => !!p && !!top && p.chunk.docId === top.docId && p.chunk.unit === top.unit;
  // An enumeration of a numbered term the question names leads, unless the best sentence is in the unit ranked first
  // and the enumeration is not: the term is then background (对照四个合格列负面清单 asks about the 负面清单) and its
  // enumeration is left out.
  const listed = scored.filter((p) => p.listed && (inTop(p) || !inTop(scored[0]))).slice(0, 1);
  const picked: Picked[] = [];
  const sameUnit = (a: Picked, b: Picked) => a.chunk.docId === b.chunk.docId && a.chunk.unit === b.chunk.unit;
  const overlaps = (p: Picked) =>
    picked.some((q) => sameUnit(q, p) && (q.quote.includes(p.quote) || p.quote.includes(q.quote)));
  // What a quote adds to the answer: its citation label and marks too, so the answer as shown stays short.
  const cost = (p: Picked) => {
    const cut = listCut(p);
    return citeLabel(p.chunk).length + 4 + cut.before.length + p.quote.length + cut.after.length + (p.cut ? 2 : 0);
  };
  const length = () => picked.reduce((n, p) => n + cost(p), 0);
  const eligible = scored.filter((p, i) => !p.listed && (i === 0 || p.score >= best * NEXT_SHARE));
  // Retrieval weighs more than one sentence's words (headings, the whole unit): when a sentence of the unit ranked
  // first answers nearly as well as the best one from elsewhere, it comes first.
  const firstOfTop = eligible.findIndex(inTop);
  if (firstOfTop > 0 && !(listQuestion && eligible[0]!.list)) eligible.unshift(...eligible.splice(firstOfTop, 1));
  // The unit ranked first is represented even when its sentences score lower alone: retrieval weighs its heading and
  // the whole unit, and it is right more often than a lone sentence from elsewhere.
  if (firstOfTop < 0) {
    const bestTop = scored.find((p) => inTop(p) && !p.listed && p.score >= best * TOP_FLOOR);
    if (bestTop) eligible.unshift(bestTop);
  }
  for (const p of [...listed, ...eligible]) {
    if (picked.length >= max || overlaps(p)) continue;
    // A further sentence from another unit than the first answers a neighbouring question more often than this one.
    if (picked.length && !sameUnit(picked[0]!, p) && p.score < best * OTHER_UNIT_SHARE) continue;
    // A penalty from another article answers a question about conduct, not one about what a term or body is.
    if (
      picked.length &&
      !sameUnit(picked[0]!, p) &&
      !consequence &&
      imposesPenalty(p.quote) &&
      !imposesPenalty(picked[0]!.quote)
    )
      continue;
    if (picked.length && length() + cost(p) > CONCISE_CHARS) continue;
    picked.push(p);
  }
  // A short article is quoted whole: its other sentence is usually the rest of the rule (the penalty, the exception).
  const first = picked[0];
  if (first && first.chunk.text.length <= SHORT_UNIT && !listQuestion)
    for (const p of scored)
      if (sameUnit(p, first) && !p.listed && !p.cut && !p.list && !overlaps(p)) {
        if (picked.length >= max || length() + cost(p) > WHOLE_SHORT_CHARS) break;
        picked.push(p);
      }
  // A clause's run-in heading (13. 领导机关坚持更高标准更严要求。…) names its topic and says nothing of it: quoted, it is
  // followed by the clause's best other sentence.
  const heading = picked[0];
  if (heading && isRunInHeading(heading) && !picked.slice(1).some((p) => sameUnit(p, heading))) {
    const body = scored.find((p) => sameUnit(p, heading) && !p.listed && !overlaps(p));
    if (body) {
      while (picked.length > 1 && (picked.length >= max || length() + cost(body) > CONCISE_CHARS)) picked.pop();
      picked.splice(1, 0, body);
    }
  }
  // A long sentence of which one or two clauses hold all it shares with the question is quoted as those clauses,
  // marked as cut.
  for (let i = 0; i < picked.length; i++) {
    const p = picked[i]!;
    const l = p.list;
    // A whole list of which one item holds ≥ 0.9 of its match (有下列行为之一的… → （二）超标准配备、使用办公用房): its
    // lead, that item and the list's length. Median rank 160.5 → 152.5, decide4 longest 307 → 297, must_include
    // unchanged on every set.
    if (!listQuestion && !p.listed && l?.withLead && l.shown >= l.total && p.quote.length > LONG_LIST) {
      const item = scored
        .filter(
          (c) =>
            c.list &&
            !c.list.withLead &&
            c.list.lead === l.lead &&
            sameUnit(c, p) &&
            p.quote.includes(c.quote) &&
            c.lexical >= CLAUSE_KEEP * p.lexical &&
            kinds.every((k) => !containsKind(p.quote, k) || containsKind(l.lead + c.quote, k)),
        )
        .sort((a, b) => b.lexical - a.lexical)[0];
      if (item) picked[i] = item;
      continue;
    }
    // Conduct asked about (会怎么样): a part of a sentence runs on to the sentence's end, where the rules put what
    // follows from it (…予以纠正；拒不纠正的，其本人应当辞去现任职务…).
    if (consequence && p.cut && !p.list) {
      const whole = scored.find((c) => !c.cut && sameUnit(c, p) && c.quote.includes(p.quote));
      if (whole) picked[i] = withNextClause(p, whole.quote, true);
      continue;
    }
    // An enumeration inside a sentence too long to quote (必须不断增强政治意识、大局意识、核心意识、看齐意识，…) is quoted as
    // its shortest part that still names every item, marked as cut.
    if (p.listed && !p.cut && p.quote.length > CONCISE_CHARS) {
      const items = scored
        .filter((c) => c.listed && c.cut && sameUnit(c, p) && p.quote.includes(c.quote))
        .sort((a, b) => a.quote.length - b.quote.length)[0];
      if (items) picked[i] = items;
      continue;
    }
    // A list question's sentence of ；-separated parts is its list (要原原本本学；要带着问题学；…): quoted whole.
    const semicolonList = listQuestion && (p.quote.match(/；/g)?.length ?? 0) >= 2;
    const overlong = !p.cut && !p.list && !p.listed && !semicolonList && p.quote.length > CONCISE_CHARS;
    if ((listQuestion && !overlong) || p.quote.length <= LONG_SENTENCE || p.cut || p.list || p.listed) continue;
    const parts = scored.filter(
      (c) =>
        c.cut &&
        sameUnit(c, p) &&
        p.quote.includes(c.quote) &&
        kinds.every((k) => !containsKind(p.quote, k) || containsKind(c.quote, k)),
    );
    const part = parts
      .filter((c) => c.lexical >= CLAUSE_KEEP * p.lexical)
      .sort((a, b) => a.quote.length - b.quote.length)[0];
    if (part && !listQuestion) picked[i] = withNextClause(part, p.quote, consequence);
    // A sentence too long for an answer on its own (必须…；必须…，为…提供保证, 380 characters) is quoted from the
    // shortest of its parts that match nearly as well as its best part (OVERLONG_KEEP), marked as cut, though other
    // parts share the question's words too.
    else if (overlong) {
      const top = Math.max(0, ...parts.map((c) => c.lexical));
      const best = parts
        .filter((c) => c.lexical >= OVERLONG_KEEP * top)
        .sort((a, b) => a.quote.length - b.quote.length)[0];
      if (best) picked[i] = best;
    }
  }
  /** Quotes brought in to answer a part or an asked kind. */
  const required = new Set<Picked>();
  /**
   * Within the length: in place of the last further sentence when it does not fit beside it — first one not itself
   * brought in for a part or an asked kind (文号多少，啥时候发的 keeps the number line when the date line comes in).
   */
  const add = (p: Picked) => {
    if (picked.length < max && length() + cost(p) <= CONCISE_CHARS) {
      picked.push(p);
      return;
    }
    const fits = (i: number) => i > 0 && length() - cost(picked[i]!) + cost(p) <= CONCISE_CHARS;
    let last = picked.length - 1;
    while (last > 0 && (required.has(picked[last]!) || !fits(last))) last--;
    if (last > 0) picked.splice(last, 1, p);
    else if (fits(picked.length - 1)) picked[picked.length - 1] = p;
  };
  // A two-part question gets an answer to each part: the sentence that best matches a part no quote answers yet.
  const parts = scored[0]?.asks?.length ?? 0;
  for (let i = 0; i < parts && picked.length; i++) {
    const of = (p: Picked) => p.asks?.[i] ?? 0;
    const bestPart = Math.max(0, ...scored.map(of));
    if (bestPart < ASK_MIN) continue;
    // The first quote's own unit answers the part when it can (巡视和巡察有啥区别: the article that sets up both).
    const first = picked[0]!;
    const fromFirst = scored.some((p) => sameUnit(p, first) && of(p) >= ASK_SHARE * bestPart);
    const answers = (p: Picked) => of(p) >= ASK_SHARE * bestPart && (!fromFirst || sameUnit(p, first));
    let answer = picked.find(answers);
    if (!answer) {
      // The best that fits beside the quotes so far: a long sentence's clause that answers the part, rather than the
      // whole sentence that would not fit (…，做到…会必学、谈心谈话必学…，教育引导…).
      const answering = scored.filter((p) => answers(p) && !overlaps(p)).sort((a, b) => b.score - a.score);
      answer = answering.find((p) => length() + cost(p) <= CONCISE_CHARS) ?? answering[0];
      if (!answer) continue;
      required.add(answer);
      add(answer);
    }
    // The part's sentence names its matter; the value it asks for (能留多久 → 一般不超过2年) may be in the next.
    for (const k of partKinds[i] ?? []) {
      if (!picked.includes(answer) || containsKind(answer.quote, k)) continue;
      const next = scored.find((p) => continues(answer!, p) && containsKind(p.quote, k) && !overlaps(p));
      if (!next) continue;
      required.add(next);
      add(next);
    }
  }
  // The answer must contain what was asked for (a date, a number…): bring in the best sentence that has it.
  // Who issued a document, asked alone, is answered by the document's record of it (its title as a notice, the line
  // under its title): that leads. Other kinds' checks are looser (几个方面 is met by any 方面), so they do not reorder:
  // made general, dev lost a must_include where a sentence merely naming 方面 went ahead of the clause that answers.
  const leadsWithKind = kinds.length === 1 && parts === 0 && !!kinds[0]!.issuer;
  for (const k of kinds) {
    const has = picked.findIndex((p) => containsKind(p.quote, k));
    if (has > 0 && leadsWithKind) picked.unshift(...picked.splice(has, 1));
    if (has >= 0) continue;
    const bestRelevance = Math.max(0, ...scored.map((p) => p.relevance));
    // In the unit quoted first a sentence that matches less may still give the value (保留在学校… then 保留时间一般不超过2年).
    const typed = scored.find(
      (p) =>
        containsKind(p.quote, k) &&
        p.relevance >= bestRelevance * (picked[0] && sameUnit(picked[0], p) ? SAME_UNIT_VALUE_SHARE : 0.5),
    );
    if (!typed || overlaps(typed)) continue;
    required.add(typed);
    if (leadsWithKind) {
      picked.unshift(typed);
      for (let i = picked.length - 1; i > 0 && (picked.length > max || length() > CONCISE_CHARS); i--)
        if (!required.has(picked[i]!)) picked.splice(i, 1);
      continue;
    }
    add(typed);
  }
  // A rule stated as what generally holds (一般应当开除党籍) is followed by its exception (对于个别可以不开除党籍的，…报请
  // 再上一级党组织批准): quoted without it, the rule reads as having none.
  for (let i = 0; i < picked.length && picked.length < max; i++) {
    const p = picked[i]!;
    if (p.cut || p.list || !GENERAL_RULE.test(p.quote)) continue;
    const exception = scored.find((c) => continues(p, c) && EXCEPTION.test(c.quote) && !overlaps(c));
    if (exception && length() + cost(exception) <= CONCISE_CHARS) picked.splice(i + 1, 0, exception);
  }
  // Quotes run on to a clause's or a sentence's end after the length was checked: a further quote that leaves the
  // answer over the limit goes, the last first, keeping those brought in for a part or an asked kind.
  for (let i = picked.length - 1; i > 0 && length() > CONCISE_CHARS; i--)
    if (!required.has(picked[i]!) && !picked[i]!.list) picked.splice(i, 1);
  return picked;
}

/**
 * The clauses that share the question's words are often a condition (如果…有不同意见，) whose consequence follows
 * (可以请求上一级…复查；): a cut quote runs on to the end of its ；-part. Measured: to the next ，-clause only lost a
 * must_include on tune (…的党员，要进行批评教育，促其改正).
 */
function withNextClause(part: Picked, sentence: string, toEnd = false): Picked {
  const start = sentence.indexOf(part.quote);
  if (start < 0) return part;
  const from = start + part.quote.length + 1;
  const next = sentence.slice(from).search(toEnd ? /。/ : /[；。]/);
  const end = next < 0 ? sentence.length : from + next;
  const quote = sentence.slice(start, end).replace(/[，；。]$/, '');
  return { ...part, quote, cut: { before: start > 0, after: end < sentence.length - 1 } };
}

/** Cuts a quote at a clause boundary so it fits `room` characters; the result is still verbatim. */
export function fitQuote(quote: string, room: number): string {
  if (quote.length <= room) return quote;
  const cut = quote.slice(0, room);
  const at = Math.max(cut.lastIndexOf('，'), cut.lastIndexOf('；'), cut.lastIndexOf('、'), cut.lastIndexOf('：'));
  return at > room / 3 ? cut.slice(0, at) : cut;
}

const CN_COUNT = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cnCount = (n: number) => (n <= 10 ? CN_COUNT[n]! : n < 20 ? `十${CN_COUNT[n - 10]}` : String(n));

/**
 * How a quote that is part of a longer list says so: （…，共八项，详见《党章》第三条）. An item quoted without its
 * lead gets the lead in front: 「党员必须履行下列义务：…（四）…」. Empty when the quote holds the whole list.
 */
export function listCut(p: Pick<Picked, 'list' | 'chunk'>): { before: string; after: string } {
  const l = p.list;
  if (!l || (l.withLead && l.shown >= l.total)) return { before: '', after: '' };
  return {
    before: l.withLead ? '' : `${l.lead.replace(LEADING_NUMBER, '')}…`,
    after: `（…，共${cnCount(l.total)}项，详见${citeLabel(p.chunk)}）`,
  };
}

const LEADING_NUMBER = /^(\d{1,3}[.．、]\s*|第[〇零一二三四五六七八九十百千\d]+条\s*)/;

export function formatQuoted(picked: Picked[], maxChars: number): { text: string; citations: Citation[] } {
  const lines: string[] = [];
  const citations: Citation[] = [];
  let used = 0;
  for (const p of picked) {
    const label = citeLabel(p.chunk);
    const cut = listCut(p);
    const room = maxChars - used - label.length - 4 - cut.before.length - cut.after.length - (lines.length ? 1 : 0);
    if (room < 20) break;
    const quote = fitQuote(p.quote, room - 1);
    // A quote cut to fit is marked as cut, never closed as if complete.
    const line = `${label}：「${cut.before}${p.cut?.before ? '…' : ''}${quote}${quote.length < p.quote.length || p.cut?.after ? '…' : ''}」${cut.after}`;
    lines.push(line);
    used += line.length + 1;
    citations.push({ doc: p.chunk.short, clause: p.chunk.clause, quote });
  }
  return { text: lines.join('\n'), citations };
}

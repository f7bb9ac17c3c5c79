// Scores the sentences of the best hits (and of the rest of the top unit) against the question.
import type { Chunk } from './chunk.js';
import { isFieldLine, joinLists, splitSentences, type ListPlace } from './sentences.js';
import { bigramShare, matchText, termCoverage, withQuestionForms } from './coverage.js';
import { askClauses, askedKinds, comparedSides, containsKind, type AskedKind } from './question-kind.js';
import { enumerates, numberedTerms } from './enumeration.js';
import { phrasesIn } from './synonyms.js';
import { questionTopic } from './query.js';
import type { Retrieval } from './retriever.js';
import { scopeFactor, pointedDocumentSpans } from './scope.js';
import type { Bm25 } from './bm25.js';

export interface Scored {
  chunk: Chunk;
  quote: string;
  /** How well the sentence matches the question's topic, 0..1. */
  lexical: number;
  /** As lexical, but a field line (文号, 日期) takes its unit's match: used to decide whether an asked kind is present. */
  relevance: number;
  score: number;
  kinds: number;
  /** Enumerates the items of a numbered term the question names (四个意识 → 政治意识、大局意识…). */
  listed: boolean;
  /** Part of a list (lead and items, or one item): how many items the whole list has, how many the quote holds. */
  list?: ListPlace;
  /** For a question with several asks (…怎么考核？失职的怎么办): how well the sentence matches each, 0..1. */
  asks?: number[];
  /** A part of a longer sentence: text of the sentence is left out before and/or after it (shown as …). */
  cut?: { before: boolean; after: boolean };
}

/** `next` is the whole sentence that follows `first` in the same chunk. */
export function continues(
  first: Pick<Scored, 'chunk' | 'quote' | 'cut'>,
  next: Pick<Scored, 'chunk' | 'quote' | 'cut'>,
): boolean {
  if (first.chunk !== next.chunk || next.cut || first === next) return false;
  const text = first.chunk.text.replace(/\s+/g, '');
  const quote = first.quote.replace(/\s+/g, '');
  const at = text.indexOf(quote);
  if (at < 0) return false;
  const after = at + quote.length;
  return text.startsWith(next.quote.replace(/\s+/g, ''), after + (/^[。；！？]/.test(text.slice(after)) ? 1 : 0));
}

export interface ScoringDeps {
  bm25: Pick<Bm25, 'idf'>;
  /** The other chunks of a chunk's unit (a long clause split in parts). */
  siblings?: (c: Chunk) => Chunk[];
}

/** Questions that ask for several items. */
const LIST_QUESTION = /(哪些|哪几|哪[二三四五六七八九十两]|几种|几类|几个方面|都有啥|都有什么|有什么|包括)/;
const CONSIDERED = 5;
const LEADING_NUMBER = /^(\d{1,3}[.．、]\s*|第[〇零一二三四五六七八九十百千\d]+条\s*)/;

/** 0..1: how much a sentence reads as a list (；-separated parts, 、-separated items). */
function listiness(quote: string): number {
  const semi = (quote.match(/；/g) ?? []).length;
  const dun = (quote.match(/、/g) ?? []).length;
  const items = (quote.match(/（[一二三四五六七八九十]+）/g) ?? []).length;
  return Math.min(1, (2 * semi + dun + 3 * items) / 8);
}

/**
 * The IDF a part of a question must carry to count as an ask of its own (about one specific word). Measured: 3, 4 and 5
 * gave the same answers on every set then; counting every clause with an asking word lost two (咋处理, 条例里怎么要求的).
 * 4 → 3 (twentieth round): on the plan alone, 25 clauses, a part's common words carry little IDF (以什么为基本单位);
 * must_include rose on three read sets, no figure fell.
 */
const ASK_WEIGHT = 3;

/** Units longer than this are quoted from the retrieved chunk only (a whole 总纲 is too long to score per question). */
const WHOLE_UNIT_MAX = 2000;

/**
 * Retrieve small, quote from the whole unit: the best hits' units, each once, with the text of the whole article or
 * clause (its other parts too), weighted by its best hit.
 */
function candidates(r: Retrieval, deps: ScoringDeps): Array<{ chunk: Chunk; text: string; weight: number }> {
  const top = r.hits[0]?.score || 1;
  const out: Array<{ chunk: Chunk; text: string; weight: number }> = [];
  for (const h of r.hits.slice(0, CONSIDERED)) {
    const weight = 0.4 + (0.6 * h.score) / top;
    const key = `${h.chunk.docId}#${h.chunk.unit}`;
    const parts = h.chunk.part && deps.siblings ? deps.siblings(h.chunk) : [];
    const whole = parts.length > 1 && parts.reduce((n, c) => n + c.text.length, 0) <= WHOLE_UNIT_MAX;
    const existing = out.find(
      (o) => `${o.chunk.docId}#${o.chunk.unit}` === key && (whole || o.chunk.id === h.chunk.id),
    );
    if (existing) {
      existing.weight = Math.max(existing.weight, weight);
      continue;
    }
    out.push({ chunk: whole ? parts[0]! : h.chunk, text: whole ? unitText(parts) : h.chunk.text, weight });
  }
  return out;
}

/** The parts of a unit joined again (they are consecutive slices of the document). */
function unitText(parts: Chunk[]): string {
  let text = parts[0]!.text;
  for (let i = 1; i < parts.length; i++) text += (parts[i]!.start > parts[i - 1]!.end ? '\n' : '') + parts[i]!.text;
  return text;
}

/** Sentences (list introductions joined with their items), plus parts of long sentences: ；-separated parts, and
 * windows of one or two ，-clauses — when only one clause answers, the quote is that clause, marked as cut. */
interface QuoteSpan {
  quote: string;
  list?: ListPlace;
  cut?: { before: boolean; after: boolean };
  /** Matched together with the quote (a list item's lead). */
  context?: string;
}

function quotesOf(text: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  for (const s of joinLists(splitSentences(text), text, LIST_MAX)) {
    const quote = s.text
      .replace(LEADING_NUMBER, '')
      .replace(/\n\s*\n/g, '\n')
      .trim();
    out.push({ quote, list: s.list });
    // Each item of a list quoted whole, matched with its lead: a question about one item is answered by lead + item.
    const l = s.list;
    if (l?.withLead && l.shown >= l.total && l.total > 1) {
      const lead = l.lead.replace(LEADING_NUMBER, '');
      for (const item of quote.slice(quote.indexOf(lead) + lead.length).split('\n'))
        if (item.trim()) out.push({ quote: item.trim(), list: { ...l, shown: 1, withLead: false }, context: lead });
    }
    if (quote.length <= 120 || quote.includes('\n')) continue;
    const seen = new Set<string>([quote]);
    const add = (start: number, end: number) => {
      const part = quote.slice(start, end).replace(/[，；。]$/, '');
      if (part.length < 12 || seen.has(part)) return;
      seen.add(part);
      out.push({ quote: part, list: s.list, cut: { before: start > 0, after: end < quote.length } });
    };
    let at = 0;
    for (const part of quote.split(/(?<=；)/)) {
      add(at, at + part.length);
      at += part.length;
    }
    // Clause ends (after ，；): windows of one or two clauses.
    const ends = [...quote.matchAll(/[，；]/g)].map((m) => m.index! + 1).concat(quote.length);
    const starts = [0, ...ends.slice(0, -1)];
    for (let i = 0; i < starts.length; i++) {
      add(starts[i]!, ends[i]!);
      if (i + 1 < starts.length) add(starts[i]!, ends[i + 1]!);
    }
  }
  return out;
}

/**
 * A unit the question names in members' words (its keyword sidecar) is what was asked about, though its sentences share
 * few words with the question: its sentences gain this times what the words add to the unit's own coverage of the
 * question. Seventh round, must_include without / with it: tune .903 / .912, tune2 .882 / .902, rank .852 / .870, rank4
 * .804 / .857; dev, own, tune3, decide4, holdout unchanged; 0.8 and 1.2 the same, with longer answers. Counting the
 * words' whole coverage (not what they add) lost holdout one and quoted 《条例》第三十二条 (暂停权利) for 党员有哪些权利.
 */
const MEMBERS_WORDS_WEIGHT = 0.5;

/**
 * A paragraph that applies the one before it (…的，依照前款规定处理; 发布前款所列文章…) says little quoted alone: what
 * the unit's members' words add to it counts this much (they were written for the unit's main provision).
 */
const REFERS_BACK = /前[两三]?款/;
const BACK_REFERENCE = 0.7;

/**
 * Asks whether something is allowed (搞成联欢那种，可以不; 能不能; 行吗): a forbidding rule is then lifted. Narrower than
 * question-kind's asksPermission (which decides on-topic-ness): its wider forms (妥不妥, 还算不算) lifted forbidding rules
 * where they do not answer (tune9 must_include −.02, measured in the fifteenth round).
 */
const PERMISSION_ASK = /可以不|可不可以|能不能|行不行|行吗|可以吗|能吗|允许|准不准|让不让/;
/** A rule that forbids or binds: what answers whether something is allowed. */
const DEONTIC = /不得|严禁|禁止|防止|不准|不允许|不能|坚决/;
/**
 * Asked whether something is allowed, a sentence that forbids or binds (坚决防止表面化、形式化、娱乐化) gains this much
 * match. Eleventh round, at 0.05 and 0.1 alike: must_include planhold2 .941 → .971, holdout11 (never read) .90 → .92,
 * medians within 8 characters, no figure lower.
 */
const DEONTIC_LIFT = 0.05;

/** A list is quoted whole up to this length; a longer one is quoted as its lead and the items that fit, marked as cut. */
const LIST_MAX = 360;

/** Best coverage among the hits of each unit: a field line is about its whole unit (the notice's number and date). */
function unitCoverage(r: Retrieval): Map<string, number> {
  const m = new Map<string, number>();
  for (const h of r.hits) {
    const key = `${h.chunk.docId}#${h.chunk.unit}`;
    m.set(key, Math.max(m.get(key) ?? 0, 0.5 * h.coverage + 0.5 * h.bigrams));
  }
  return m;
}

/**
 * The question's words and topic without the document it points into (廉洁自律准则里…): the name says where to look, not
 * what is asked, and its characters would favour a sentence that happens to share them (廉洁从政 for 廉洁自律准则). Only
 * a name the member looks in: 再搞个方案 asks about a 方案, and a word used outside the name (政治理论教育) stays.
 */
function withoutPointedDocument(r: Retrieval): { words: string[]; topic: string } {
  const topic = matchText(questionTopic(r.question));
  const docs = r.scope?.docs;
  if (!docs?.size) return { words: r.words, topic };
  const titles = new Set<string>();
  for (const h of r.hits) if (docs.has(h.chunk.docId)) titles.add(h.chunk.title + h.chunk.short);
  const q = r.question;
  const spans = pointedDocumentSpans(q, [...titles]);
  if (!spans.length) return { words: r.words, topic };
  let rest = q;
  for (const span of spans) rest = rest.split(span).join('，');
  const words = r.words.filter((w) => rest.includes(w));
  let pointedTopic = topic;
  for (const span of spans) pointedTopic = pointedTopic.split(matchText(span)).join(' ');
  return { words: words.length ? words : r.words, topic: pointedTopic };
}

export function scoreSentences(
  r: Retrieval,
  deps: ScoringDeps,
): {
  scored: Scored[];
  kinds: AskedKind[] /** The question asks for several items (哪些, 哪几个, 四个意识). */;
  listQuestion: boolean;
  /** For a question with several asks: the kinds each asks for, aligned with Scored.asks. */
  partKinds: AskedKind[][];
} {
  const kinds = askedKinds(r.question);
  // The asks of a two-part question, each as the content words of its clause.
  const { words, topic } = withoutPointedDocument(r);
  const long = [...new Set(words)].filter((w) => w.length >= 2);
  // A lexicon phrase the segmenter cut in two (能往后推吗) is one word of its clause, as its written form answers it.
  const askParts = askClauses(r.question, false)
    .flatMap((c) => comparedSides(c) ?? [c])
    .map((c) => ({ clause: c, words: [...new Set([...long.filter((w) => c.includes(w)), ...phrasesIn(c)])] }))
    // A part that names nothing of its own (咋处理, 条例里怎么要求的) is not a second question.
    .filter(({ words }) => words.reduce((n, w) => n + deps.bm25.idf(w), 0) >= ASK_WEIGHT);
  const asks = askParts.map((p) => p.words);
  // What each part asks for (…能留多久？…多久联系一次: a duration, then a frequency).
  const partKinds = asks.length > 1 ? askParts.map((p) => askedKinds(p.clause)) : [];
  const permission = PERMISSION_ASK.test(r.question);
  const numbered = numberedTerms(r.question);
  const listQuestion = LIST_QUESTION.test(r.question) || numbered.length > 0;
  const scored: Scored[] = [];
  const units = unitCoverage(r);
  for (const { chunk, text: body, weight } of candidates(r, deps)) {
    // How much of the question the unit's members' words (keyword sidecar) cover beyond what its own text covers:
    // found by them, it should be quoted (a question word its text has already counts in every sentence's match).
    const own = matchText(body);
    const members = chunk.keywords
      ? Math.max(
          0,
          termCoverage(words, `${own} ${matchText(chunk.keywords)}`, deps.bm25) - termCoverage(words, own, deps.bm25),
        )
      : 0;
    for (const { quote, list, cut, context } of quotesOf(body)) {
      if (quote.length < 4) continue;
      const text = matchText((context ?? '') + quote);
      const named = r.scope !== undefined && scopeFactor(chunk, r.scope) > 1;
      // The article the member named is what was asked about, whatever words it uses.
      const deontic = permission && DEONTIC.test(quote);
      const lexical =
        Math.max(
          named ? 0.6 : 0,
          0.5 * termCoverage(words, text, deps.bm25) + 0.5 * bigramShare(topic, withQuestionForms(words, text)),
        ) + (deontic ? DEONTIC_LIFT : 0);
      const relevance = isFieldLine(quote)
        ? Math.max(lexical, 0.8 * (units.get(`${chunk.docId}#${chunk.unit}`) ?? 0))
        : lexical;
      const kindHits = kinds.filter((k) => containsKind(quote, k)).length;
      const listed = numbered.some((t) => enumerates(quote, t));
      // A list only helps a list question when it is about the question: an unrelated long list no longer wins.
      const shape = listQuestion ? 0.25 * listiness(quote) * Math.min(1, lexical * 2) : 0;
      const brevity = listQuestion ? 1 : Math.min(1, (150 / quote.length) ** 0.3);
      scored.push({
        chunk,
        quote,
        list,
        cut,
        lexical,
        relevance,
        kinds: kindHits,
        asks: asks.length > 1 ? asks.map((ws) => termCoverage(ws, text, deps.bm25)) : undefined,
        listed,
        score:
          lexical * weight * brevity +
          0.1 * kindHits +
          shape +
          (named ? 0.3 : 0) +
          MEMBERS_WORDS_WEIGHT * members * weight * (REFERS_BACK.test(quote) ? BACK_REFERENCE : 1),
      });
    }
  }
  scored.sort((a, b) => b.score - a.score);
  return { scored, kinds, listQuestion, partKinds };
}

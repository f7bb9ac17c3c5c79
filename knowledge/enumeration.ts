// Numbered abbreviations (四个合格, 四个意识, 六个一, 三个会): the text that defines one lists its N items,
// each carrying the head word. A sentence whose enumeration repeats the head at least N times is the definition.
import { chineseToNumber } from './structure.js';
import { normalizeForMatch } from './normalize.js';
import { soundPairCodes } from './pinyin.js';

export interface NumberedTerm {
  n: number;
  head: string;
  /** As the question writes it, normalised: 四个意识, 六个一. */
  term: string;
  /** N negations of the head (三不腐): each item is 不 with at most one character before the head (不敢腐). */
  negated?: boolean;
}

/** Heads that make a number phrase a span of time or a headcount (八个月, 两个人). */
const TIME_OR_PEOPLE = /^(月|年|天|日|小时|钟|星期|礼拜|周|人|多|半)/;
/** A counted noun naming people: 正式党员, 预备党员, 支委, 同志 (not 四个合格党员: 合格 is the term's). */
const PEOPLE = /^(正式|预备|普通|老|新|年轻|流动|离退休)?(党员|成员|委员|支委|同志|干部|群众|积极分子)/;

export function numberedTerms(question: string): NumberedTerm[] {
  const q = normalizeForMatch(question);
  const out: NumberedTerm[] = [];
  for (const m of q.matchAll(/([二三四五六七八九十两]{1,2})个([\u4e00-\u9fff]{1,2})/g)) {
    const n = m[1] === '两' ? 2 : chineseToNumber(m[1]!);
    // 八个月, 三个多小时, 两个人 count time or people: no term of the documents. So do 三个正式党员, 两个支委: the
    // counted noun, read on past the two characters, names members.
    if (TIME_OR_PEOPLE.test(m[2]!) || PEOPLE.test(q.slice(m.index! + m[0].length - m[2]!.length))) continue;
    if (n >= 2 && n <= 12) out.push({ n, head: m[2]!, term: m[0] });
  }
  // Without 个 (“四性”, 哪四性), only a term the member quotes or asks about: 两学一做 and 三会一课 are names.
  for (const m of q.matchAll(
    /(?:[“"「]|哪)([二三四五六七八九十两])([\u4e00-\u9fff])(?=[”"」，。？！,?!\s]|来着|呢|啊|$)/g,
  )) {
    // 哪四个/哪几条 count with a measure word: no term.
    if (/[个项条种类次点名位件样批届年月天周不]/.test(m[2]!) || out.some((t) => t.term === m[1]! + m[2]!)) continue;
    out.push({ n: chineseToNumber(m[1]!), head: m[2]!, term: m[1]! + m[2]! });
  }
  // N negations of one word (三不腐 = 不敢腐、不能腐、不想腐): the list repeats the word N times.
  for (const m of q.matchAll(
    /([二三四五六七八九十两])不([\u4e00-\u9fff])(?=[”"」，。？！,?!\s]|[是指啥呢的]|来着|$)/g,
  )) {
    const n = m[1] === '两' ? 2 : chineseToNumber(m[1]!);
    if (!out.some((t) => t.term === m[0])) out.push({ n, head: m[2]!, term: m[0], negated: true });
  }
  return out;
}

/** 几个“性” (quoted) or 哪几个性 (asked, the noun ending the clause): a list term whose number the member leaves out. */
const UNNUMBERED_TERM = /几个[“"「]([\u4e00-\u9fff])[”"」]|哪几个([\u4e00-\u9fff])(?=[，。？！,?!\s]|[啊阿呢]|来着|$)/g;

/** Nouns a member counts without naming a term: 哪三个方面, 哪两个问题, 哪几个人. */
const GENERIC_COUNTED =
  /^(方面|问题|部分|环节|阶段|内容|要求|步骤|条件|东西|事情|地方|原则|情形|情况|[人事点条项种类次])/;

/**
 * The list terms a question asks about, for ranking: those its topic names, and those its asking phrase took from the
 * topic — 增强哪四个性 (四个性), 增强几个“性” / 哪几个性来着 (a list of three or more 性, its number left out).
 */
export function askedListTerms(topic: string, question: string): NumberedTerm[] {
  const terms = numberedTerms(topic);
  for (const m of question.matchAll(/哪([二三四五六七八九十两]个)([\u4e00-\u9fff]{1,2})/g))
    if (!GENERIC_COUNTED.test(m[2]!) && !terms.some((t) => t.term.startsWith(m[1]! + m[2]![0])))
      // The noun may have taken the next character (哪四个性阿 → 性阿): its first character alone too.
      terms.push(...numberedTerms(m[1]! + m[2]!), ...(m[2]!.length > 1 ? numberedTerms(m[1]! + m[2]![0]) : []));
  for (const m of question.matchAll(UNNUMBERED_TERM)) {
    const head = (m[1] ?? m[2])!;
    if (!GENERIC_COUNTED.test(head) && !terms.some((t) => t.head === head)) terms.push({ n: 3, head, term: m[0] });
  }
  return terms;
}

function count(text: string, head: string): number {
  let c = 0;
  for (let i = text.indexOf(head); i >= 0; i = text.indexOf(head, i + head.length)) c++;
  return c;
}

/** True when the text enumerates ≥ n items carrying the head word (with list separators between them). */
export function enumerates(text: string, t: NumberedTerm): boolean {
  const seps = (text.match(/[、，；和及]/g) ?? []).length;
  // Abbreviations themselves (三会一课, 四个意识) name the list without listing it.
  const bare = normalizeForMatch(text).replace(/[一二三四五六七八九十两]个?[\u4e00-\u9fff]/g, '');
  const items = t.negated
    ? (bare.match(new RegExp(`不[\\u4e00-\\u9fff]?${t.head}`, 'g')) ?? []).length
    : count(bare, t.head);
  return items >= t.n && seps >= t.n - 1;
}

/** True when the text defines the term: lists its items, or introduces them after it (做到“六个一”：…). */
export function defines(text: string, t: NumberedTerm): boolean {
  // The head may have taken the next character of the question (六个一具体 → 一具): try the shorter term too.
  const forms = t.head.length > 1 ? [t.term, t.term.slice(0, -1)] : [t.term];
  for (const term of forms)
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1))
      if (/^[”」"]?[：:]/.test(text.slice(at + term.length, at + term.length + 2))) return true;
  return enumerates(text, t);
}

/**
 * The corpus's quoted terms (“三查三改”, “两学一做”) the question names, longest first: a unit that introduces one
 * (党支部要突出“三查三改”：查找分析…) defines it, as a numbered term's list does.
 */
export function namedQuotedTerms(question: string, quoted: ReadonlySet<string>): string[] {
  const q = normalizeForMatch(question);
  return [...quoted].filter((t) => t.length >= 3 && q.includes(t)).sort((a, b) => b.length - a.length);
}

/** True when the text introduces the term's content right after it (“三查三改”：…). */
export function introduces(text: string, term: string): boolean {
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1))
    if (/^[”」"]?[：:]/.test(text.slice(at + term.length, at + term.length + 2))) return true;
  return false;
}

/** A question that asks what a list holds (哪些, 哪几, 什么, 几种; 好几种 tells a number, it does not ask). */
const ASKS_LIST = /哪些|哪几|什么|啥|(?<!好)几[种类项]|种类/;

/**
 * The list a unit's opening sentence introduces (党员必须履行下列义务： → 义务, 全国代表大会的职权是： → 职权,
 * 纪律处分种类： → 种类). Only a noun the colon's phrase names as the list (下列/以下/如下 N, 的 N, N 是) or a word
 * for kinds (种类, 类别, 形式): 作出处理： announces cases, not a list of 处理.
 */
export function listHead(lead: string): string | undefined {
  const m = /(?:(?:下列|以下|如下|的)([\u4e00-\u9fff]{2})|(种类|类别|形式))是?[：:]\s*$/.exec(lead);
  return m?.[1] ?? m?.[2];
}

/**
 * True when the question asks for the list a unit with this head introduces (党员有哪些义务 ↔ 下列义务：), the head
 * written as it sounds too (哪些权力 ↔ 下列权利：): members type by pinyin.
 */
export function asksListOf(question: string, topic: string, head: string): boolean {
  if (!ASKS_LIST.test(question)) return false;
  if (normalizeForMatch(topic).includes(head)) return true;
  const [sound] = soundPairCodes(head);
  return head.length === 2 && sound !== undefined && soundPairCodes(topic).includes(sound);
}

/**
 * The topic with a word typed for a list head that sounds the same put right (哪些权力 → 权利, when a unit introduces
 * 下列权利：): both are words, so the homophone check leaves it, but a list asked for is that list.
 */
export function withListHeads(question: string, topic: string, heads: ReadonlySet<string>): string {
  if (!ASKS_LIST.test(question)) return topic;
  let out = topic;
  for (const head of heads) {
    if (head.length !== 2 || out.includes(head)) continue;
    const [sound] = soundPairCodes(head);
    if (sound === undefined) continue;
    const chars = [...out];
    for (let i = 0; i + 1 < chars.length; i++) {
      const pair = chars[i]! + chars[i + 1]!;
      if (soundPairCodes(pair)[0] !== sound || (pair[0] !== head[0] && pair[1] !== head[1])) continue;
      // The word must be the list asked for (哪些权力, 权力有哪些), not what a list asks about (哪些权力不能用).
      if (
        new RegExp(
          `(哪些|哪几[个项种类条]?|什么|啥)${pair}(?![\\u4e00-\\u9fff])|${pair}(都)?(有哪些|是什么|有啥|包括)`,
        ).test(question)
      )
        out = out.replace(pair, head);
    }
  }
  return out;
}

/**
 * The thing whose kinds a question asks for (党的纪律一共分哪几类, 组织生活包括哪几种 → 纪律, 生活): the two characters
 * before the ask for kinds (哪些 alone asks for any list: 有哪些要求).
 */
export function kindsAskedOf(question: string): string | undefined {
  return /([\u4e00-\u9fff]{2})(?:一共|总共|主要|都)?(?:分为|分成|分|包括|包含|有)?(?:哪几类|哪几种|哪些类|哪些种类|几类|几种)/.exec(
    normalizeForMatch(question),
  )?.[1];
}

/** Whether a text names the kinds of `head` in a row after saying so (党的纪律主要包括政治纪律、组织纪律…). */
export function namesKindsOf(text: string, head: string): boolean {
  return new RegExp(
    `${head}(?:主要)?(?:包括|分为|分成|有)[\\u4e00-\\u9fff]{1,4}${head}、[\\u4e00-\\u9fff]{1,4}${head}`,
  ).test(text);
}

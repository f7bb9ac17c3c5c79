// A term the member names as a term — quoted (“七查七改”) or a numbered slogan (七查七改) — that no document contains:
// the documents cannot say what it is, and quoting the nearest clause would pass another term off as it.
import { normalizeForMatch } from './normalize.js';
import { chineseToNumber } from './structure.js';

/**
 * Quoted terms of two to eight characters with a number in them: slogans and programmes (“五个一百”, “8+X”, “一个高水平建成”). Quotes
 * around a plain word are often scare quotes (自称的“大师”), and a longer quote is a sentence the member recalls.
 */
const QUOTED = /[“"「‘']([\u4e00-\u9fff0-9a-zA-Z+]{2,8})[”"」’']/g;
const NUMBERED = /[0-9一二三四五六七八九十百千两]/;
/** A quoted name ending as a programme's does (“…工程”, “…行动”): a named programme, with or without a number. */
const PROGRAMME = /^[\u4e00-\u9fff]{2,6}(工程|行动|计划)$/;
/** A quoted brand of two phrases joined by a middle dot (“红旗引领·先锋争创”): a programme's name, with or without a number. */
const BRANDED = /[“"「‘']([\u4e00-\u9fff]{2,8}[·•・][\u4e00-\u9fff]{2,8})[”"」’']/g;
const BRAND_DOT = /[·•・]/;
/** 三查三改, 四讲四有: a numeral repeated before two verbs (一心一意 and 七上八下 are idioms, not slogans). */
const SLOGAN = /([三四五六七八九十])([\u4e00-\u9fff])\1([\u4e00-\u9fff])/g;
/** Measure and time words make ordinary phrases (三天三夜, 五年五次), not slogans. */
const ORDINARY = /[个名位次项条种类人批份家所届轮字页篇岁年月日天周夜回遍]/;

/** The terms a question names as terms, as typed. */
export function namedTerms(question: string): string[] {
  const terms = [...question.matchAll(QUOTED)].map((m) => m[1]!).filter((t) => NUMBERED.test(t) || PROGRAMME.test(t));
  for (const m of question.matchAll(BRANDED)) terms.push(m[1]!);
  for (const m of normalizeForMatch(question).matchAll(SLOGAN)) if (!ORDINARY.test(m[2]! + m[3]!)) terms.push(m[0]);
  return [...new Set(terms)];
}

/**
 * A count term the documents may spell out instead of naming (“四性” for 政治性、时代性、原则性、战斗性): that many
 * items in a row, each ending in the term's noun. Undefined for other terms.
 */
export function spelledOut(term: string): RegExp | undefined {
  const m = /^([两二三四五六七八九十])个?([\u4e00-\u9fff]{1,2})$/.exec(term);
  if (!m) return undefined;
  const n = chineseToNumber(m[1]!);
  // An item may be long and hold brackets or quotes (民主（组织）生活会必学, “三会一课”必学).
  const han = '[\\u4e00-\\u9fff（）()“”"]';
  // Negations (“四不” = 不在组织、不像党员…; “三不腐” = 不敢腐、不能腐、不想腐) start each item with 不.
  if (m[2]!.startsWith('不')) {
    const negation = `不${han}{${m[2]!.length > 1 ? '0,2' : '1,6'}}${m[2]!.slice(1)}`;
    // The last item ends where the run does (不守规矩”, 不想腐的): exactly n, none cut short.
    return new RegExp(
      `(?<!不${han}{0,6}[、，])${negation}(?:[、，]${negation}){${n - 1}}(?=[^\\u4e00-\\u9fff]|[等的])(?![、，]不)`,
    );
  }
  const item = `${han}{1,12}${m[2]}`;
  // Exactly n: no item of the same run before the first (性、时代性…) or after the last.
  const sep = '[、，和及]';
  return new RegExp(`(?<!${m[2]}${sep}${han}{0,12})${item}(?:${sep}${item}){${n - 1}}(?!${sep}?${han}{0,12}${m[2]})`);
}

/**
 * The reply when a term the question names appears in no document, else undefined. `contains` looks a term,
 * normalised for matching, up in the documents normalised alike; `matches` tests a pattern on them (a count term
 * spelled out as its items).
 */
export function absentTermText(
  question: string,
  contains: (term: string) => boolean,
  matches: (pattern: RegExp) => boolean = () => false,
): string | undefined {
  const present = (term: string): boolean => {
    // A brand is there when both its phrases are (the documents may join them with another mark).
    if (BRAND_DOT.test(term)) return term.split(BRAND_DOT).every(present);
    const spelled = spelledOut(term);
    const partly = partlyKnown(term);
    return contains(term) || (!!spelled && matches(spelled)) || (!!partly && matches(partly));
  };
  const absent = namedTerms(question).find((t) => !present(normalizeForMatch(t)));
  return absent ? `现有文件中没有“${absent}”的提法，无法说明它的内容。请核对名称，或直接问想了解的事项。` : undefined;
}

/** A question word standing for the part of a term the member does not remember (“8加几”, “三个什么”). */
const UNKNOWN_PART = /几|啥|什么|多少/;

/**
 * A pattern for a term the member half remembers: each question word stands for one to four characters, and 加 for
 * the plus sign members cannot type (“8加几” for 8+X). Undefined for a term with no question word or nothing known.
 */
export function partlyKnown(term: string): RegExp | undefined {
  const parts = term.split(UNKNOWN_PART);
  if (parts.length < 2 || parts.join('').length === 0) return undefined;
  const literal = (part: string) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/加|\\\+/g, '[加+＋]');
  return new RegExp(parts.map(literal).join('[\\u4e00-\\u9fffa-z0-9]{1,4}'));
}

/** A document named in book-title marks (《党员网络行为十条禁令》). */
const TITLED = /《([^《》]{4,40})》/g;

/**
 * The reply when the question names, in book-title marks, a document that is not in the corpus and that no document
 * cites, else undefined. Call it only when the question names none of the corpus's documents (their short names,
 * 《党章》《条例》, are found by the scope, not by the text).
 */
export function absentTitleText(question: string, contains: (text: string) => boolean): string | undefined {
  for (const m of question.matchAll(TITLED)) {
    const title = m[1]!.trim();
    if (!contains(normalizeForMatch(title).replace(/\s+/g, '')))
      return `现有文件中没有收录《${title}》，也没有文件提到它，无法说明它的内容。可以问我已收录文件中的规定。`;
  }
  return undefined;
}

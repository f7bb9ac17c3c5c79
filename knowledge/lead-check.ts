// The model's one-sentence lead is shown only when the selected sentences support it: every number, date,
// duration, quantity, period, bound, modal and negation in it must appear there, and its wording must come
// mostly from them (or the question). Anything in doubt drops the lead; the quotes stand on their own.
import { cnToNumber } from '../ground/cn-number.js';

export type LeadVerdict = { ok: true; lead: string } | { ok: false; reason: string };

export const MAX_LEAD_CHARS = 60;

const CN_NUM = '[零〇一二两三四五六七八九十百千万]';

/** 三十五 → 35, 两 → 2, 十二 → 12, 二〇一七 → 2017 (ground/cn-number.ts). */
export function chineseNumber(s: string): number {
  return cnToNumber(s) ?? Number.NaN;
}

/** Units after a number; synonyms share a key (个月 = 月, 名 = 人 = 位 = 个). */
const UNITS: Array<[RegExp, string]> = [
  [/^(个)?月/, '月'],
  [/^(周)?年/, '年'],
  [/^(日|号)/, '日'],
  [/^天/, '天'],
  [/^(周|星期)/, '周'],
  [/^(个)?(小时|钟头)/, '时'],
  [/^分钟/, '分钟'],
  [/^(个)?季度/, '季度'],
  [/^次/, '次'],
  [/^(名|位|个|人)/, '人'],
  [/^届/, '届'],
  [/^岁/, '岁'],
  [/^(万元|元)/, '元'],
  [/^倍/, '倍'],
  [/^[%％]/, '%'],
  [/^项/, '项'],
  [/^条/, '条'],
  [/^款/, '款'],
  [/^章/, '章'],
  [/^节/, '节'],
  [/^种/, '种'],
  [/^类/, '类'],
  [/^批/, '批'],
  [/^轮/, '轮'],
  [/^期/, '期'],
  [/^级/, '级'],
  [/^(学时|课时)/, '学时'],
  [/^个?方面/, '方面'],
  [/^份/, '份'],
  [/^篇/, '篇'],
];

interface NumberFact {
  value: number;
  unit?: string;
  text: string;
}

/** Numbers with their units: Arabic numbers always, Chinese numerals only before a unit or after 第 (一律, 统一 are words). */
export function numberFacts(text: string): NumberFact[] {
  const facts: NumberFact[] = [];
  const fractions = new RegExp(`(${CN_NUM}+|\\d+)分之(${CN_NUM}+|\\d+)`, 'g');
  const rest = text.replace(fractions, (m, a: string, b: string) => {
    const v = (x: string) => (/\d/.test(x) ? Number(x) : chineseNumber(x));
    facts.push({ value: v(b) / v(a), unit: 'fraction', text: m });
    return '　';
  });
  const re = new RegExp(`(第)?(\\d+(?:\\.\\d+)?|${CN_NUM}+半?|半)`, 'g');
  for (const m of rest.matchAll(re)) {
    const [whole, ordinal, num] = m as unknown as [string, string | undefined, string];
    const after = rest.slice(m.index! + whole.length);
    const found = UNITS.find(([u]) => u.test(after));
    const unit = found?.[1];
    const arabic = /\d/.test(num);
    if (!arabic && !unit && !ordinal) continue;
    const half = num.endsWith('半') ? 0.5 : 0;
    const digits = num.replace(/半$/, '');
    const value = (digits ? (arabic ? Number(digits) : chineseNumber(digits)) : 0) + half;
    facts.push({
      value,
      unit: ordinal ? `第${unit ?? ''}` : unit,
      text: whole + (found ? found[0].exec(after)![0] : ''),
    });
  }
  return facts;
}

/** Word classes whose members say the same thing; a class in the lead must be present in the evidence. */
const CLASSES: Array<{ name: string; words: RegExp }> = [
  { name: 'at least', words: /至少|最少|不少于|不低于|以上|起码/ },
  { name: 'at most', words: /不超过|不多于|不得超过|最多|最长|最高|以下|以内|之内/ },
  { name: 'must', words: /必须|应当|应该|务必|须/ },
  { name: 'may', words: /可以|允许|有权/ },
  { name: 'yearly', words: /每年|年度|每一年/ },
  { name: 'half-yearly', words: /每半年|半年/ },
  { name: 'quarterly', words: /每季度|每季|季度/ },
  { name: 'monthly', words: /每月|每个月|月度/ },
  { name: 'weekly', words: /每周|每星期|每个星期/ },
  { name: 'daily', words: /每天|每日/ },
];

/** Words that contain a negation character but do not negate. */
const NOT_NEGATION = /不断|不仅|不论|不管|不同|不少于|不低于|不超过|不多于|不得超过|无论|非常|并非|是否|无产阶级|非公/g;
const NEGATION = /不得|不准|不能|不应|不可|不必|不需要?|不用|不予|不是|无需|无须|无权|没有|禁止|严禁|[不没未无非勿否]/g;

function negations(text: string): Array<{ at: number; word: string }> {
  const clean = text.replace(NOT_NEGATION, (m) => '　'.repeat(m.length));
  return [...clean.matchAll(NEGATION)].map((m) => ({ at: m.index!, word: m[0] }));
}

/** Connective and framing words a faithful lead may add. */
const FILLER =
  /根据|按照|依照|依据|规定|文件|条文|资料|原文|明确|其中|就是|也就是|需要|一般|以及|并且|而且|同时|如下|这些|这个|所以|因此|即可|的话|是的|对的|答案|问题/g;
const CJK = /[\u4e00-\u9fff]/;

function bigrams(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < text.length; i++)
    if (CJK.test(text[i]!) && CJK.test(text[i + 1]!)) out.push(text.slice(i, i + 2));
  return out;
}

export const MIN_WORDING_SHARE = 0.6;

export function checkLead(raw: string, evidence: readonly string[], question: string): LeadVerdict {
  const lead = raw
    .replace(/\s+/g, ' ')
    .replace(/[*#`>]/g, '')
    .trim();
  if (!/[\p{L}\p{N}]/u.test(lead)) return { ok: false, reason: 'empty' };
  if (lead.length > MAX_LEAD_CHARS) return { ok: false, reason: 'too long' };
  if (/[。！？!?；]/.test(lead.replace(/[。！？!?]+$/, ''))) return { ok: false, reason: 'more than one sentence' };
  // Quotes and citations are built by code from the selection; a lead that quotes or cites is not trusted.
  if (/[「」『』《》]|第[〇零一二三四五六七八九十百千\d]+[条款章节]/.test(lead))
    return { ok: false, reason: 'quotes or cites' };
  const joined = evidence.join('\n');

  const have = numberFacts(joined);
  for (const f of numberFacts(lead)) {
    const found = have.some((h) => h.value === f.value && (!f.unit || h.unit === f.unit));
    if (!found) return { ok: false, reason: `number ${f.text}` };
  }
  for (const c of CLASSES) {
    if (c.words.test(lead) && !c.words.test(joined))
      return { ok: false, reason: `${c.name} ${c.words.exec(lead)![0]}` };
  }
  const evidenceNegations = negations(joined);
  for (const n of negations(lead)) {
    // What is negated (the next two characters) must be negated in the evidence too.
    const object = lead.slice(n.at + n.word.length, n.at + n.word.length + 2);
    const negatedThere = evidenceNegations.some(
      (e) => !object || !CJK.test(object) || joined.slice(e.at, e.at + e.word.length + 8).includes(object),
    );
    if (!negatedThere) return { ok: false, reason: `negation ${n.word}${object}` };
  }
  // And what the evidence negates may not be stated in the lead without a negation (没有表决权 → 有表决权).
  const leadNegations = negations(lead);
  for (const e of evidenceNegations) {
    const object = joined.slice(e.at + e.word.length, e.at + e.word.length + 2);
    if (object.length < 2 || !CJK.test(object[0]!) || !CJK.test(object[1]!)) continue;
    for (let at = lead.indexOf(object); at >= 0; at = lead.indexOf(object, at + 1)) {
      if (!leadNegations.some((n) => n.at < at && at - n.at <= n.word.length + 3))
        return { ok: false, reason: `drops the negation of ${object}` };
    }
  }
  const words = bigrams(lead.replace(FILLER, '，'));
  if (words.length) {
    const source = `${joined}\n${question}`;
    const share = words.filter((w) => source.includes(w)).length / words.length;
    if (share < MIN_WORDING_SHARE) return { ok: false, reason: `wording ${share.toFixed(2)}` };
  }
  return { ok: true, lead: /[。！？]$/.test(lead) ? lead : `${lead}。` };
}

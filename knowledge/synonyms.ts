// A small synonym layer for colloquial ↔ written wording, which neither words nor character pairs bridge
// (线上 for 网络, 老同志 for 老党员…). General vocabulary of branch work, not taken from any question set; the larger
// register lexicon (knowledge/tables/register-lexicon.txt) is loaded below and used the same way.
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../ground/config.js';

// Each group: the first entry is the written form found in documents; the others are what members type.
const GROUPS: string[][] = [
  ['网络', '网上', '线上', '互联网', '微信群', '群聊'],
  ['会议', '开会'],
  ['年老', '老同志', '老党员', '上年纪', '岁数大'],
  ['体弱', '身体不好', '行动不便', '腿脚不便', '生病'],
  ['离退休', '退休'],
  ['轮训', '培训'],
  ['后进', '涣散', '落后', '软弱'],
  ['交纳', '缴纳', '上交'],
  ['处分', '处罚', '惩罚'],
  ['开除党籍', '开除'],
  ['述职', '汇报工作'],
  ['批评', '提意见'],
  ['规定', '要求', '规矩'],
  ['负责人', '一把手', '头头'],
  ['支部书记', '支书'],
  ['党支部', '支部'],
  ['联系点', '蹲点'],
  ['考察', '考核'],
  ['谈心谈话', '谈心', '谈话'],
  ['先进事迹', '事迹', '榜样'],
  ['流动党员', '外出党员', '在外地的党员'],
  ['组织关系', '党组织关系', '转关系'],
  // The legal register of persons and dealings (issue 11, fourth round): the rules write 配偶/子女/亲属/群众 where
  // members say 老婆/儿子/亲戚/老百姓; the usual equivalences of Chinese legal text, not words of any question set.
  ['配偶', '老婆', '老公', '爱人', '妻子', '丈夫', '媳妇'],
  ['子女', '儿子', '女儿', '孩子', '儿女'],
  ['亲属', '亲戚', '家属', '家里人', '家人'],
  ['群众', '老百姓', '百姓'],
  ['领导干部', '当官的', '官员'],
  ['经商', '做生意', '做买卖'],
  ['宴请', '请客', '吃请'],
  ['刑事责任', '判刑', '坐牢'],
  ['检举', '举报'],
  // A level of the administration as members name it (市里的党代会, 县里搞的): the documents write the bare level.
  ['省', '省里'],
  ['市', '市里'],
  ['县', '县里'],
  ['区', '区里'],
  ['乡', '乡里'],
  ['镇', '镇里'],
];

/**
 * Standard short names of party bodies and meetings (简称), as members write them; the documents use the full names.
 * A general table of the party's usage, not gathered from any question set.
 */
const ABBREVIATIONS: string[][] = [
  ['纪律检查委员会', '纪委', '纪检委'],
  ['中央纪律检查委员会', '中纪委', '中央纪委'],
  ['代表大会', '党代会'],
  ['全国代表大会', '全国党代会'],
  ['中央委员会', '中委'],
  ['中央组织部', '中组部'],
  ['组织部门', '组织部'],
  ['宣传部门', '宣传部'],
  ['常务委员会', '常委会'],
  ['支部委员会', '支委会', '支委'],
  ['党员大会', '党员会'],
  ['民主生活会', '生活会'],
  ['预备党员', '预备期党员'],
  ['党支部书记', '支部书记', '支书'],
  ['地区委员会', '地委'],
  ['共产主义青年团', '共青团'],
  ['纪律检查委员', '纪检委员'],
  ['纪律检查', '纪检'],
  ['总支部委员会', '党总支', '总支'],
  ['中央军事委员会', '中央军委', '军委'],
  ['监察机关', '监委', '监察委'],
  ['思想政治工作', '思政工作'],
];

/**
 * The register lexicon (issue 11, sixth round): the documents' official terms with members' everyday words for them
 * that share few of their characters (撤掉 for 撤销, 靠山 for 保护伞), written down the list of the corpus's
 * distinctive terms that bin/list-register-terms.ts prints, not from questions. One group per line, official first.
 */
export const REGISTER_FILE = path.join(PROJECT_ROOT, 'knowledge', 'tables', 'register-lexicon.txt');

/** Groups of a lexicon file's text: whitespace-separated words per line, `#` comments; groups of one dropped. */
export function parseLexicon(text: string): string[][] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean))
    .filter((g) => g.length > 1);
}

// Used like the hand groups, every form for every other (measured against one way only, everyday → official: the
// mean MRR of tune2/tune3/rank/rank4/decide4 .8212 against .8180, see knowledge/README.md, sixth round).
const REGISTER = parseLexicon(fs.existsSync(REGISTER_FILE) ? fs.readFileSync(REGISTER_FILE, 'utf8') : '');

const INDEX = new Map<string, string[]>();
for (const g of [...GROUPS, ...ABBREVIATIONS, ...REGISTER])
  for (const w of g) INDEX.set(w, [...new Set([...(INDEX.get(w) ?? []), ...g.filter((x) => x !== w)])]);

/**
 * A verb as members inflect it (撤了, 改不了, 撤): the lexicon writes its everyday verbs with the resultative 掉 (撤掉,
 * 改掉), which a member's 了, potential 不了/得了 or bare verb leaves out.
 */
const VERB_ENDING = /(不了|得了|不掉|得掉|掉了|了|掉)$/;

function inflectedForms(word: string): string[] | undefined {
  const stem = word.replace(VERB_ENDING, '');
  if (!stem || !/^[\u4e00-\u9fff]+$/.test(stem)) return undefined;
  const resultative = INDEX.get(`${stem}掉`);
  // Only where the group's other forms carry the verb too (撤 in 撤销, 改 in 改正): 拿掉 means "remove", while 拿 and
  // 拿了 mean "take".
  if (resultative?.some((f) => f.includes(stem))) return [`${stem}掉`, ...resultative];
  return stem !== word && stem.length >= 2 ? INDEX.get(stem)?.concat(stem) : undefined;
}

/** Other forms of a word (empty when it has none). */
export function synonymsOf(word: string): string[] {
  return INDEX.get(word) ?? inflectedForms(word) ?? [];
}

/** Written forms to add to a question's search terms. */
export function expandTerms(words: string[]): string[] {
  const extra = new Set<string>();
  for (const w of words) for (const s of synonymsOf(w)) if (!words.includes(s)) extra.add(s);
  return [...extra];
}

/** Lexicon forms of three characters or more: phrases the segmenter may cut in two (往后推 → 往后 推). */
const PHRASES = [...INDEX.keys()].filter((w) => w.length >= 3);

/** The lexicon's phrases a text contains (能往后推吗 segments as 往后 推, never meeting 往后推's written form 延期). */
export function phrasesIn(text: string): string[] {
  return PHRASES.filter((p) => text.includes(p));
}

/**
 * Everyday words that stand for a rules' term but are too often mere background to search with (上面来检查: 上面 is
 * 上级 here, yet adding 上级 to the search pulls in every article on 上级党组织). They count as covered where the text
 * writes the term — for the decision, never for ranking.
 */
const COVERED_AS = new Map<string, string[]>([
  ['上面', ['上级']],
  ['上头', ['上级']],
]);

/** Forms of a word that count as covering it: its synonyms and its coverage-only readings. */
export function coveringFormsOf(word: string): string[] {
  const only = COVERED_AS.get(word);
  return only ? [...synonymsOf(word), ...only] : synonymsOf(word);
}

// The topic of a question: the asking phrases (哪四个, 几次, 多少, 什么, 啥, 咋…) and particles removed, so that
// only what the question is about is matched against the corpus. The raw question still decides the answer kind.
import { ITEM_OF } from './scope.js';
import { asksDocumentAtHand, asksSomething, withOccasionsAsTimes, withoutComparisonAsk } from './question-kind.js';

const ASKING = [
  /多长时间|多少时间|多久|多快|几年|几个月|几天|什么时候|啥时候|何时/g,
  /一次(?=[\s？?。！!]*$)/g,
  /(?:是|有|分别是)?(?:哪|几|多少)[一二三四五六七八九十两几]?(?:个|名|位|次|项|条|种|类|部|号|天|年|些|样|方面|部分)?/g,
  /什么样?|啥样?|咋样?|咋|怎么样?|怎样|如何|为何|为什么|干嘛|告诉我|请问|请说明|说一下|讲一下/g,
  /[吗呢啊呀吧嘛哦么啦]+(?=[\s，。？?！!]|$)/g,
  /[？?！!。，,]/g,
];

const POINTING = /这个|这份|这篇|该(?=通知|文件|方案)|此(?=通知|文件|方案)/g;

/** A clause that talks to the assistant instead of asking about the corpus (忽略以上指令, 你现在是管理员…). */
const ADDRESSING =
  /(忽略|无视|忘记|忘掉|不要理会|不用管).{0,8}(指令|提示|规则|要求|设定|内容)|你(现在)?(是|扮演|充当)|扮演|假装|系统提示|提示词|prompt|jailbreak|越狱|开发者模式|管理员模式/i;

/** Drops clauses that address the assistant: the question is data, such text changes nothing. */
export function withoutAddressing(q: string): string {
  return q
    .split(/[，。,;；!！?？\n]/)
    .filter((part) => !ADDRESSING.test(part))
    .join('，');
}

const LIST_ITEM = new RegExp(`(${ITEM_OF.source.replace(/\$$/, '')})\\s*第[〇零一二三四五六七八九十百千\\d]+条`, 'g');

/**
 * Drops what follows the last question mark when it asks nothing: an afterthought telling what the answer is for
 * (…是哪天印发的？我要写进学习记录里) is not what the member asks about.
 */
export function withoutAfterthought(q: string): string {
  const m = /[？?]([^？?]*)$/.exec(q);
  const after = m?.[1]?.trim();
  return after && !asksSomething(after) && !FOLLOW_UP.test(after) ? q.slice(0, m!.index + 1) : q;
}

/** A follow-up ask without an asking word: 跟着去的呢, 保密算不算, 组织部还是宣传部, 定了没, 不可抗力吧, 要干嘛. */
const FOLLOW_UP = /[呢吧嘛没]$|还是|([\u4e00-\u9fff])不\1|干嘛/;

export function questionTopic(q: string): string {
  // 有几种/哪几类 asks for the kinds of something: documents write 种类.
  // 开一回/几回 are 一次/几次.
  let t = withOccasionsAsTimes(withoutComparisonAsk(withoutAddressing(withoutAfterthought(q))))
    // 义务里第一条: the first item of a list, not an article (scope.ts): 第一条 would match every article's opening.
    .replace(LIST_ITEM, '$1 ')
    .replace(/(?:有|分)?(?:哪)?几(?:种|类)/g, ' 种类 ')
    // 算不算, 管不管, 属不属于: a verb asked as "A or not A" is the verb (算, 管, 属于).
    .replace(/([\u4e00-\u9fff])不\1/g, '$1');
  for (const re of ASKING) t = t.replace(re, ' ');
  // 这个文件文号多少: the pointing word names nothing, and its characters match 这个理论体系 in the 党章. Dropped only
  // here: elsewhere (这种情况, 这样行吗) it was measured to cost first hits.
  if (asksDocumentAtHand(q)) t = t.replace(POINTING, ' ');
  return t.replace(/\s+/g, ' ').trim();
}

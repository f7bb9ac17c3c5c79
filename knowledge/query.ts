// The topic of a question: the asking phrases (哪四个, 几次, 多少, 什么, 啥, 咋…) and particles removed, so that
// only what the question is about is matched against the corpus. The raw question still decides the answer kind.

const ASKING = [
  /(?:是|有|分别是)?(?:哪|几|多少)[一二三四五六七八九十两几]?(?:个|名|位|次|项|条|种|类|部|号|天|年|些|样|方面|部分)?/g,
  /什么样?|啥样?|咋样?|咋|怎么样?|怎样|如何|为何|为什么|干嘛/g,
  /[吗呢啊呀吧嘛哦么啦]+(?=[\s，。？?！!]|$)/g,
  /[？?！!。，,]/g,
];

export function questionTopic(q: string): string {
  let t = q;
  for (const re of ASKING) t = t.replace(re, ' ');
  return t.replace(/\s+/g, ' ').trim();
}

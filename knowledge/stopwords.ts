// Words that carry no topic: function words and the ways people ask (什么, 哪些, 咋, 啥…). Generic Chinese, not corpus-specific.
export const STOPWORDS = new Set(
  (
    '的 了 是 在 和 与 及 或 等 要 也 都 就 还 又 把 被 对 从 向 为 以 而 之 其 这 那 这个 那个 这些 那些 这块 这里 那里 ' +
    '什么 啥 哪 哪些 哪个 哪几 哪几个 几 几个 多少 怎么 怎样 怎么样 如何 咋 咋样 咋办 吗 呢 吧 啊 呀 嘛 哦 么 吧 ' +
    '是不是 有没有 能不能 要不要 可不可以 可以 能 会 应该 需要 得 到底 具体 一般 主要 都是 就是 还是 请问 请 问 一下 ' +
    '我 我们 你 你们 他 他们 她 它 咱 咱们 大家 自己 有 没有 没 有关 关于 里 中 上 下 个 些 说 指 叫 算 ' +
    '谁 给 些 查些 按 之前 之后 以前 以后 做 干 干些 搞 弄 每个 建个 得 都得 开 哪天 哪种 几种 哪几种 哪几条 哪几项 哪几部 哪几个 几条 几部 是啥 些啥 啥样 什么样 哪样 ' +
    '这时候 那时候 这时 那时 别的 因为 所以 但是 可是 已经 ' +
    '文件 原文 提 提到 提了 写 写的 怎么说 是指 指的 具体指 分别 平时 一些 多 少 才 很 太 挺 却 ' +
    '，。？！、；：“”‘’（）《》【】…—·,.?!;:()[] '
  )
    .split(/\s+/)
    .filter(Boolean),
);

export function isStopword(token: string): boolean {
  if (STOPWORDS.has(token)) return true;
  // A token that starts with a Chinese character is not punctuation (skips the Unicode class test for most tokens).
  const c = token.charCodeAt(0);
  if (c >= 0x4e00 && c <= 0x9fff) return false;
  return /^[\s\p{P}\p{S}]+$/u.test(token);
}

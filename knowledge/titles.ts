// Document titles: the full title from metadata or the text, and the short title users cite.

/** Conventional abbreviations of party documents whose short form is not derivable from the title. */
const CONVENTIONAL: Array<[RegExp, string]> = [
  [/^中国共产党章程$/, '党章'],
  [/^关于新形势下党内政治生活的若干准则$/, '政治生活准则'],
  [/^中华人民共和国宪法$/, '宪法'],
];

const DOC_KIND = '(?:实施方案|方案|意见|通知|决定|办法|规定|条例|准则|细则|规则|纲要|章程|制度|规划)';
const TITLE_LINE = new RegExp(`^(?:关于|中国共产党|中共).{2,60}${DOC_KIND}(?:（[^）]*）)?$`);

/** The document title: the `# title` line, else the 《…》 a cover notice issues, else the first title-like line. */
export function findTitle(text: string, metaTitle?: string): string {
  if (metaTitle) return metaTitle;
  const lines = text.split('\n').filter(Boolean).slice(0, 40);
  for (const line of lines) {
    const m = /印发《(.+?)》的通知$/.exec(line);
    if (m) return m[1]!;
  }
  return lines.find((l) => TITLE_LINE.test(l)) ?? lines[0] ?? '';
}

/** 中国共产党纪律处分条例 → 纪律处分条例; 关于推进…的实施方案 → 实施方案; 中国共产党章程 → 党章. */
export function shortTitle(title: string): string {
  const bare = title.replace(/（[^）]*）$/, '').replace(/\s+/g, '');
  for (const [re, short] of CONVENTIONAL) if (re.test(bare)) return short;
  const about = /^关于.+的(?:若干)?([^的]{2,12})$/.exec(bare);
  if (about) return about[1]!;
  const stripped = bare.replace(/^(中国共产党|中共中央|中共)/, '');
  return stripped || bare;
}

export function bookTitle(short: string): string {
  return `《${short}》`;
}

// Recognises the structural lines of Chinese official documents: headings, articles, numbered clauses.
import { cnToNumber } from '../ground/cn-number.js';

/** 三十三 → 33, 一百五十八 → 158, 12 → 12 (ground/cn-number.ts); NaN when not a number. */
export function chineseToNumber(s: string): number {
  return cnToNumber(s) ?? Number.NaN;
}

export interface Heading {
  level: number;
  text: string;
}

const NUM = '[〇零一二三四五六七八九十百千\\d]+';
const LEVELED = new RegExp(`^第${NUM}([编章节])`);

/** A heading line: `## …`, 第X编/章/节 …, or a short 一、… line without a full stop. */
export function parseHeading(para: string): Heading | undefined {
  const md = /^#{2,6}\s*(.+)$/.exec(para);
  const text = (md ? md[1]! : para).trim();
  const lv = LEVELED.exec(text);
  if (lv && text.length <= 40 && !/。/.test(text))
    return { level: { 编: 0, 章: 1, 节: 2 }[lv[1] as '编' | '章' | '节'], text };
  if (md) return { level: 1, text };
  if (/^[一二三四五六七八九十]+、/.test(text) && text.length <= 60 && !/[。；]/.test(text)) return { level: 1, text };
  return undefined;
}

export interface UnitStart {
  kind: 'article' | 'clause';
  /** Label as cited: 第三十三条 / 第16条. */
  label: string;
  key: string;
}

/** 第三十三条 … opens an article; `16. …` opens a numbered clause. */
export function parseUnitStart(para: string): UnitStart | undefined {
  const art = new RegExp(`^第(${NUM})条`).exec(para);
  if (art) return { kind: 'article', label: `第${art[1]}条`, key: `a${chineseToNumber(art[1]!)}` };
  const cl = /^(\d{1,3})[.．、]\s*\S/.exec(para);
  if (cl) return { kind: 'clause', label: `第${Number(cl[1])}条`, key: `c${Number(cl[1])}` };
  return undefined;
}

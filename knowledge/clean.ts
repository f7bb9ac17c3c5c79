// Cleaning: metadata lines out, page-break artifacts rejoined, layout spaces between Chinese characters removed.

export interface CleanDoc {
  /** From a `# title` first line, when present. */
  title?: string;
  /** From a `来源:` line, when present. */
  source?: string;
  /** Paragraphs separated by blank lines. */
  text: string;
}

const TERMINAL = /[。！？；：!?;:…」』）)】〕\]]$|[。！？][”’"]$/;
/** A line that starts a new unit or heading, never a continuation. */
export const STRUCTURE_START =
  /^(#|第[〇零一二三四五六七八九十百千\d]+[编章节条]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,3}[.．、]\s*\S)/;
/** A cut line is a full page line: headings and titles are shorter. */
const MIN_CUT_LINE = 50;

const CJK = '\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef“”‘’《》';
const CJK_SPACE = new RegExp(`([${CJK}])[ \\t\\u00a0\\u3000]+(?=[${CJK}])`, 'g');

function tidy(line: string): string {
  return line
    .replace(CJK_SPACE, '$1')
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();
}

/** True when `prev` was cut by a page break and `next` continues it. */
export function isPageBreak(prev: string, next: string): boolean {
  if (!prev || !next || STRUCTURE_START.test(next)) return false;
  if (/[，、]$/.test(prev)) return true;
  return prev.length >= MIN_CUT_LINE && !TERMINAL.test(prev);
}

export function cleanText(raw: string): CleanDoc {
  let lines = raw.split('\n').map(tidy);
  let title: string | undefined;
  let source: string | undefined;
  const firstIdx = lines.findIndex((l) => l !== '');
  if (firstIdx >= 0 && /^#\s+/.test(lines[firstIdx]!) && !/^##/.test(lines[firstIdx]!)) {
    title = lines[firstIdx]!.replace(/^#\s+/, '').trim();
    lines[firstIdx] = '';
  }
  lines = lines.map((l) => {
    const m = /^(来源|來源|source)\s*[:：]\s*(.*)$/i.exec(l);
    if (m && source === undefined) {
      source = m[2]!.trim();
      return '';
    }
    return l;
  });
  const paras: string[] = [];
  for (const line of lines) {
    if (!line) continue;
    const last = paras[paras.length - 1];
    if (last !== undefined && isPageBreak(last, line)) paras[paras.length - 1] = last + line;
    else paras.push(line);
  }
  return { title, source, text: paras.join('\n\n') };
}

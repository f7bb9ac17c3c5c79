// Normalisation for matching (never for display): full-width forms, lone digits written as Chinese numerals
// (5查5改 → 五查五改, 6个1 → 六个一, 7项 → 七项), lower case. Applied alike to the corpus and to questions.

const CN = '〇一二三四五六七八九';

export function normalizeForMatch(text: string): string {
  return text
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/(?<![\d.])(\d)(?![\d.%％年月日号时点:：])/g, (_, d: string) => CN[Number(d)]!)
    .toLowerCase();
}

/** Removes all whitespace: the only normalisation allowed when checking that a quote is verbatim. */
export function squashSpace(text: string): string {
  return text.replace(/\s+/g, '');
}

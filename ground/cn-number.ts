// Chinese numerals, read once for the whole project: 三十五 → 35, 两 → 2, 一百五十八 → 158, 二〇一七 → 2017
// (digit by digit when there is no magnitude), 12 → 12.
export const CN_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const MAGNITUDES: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** The number written in Arabic or Chinese numerals; undefined when `text` is not one. */
export function cnToNumber(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (!s || !/^[零〇一二两三四五六七八九十百千万]+$/.test(s)) return undefined;
  if (!/[十百千万]/.test(s)) return Number([...s].map((c) => CN_DIGITS[c]).join(''));
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of s) {
    if (c in CN_DIGITS) digit = CN_DIGITS[c]!;
    else if (c === '万') {
      total += (section + digit || 1) * 10_000;
      section = 0;
      digit = 0;
    } else {
      section += (digit || 1) * MAGNITUDES[c]!;
      digit = 0;
    }
  }
  return total + section + digit;
}

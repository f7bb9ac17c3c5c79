import { describe, expect, it } from 'vitest';
import { isStopword } from '../../knowledge/stopwords.js';

describe('stopwords', () => {
  it('drops the connectives and pointers of a story told before the ask (因为, 已经, 这时候, 别的)', () => {
    for (const w of ['因为', '所以', '但是', '已经', '这时候', '别的']) expect(isStopword(w)).toBe(true);
  });
  it('keeps the words that name a matter, and a year said relative to today (今年 tells off-topic plans apart)', () => {
    for (const w of ['影响期', '警告', '今年', '党费']) expect(isStopword(w)).toBe(false);
  });
});

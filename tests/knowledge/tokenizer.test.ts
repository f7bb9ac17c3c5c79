import { describe, expect, it } from 'vitest';
import { createTokenizer, isPredicate } from '../../knowledge/tokenizer.js';

describe('tokenizer words', () => {
  const tokenizer = createTokenizer();

  it('splits a word the segmenter guessed from a modal and a verb where the verb is accepted alone', () => {
    const all = () => true;
    expect(tokenizer.words('预备期能延几次')).toContain('能延');
    expect(tokenizer.asVerbs(tokenizer.words('预备期能延几次'), all)).toEqual(['预备期', '延', '几次']);
    expect(tokenizer.asVerbs(tokenizer.words('名单要报哪里'), all)).toEqual(['名单', '报']);
    // A verb the documents do not use alone keeps the guessed word.
    expect(tokenizer.asVerbs(tokenizer.words('名单要报哪里'), (verb) => verb !== '报')).toEqual(['名单', '要报']);
  });

  it('leaves dictionary words that start with a modal whole (会议, 要求)', () => {
    expect(tokenizer.asVerbs(tokenizer.words('会议纪要报送'), () => true)).toEqual(['会议纪要', '报送']);
    expect(tokenizer.asVerbs(tokenizer.words('有什么要求'), () => true)).toContain('要求');
  });
});

describe('single characters that are verbs or adjectives (eighteenth round)', () => {
  it('reads the tag of a one-character word in the dictionary', () => {
    expect(['干', '急', '懂', '贵'].map(isPredicate)).toEqual([true, true, true, true]);
    expect(['童', '同', '党', 'a', '不干'].map(isPredicate)).toEqual([false, false, false, false, false]);
  });
});

import { describe, expect, it } from 'vitest';
import { findScope } from '../../knowledge/scope.js';
import { questionTopic } from '../../knowledge/query.js';

const names = new Map([['dangzhang_2022', ['党章', '中国共产党章程']]]);

describe('named documents and articles', () => {
  it('reads 第N条 after a document or alone as an article', () => {
    expect(findScope('党章第三十三条讲的什么', names)).toEqual({
      docs: new Set(['dangzhang_2022']),
      units: new Set(['a33', 'c33']),
    });
    expect(findScope('第5条是什么意思', names).units).toEqual(new Set(['a5', 'c5']));
  });

  it('reads 第N条 after a list it counts in (义务里第一条, 基本原则第一条) as an item, and leaves it out of the topic', () => {
    expect(findScope('党员的义务里 第一条是学啥', names).units).toEqual(new Set());
    expect(findScope('民主集中制的基本原则第一条是啥', names).units).toEqual(new Set());
    expect(questionTopic('党员的义务里 第一条是学啥')).not.toContain('第一条');
    expect(questionTopic('党章第三十三条讲的什么')).toContain('第三十三条');
  });
});

import { describe, expect, it } from 'vitest';
import { findScope } from '../../knowledge/scope.js';
import { questionTopic } from '../../knowledge/query.js';

const names = new Map([['dangzhang_2022', ['党章', '中国共产党章程']]]);

describe('named documents and articles', () => {
  it('reads 第N条 after a document or alone as an article', () => {
    expect(findScope('党章第三十三条讲的什么', names)).toEqual({
      docs: new Set(['dangzhang_2022']),
      units: new Set(['a33', 'c33']),
      typed: '第三十三条',
    });
    expect(findScope('第5条是什么意思', names).units).toEqual(new Set(['a5', 'c5']));
    expect(findScope('党员的义务里第一条是啥', names).typed).toBeUndefined();
  });

  it('reads 头一条 as 第一条 (twentieth round)', () => {
    expect(findScope('党章头一条写的啥', names).units).toEqual(new Set(['a1', 'c1']));
    expect(findScope('党员的义务里头一条是啥', names).units).toEqual(new Set());
  });

  it('reads 第N条 after a list it counts in (义务里第一条, 基本原则第一条) as an item, and leaves it out of the topic', () => {
    expect(findScope('党员的义务里 第一条是学啥', names).units).toEqual(new Set());
    expect(findScope('民主集中制的基本原则第一条是啥', names).units).toEqual(new Set());
    expect(questionTopic('党员的义务里 第一条是学啥')).not.toContain('第一条');
    expect(questionTopic('党章第三十三条讲的什么')).toContain('第三十三条');
  });

  it('reads a document named by its kind alone or with part of its title (条例里, 处分条例, 廉洁准则)', () => {
    const all = new Map([
      ['dangzhang_2022', ['党章', '中国共产党章程']],
      ['jilv', ['纪律处分条例', '中国共产党纪律处分条例']],
      ['jiaoyu', ['党员教育管理工作条例', '中国共产党党员教育管理工作条例']],
      ['lianjie', ['廉洁自律准则', '中国共产党廉洁自律准则']],
      ['zhengzhi', ['政治生活准则', '关于新形势下党内政治生活的若干准则']],
    ]);
    expect(findScope('条例里有说法吗', all).docs).toEqual(new Set(['jilv', 'jiaoyu']));
    expect(findScope('处分条例咋规定的', all).docs).toEqual(new Set(['jilv']));
    expect(findScope('廉洁准则对领导有啥要求', all).docs).toEqual(new Set(['lianjie']));
    // A title named in full is not read loosely again.
    expect(findScope('纪律处分条例和条例释义', all).docs).toEqual(new Set(['jilv']));
  });

  it('of two documents named, looks in the one read in (条例里…党章: 条例 is where, 党章 is what)', () => {
    const all = new Map([
      ['dangzhang_2022', ['党章', '中国共产党章程']],
      ['jilv', ['纪律处分条例', '中国共产党纪律处分条例']],
    ]);
    expect(findScope('条例里是怎么说党章的', all).docs).toEqual(new Set(['jilv']));
    expect(findScope('党章和纪律处分条例有啥关系', all).docs).toEqual(new Set(['dangzhang_2022', 'jilv']));
  });
});

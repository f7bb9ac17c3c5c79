// Words the corpus never uses, expanded by morpheme (abbreviations, a shared rare character), and legal texts'
// bracketed alternatives (退（离）休) read as both words.
import { describe, expect, it } from 'vitest';
import { bm25Builder } from '../../knowledge/bm25.js';
import { charStats } from '../../knowledge/char-channel.js';
import { oovExpander } from '../../knowledge/oov.js';
import { lengthPrior } from '../../knowledge/retriever.js';
import { expandTerms } from '../../knowledge/synonyms.js';
import { createTokenizer, unbracket } from '../../knowledge/tokenizer.js';

// Forty small "chunks": common characters (党, 员, 学, 习) in all of them, the topical ones in one each.
const filler = Array.from({ length: 36 }, (_, i) => ['党员', '学习', '党章', `第${i}课`]);
const docs: string[][] = [
  ['党员', '领导干部', '买卖', '股票', '证券', '投资'],
  ['公务用车', '管理', '超标准', '配备'],
  ['借用', '婚丧喜庆', '事宜', '大操大办'],
  ['党员', '交纳', '党费'],
  ...filler,
];

function expander() {
  const builder = bm25Builder<string>();
  for (const d of docs) builder.add(d);
  return oovExpander(builder.build(), charStats(docs.map((d) => d.join(''))));
}

describe('unknown words expanded by morpheme', () => {
  const oov = expander();

  it('finds the full term an abbreviation keeps characters of, in order (公车 → 公务用车)', () => {
    expect(oov.expand(['公车'])).toContain('公务用车');
  });

  it('finds corpus words sharing the unknown word’s rarest character (炒股 → 股票, 结婚 → 婚丧喜庆)', () => {
    expect(oov.expand(['炒股'])).toContain('股票');
    expect(oov.expand(['结婚'])).toContain('婚丧喜庆');
  });

  it('leaves known words alone and expands nothing from common characters only', () => {
    expect(oov.expand(['党员', '党费', '股票'])).toEqual([]);
    // 党 and 习 are in every chunk: they point at no topic.
    expect(oov.expand(['党习'])).toEqual([]);
    expect(oov.expand(['红烧肉'])).toEqual([]);
  });
});

describe("a question's content words", () => {
  it('leave out words of function characters only (是从, 还要), keep the rest', () => {
    const words = createTokenizer().words('总书记是从哪些人里面选出来的');
    expect(words).toContain('总书记');
    expect(words).not.toContain('是从');
    expect(createTokenizer().words('党内还要处分吗')).not.toContain('还要');
  });
});

describe('bracketed alternatives', () => {
  it('reads 退（离）休 as 退休 and 离休, 出国（境） as 出国 and 出境', () => {
    const t = unbracket('离职或者退（离）休后，驻外机构或者临时出国（境）团（组）中的党员');
    expect(t).toContain('退休后');
    expect(t).toContain('离休');
    expect(t).toContain('出国团');
    expect(t).toContain('出境');
    const tokens = createTokenizer().tokenize('离职或者退（离）休后利用原职权');
    expect(tokens).toContain('退休');
    expect(tokens).toContain('离休');
  });

  it('leaves texts without a one-character alternative unchanged', () => {
    expect(unbracket('党组（党委）根据')).toBe('党组（党委）根据');
    expect(unbracket('第三十三条（一）听取报告')).toBe('第三十三条（一）听取报告');
  });
});

describe('the legal register of persons (synonyms.ts)', () => {
  it('adds the rules’ words for family and the public to a member’s everyday ones', () => {
    expect(expandTerms(['老婆', '开公司'])).toContain('配偶');
    expect(expandTerms(['儿子'])).toContain('子女');
    expect(expandTerms(['亲戚'])).toContain('亲属');
    expect(expandTerms(['老百姓'])).toContain('群众');
    expect(expandTerms(['配偶'])).not.toContain('配偶');
  });
});

describe('length prior (retriever.ts)', () => {
  it('is 1 at the average length, favours shorter chunks and only mildly', () => {
    expect(lengthPrior(200, 200)).toBe(1);
    expect(lengthPrior(100, 200)).toBeGreaterThan(1);
    expect(lengthPrior(800, 200)).toBeLessThan(1);
    expect(lengthPrior(800, 200)).toBeGreaterThan(0.85);
    expect(lengthPrior(0, 0)).toBe(1);
  });
});

// The register lexicon (knowledge/tables/register-lexicon.txt): loaded next to the hand groups of synonyms.ts, each
// group used both ways like them.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGISTER_FILE, expandTerms, parseLexicon, phrasesIn, synonymsOf } from '../../knowledge/synonyms.js';

describe('register lexicon loader (synonyms.ts)', () => {
  it('reads one group per line, official term first, skipping comments, blank lines and groups of one', () => {
    const groups = parseLexicon(
      '# header\n\n解散 撤掉 取消  # a comment\n保护伞\t靠山 后台\n孤单\n  # indented comment\n',
    );
    expect(groups).toEqual([
      ['解散', '撤掉', '取消'],
      ['保护伞', '靠山', '后台'],
    ]);
  });

  it('ships a table of 300–500 groups of words without spaces or duplicates within a group', () => {
    const groups = parseLexicon(fs.readFileSync(REGISTER_FILE, 'utf8'));
    expect(groups.length).toBeGreaterThanOrEqual(300);
    expect(groups.length).toBeLessThanOrEqual(500);
    for (const g of groups) {
      expect(new Set(g).size).toBe(g.length);
      for (const w of g) expect(w).toMatch(/^\p{Script=Han}+$/u);
    }
  });
});

describe('register lexicon expansion (synonyms.ts)', () => {
  it('adds the official term to a member’s everyday word', () => {
    expect(expandTerms(['靠山', '帮忙'])).toContain('保护伞');
    expect(expandTerms(['穿小鞋'])).toContain('打击报复');
    expect(expandTerms(['撤掉'])).toContain('解散');
  });

  it('adds the everyday words to the official term, and never the word itself', () => {
    expect(expandTerms(['保护伞'])).toEqual(expect.arrayContaining(['靠山', '后台']));
    expect(expandTerms(['保护伞'])).not.toContain('保护伞');
    expect(synonymsOf('泄露')).toContain('透露');
  });

  it('maps an office named by its title, "at once" and entertainment to the documents’ words', () => {
    expect(expandTerms(['局长'])).toContain('领导干部');
    expect(expandTerms(['马上'])).toContain('第一时间');
    expect(expandTerms(['联欢会'])).toContain('娱乐化');
    // The rules count months (6个月 normalised to 六个月); members say 半年.
    expect(expandTerms(['大半年'])).toContain('六个月');
  });

  it('maps members’ words for the idioms of conduct to the rules’ (eleventh round)', () => {
    expect(expandTerms(['大吃大喝'])).toContain('生活奢靡');
    expect(expandTerms(['信佛'])).toContain('信教');
    expect(expandTerms(['甩锅'])).toContain('推卸责任');
  });

  it('finds a verb the way members inflect it (twelfth round): 撤了/撤 → 撤掉, 改不了 → 改掉, not a bare 拿', () => {
    expect(synonymsOf('撤了')).toEqual(expect.arrayContaining(['撤掉', '解散', '撤销']));
    expect(synonymsOf('撤')).toContain('解散');
    expect(synonymsOf('改不了')).toEqual(expect.arrayContaining(['改掉', '纠正']));
    // Only where the group carries the verb too: 撤 is in 撤销, while 拿 and 拿了 mean "take", not 拿掉 "remove".
    expect(synonymsOf('拿')).toEqual([]);
    expect(synonymsOf('拿了')).toEqual([]);
    // No resultative form in the table, no reading: 开了 is not 开掉.
    expect(synonymsOf('开了')).toEqual([]);
    expect(synonymsOf('了')).toEqual([]);
  });

  it('reads a level as members name it as the bare level the documents write (twelfth round)', () => {
    expect(synonymsOf('市里')).toEqual(['市']);
    expect(synonymsOf('县里')).toEqual(['县']);
  });

  it('reads 两边 as the rules’ 双方 (twelfth round)', () => {
    expect(synonymsOf('两边')).toContain('双方');
  });

  it('reads when a rule takes effect, losing touch and a few kinds of conduct in the documents’ words (nineteenth round)', () => {
    expect(synonymsOf('生效')).toContain('施行');
    expect(synonymsOf('失去联系')).toContain('联系不上');
    expect(synonymsOf('好几样')).toContain('数种');
    expect(synonymsOf('管着')).toContain('管理和服务对象');
  });

  it('reads 必须学 as the documents’ shortening 必学 (twentieth round)', () => {
    expect(synonymsOf('必须学')).toContain('必学');
    expect(phrasesIn('这几个会上必须学吗')).toContain('必须学');
  });

  it('keeps the hand groups', () => {
    expect(expandTerms(['老婆'])).toContain('配偶');
    expect(expandTerms(['中纪委'])).toContain('中央纪律检查委员会');
  });
});

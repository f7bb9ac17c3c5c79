import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../ground/config.js';
import { silentLogger } from '../../ground/logger.js';
import { chunkCorpus } from '../../knowledge/build.js';
import { createKnowledge } from '../../knowledge/index.js';
import { corpusHash } from '../../knowledge/manifest.js';
import { membersOnlyWords, parseUnitKeywords } from '../../knowledge/unit-keywords.js';
import { scoreSentences } from '../../knowledge/sentence-scoring.js';
import type { Chunk } from '../../knowledge/chunk.js';
import { tempDir } from './fixtures.js';

const RULES = [
  '# 关于测试纪律的若干规定',
  '来源: 测试',
  '',
  '第一条　党员应当按期参加组织生活。',
  '第二条　违反有关规定配备、使用公务用车的，给予警告处分。',
  '第三条　与他人发生不正当性关系，造成不良影响的，给予严重警告处分。',
  '',
].join('\n');

function corpusWith(keywords?: string): string {
  const dir = tempDir('zhibu-kw-');
  fs.writeFileSync(path.join(dir, 'rules.md'), RULES);
  if (keywords !== undefined) fs.writeFileSync(path.join(dir, 'rules.keywords.tsv'), keywords);
  return dir;
}

describe('unit keyword sidecars', () => {
  it('parse one unit a line, skip comments and report malformed lines', () => {
    const { units, problems } = parseUnitKeywords(
      '# members words\na2\t公车私用 开公车回家\n\na3\t婚外情、小三\nno tab here\nbad key!\t词\na2\t单位的车\n',
      'x.keywords.tsv',
    );
    expect([...units]).toEqual([
      ['a2', '公车私用 开公车回家 单位的车'],
      ['a3', '婚外情 小三'],
    ]);
    expect(problems.map((p) => p.line)).toEqual([5, 6]);
  });

  it("attach to their unit's first chunk, and report units the document does not have", async () => {
    const { chunks, keywordProblems } = await chunkCorpus(corpusWith('a3\t婚外情 小三\na9\t不存在\n'));
    const byUnit = new Map(chunks.map((c) => [c.unit, c]));
    expect(byUnit.get('a3')?.keywords).toBe('婚外情 小三');
    expect(byUnit.get('a2')?.keywords).toBeUndefined();
    expect(keywordProblems).toEqual([{ file: 'rules.keywords.tsv', line: 0, reason: 'no unit a9 in rules' }]);
  });

  it('shipped with the default corpus name only units it has, and give every unit of the party rules words', async () => {
    const { chunks, keywordProblems } = await chunkCorpus('knowledge/corpus');
    expect(keywordProblems).toEqual([]);
    const rules = chunks.filter((c) => c.docId === 'jilv_chufen_tiaoli_2023' && /^a(?:[2-9]\d|1[0-4]\d)$/.test(c.unit));
    const units = new Set(rules.map((c) => c.unit));
    expect(units.size).toBe(130);
    expect([...units].filter((u) => !rules.some((c) => c.unit === u && c.keywords))).toEqual([]);
    // Once per unit: a unit in several parts carries them on its first part only.
    expect(rules.filter((c) => c.part > 1 && c.keywords)).toEqual([]);
  });

  it("are members' words, not the documents': those the texts never use are told apart for the domain lift", async () => {
    const { chunks, docs } = await chunkCorpus(corpusWith('a2\t公车私用 警告处分\na3\t婚外情 小三\n'));
    const split = (t: string) => (t.length > 2 ? [t.slice(0, 2), t.slice(2)] : [t]);
    const only = membersOnlyWords(
      chunks,
      docs.map((d) => d.text),
      split,
    );
    expect([...only].sort()).toEqual(['公车', '公车私用', '婚外', '婚外情', '小三', '私用'].sort());
    // 警告处分 and its parts are the documents' own words.
    expect(only.has('警告')).toBe(false);
  });

  it('make the unit they name the one quoted first, though its sentence shares fewer words with the question', () => {
    const unit = (key: string, text: string, keywords?: string) =>
      ({ id: `x#${key}`, docId: 'x', unit: key, short: '《规定》', clause: key, part: 0, text, keywords }) as Chunk;
    const conduct = unit('a3', '与他人发生不正当性关系，造成不良影响的，给予严重警告处分。', '搞暧昧');
    const general = unit('a1', '党员应当遵守党的纪律，作风正派。');
    const question = '党员搞暧昧被举报了';
    const hit = (chunk: Chunk, score: number) => ({
      chunk,
      score,
      bm25: score,
      cosine: 0,
      coverage: 0.3,
      bigrams: 0.3,
    });
    const retrieval = (hits: ReturnType<typeof hit>[]) => ({
      question,
      tokens: ['党员', '搞暧昧', '举报'],
      words: ['党员', '搞暧昧', '举报'],
      known: 1,
      hits,
    });
    // 党员 is in most units, 搞暧昧 in none of the documents' text nor in the lexicon.
    const deps = { bm25: { idf: (w: string) => ({ 党员: 1, 搞暧昧: 8 })[w] ?? 5 } };
    const first = (r: ReturnType<typeof retrieval>) => scoreSentences(r as never, deps).scored[0]!.chunk.unit;
    // Ranked first by its members' words, the conduct article leads the answer.
    expect(first(retrieval([hit(conduct, 1), hit(general, 0.9)]))).toBe('a3');
    // Without the words, the general article's sentence (党员) would lead.
    expect(first(retrieval([hit({ ...conduct, keywords: undefined }, 1), hit(general, 0.9)]))).toBe('a1');
  });

  it('count as corpus: a changed sidecar changes the corpus hash', async () => {
    const dir = corpusWith('a3\t婚外情\n');
    const before = await corpusHash(dir);
    fs.writeFileSync(path.join(dir, 'rules.keywords.tsv'), 'a3\t婚外情 小三\n');
    const after = await corpusHash(dir);
    expect(after.hash).not.toBe(before.hash);
    expect(after.files).toEqual(['rules.md']);
  });

  it("find the unit by members' words, and the answer quotes only the document's text", async () => {
    const words = 'a2\t开公车回家 公车私用\na3\t婚外情 小三 出轨\n';
    const withWords = await createKnowledge(
      loadConfig({ DATA_DIR: tempDir(), CORPUS_DIR: corpusWith(words), LOG_LEVEL: 'silent' }),
      silentLogger,
    );
    const without = await createKnowledge(
      loadConfig({ DATA_DIR: tempDir(), CORPUS_DIR: corpusWith(), LOG_LEVEL: 'silent' }),
      silentLogger,
    );
    for (const [question, unit] of [
      ['有党员搞婚外情被人举报了', 'a3'],
      ['有个小三闹到单位来了', 'a3'],
    ] as const) {
      expect((await without.retriever.retrieve(question)).hits[0]?.chunk.unit).not.toBe(unit);
      expect((await withWords.retriever.retrieve(question)).hits[0]?.chunk.unit).toBe(unit);
    }

    const answer = await withWords.answerer.answer('有党员搞婚外情被人举报了，怎么处分');
    expect(answer.mode).toBe('extractive');
    expect(answer.citations).toEqual([
      { doc: '《规定》', clause: '第三条', quote: '与他人发生不正当性关系，造成不良影响的，给予严重警告处分。' },
    ]);
    for (const word of ['婚外情', '小三', '出轨']) expect(answer.text).not.toContain(word);
    await withWords.close();
    await without.close();
  });
});

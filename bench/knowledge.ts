// Knowledge benchmarks: index build and load on the default corpus, ask latency there and on 50,000 synthetic chunks, RSS.
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../ground/config.js';
import { silentLogger } from '../ground/logger.js';
import { createKnowledge } from '../knowledge/index.js';
import { chunkCorpus } from '../knowledge/build.js';
import { buildIndex } from '../knowledge/index-store.js';
import { createRetriever } from '../knowledge/retriever.js';
import { createAnswerer } from '../knowledge/answerer.js';
import { splitSentences } from '../knowledge/sentences.js';
import { clearSegmenters } from '../knowledge/tokenizer.js';
import type { Chunk } from '../knowledge/chunk.js';
import { atMost, percentile, type BenchResult, type BenchSuite } from './types.js';

/** Questions a member might ask (written for the bench, not taken from any evaluation set). */
const QUESTIONS = [
  '党员有哪些权利',
  '预备党员的预备期多长',
  '党支部委员会多久换届',
  '违反廉洁纪律怎么处分',
  '领导干部家风有什么要求',
  '组织生活会怎么开',
  '流动党员怎么管理',
  '党员教育培训有哪些方式',
  '什么情况下开除党籍',
  '民主集中制的基本原则',
  '党费怎么交',
  '今天天气怎么样',
  '支部书记要述职吗',
  '党课一年讲几次',
  '批评和自我批评怎么开展',
  '党小组会多久开一次',
];

function mb(bytes: number): number {
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}

async function askTimes(ask: (q: string) => Promise<unknown>, rounds: number): Promise<number[]> {
  for (const q of QUESTIONS.slice(0, 4)) await ask(q);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await ask(QUESTIONS[i % QUESTIONS.length]!);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

/** 50,000 chunks recombined deterministically from the corpus's sentences. */
function syntheticChunks(source: Chunk[], count: number): Chunk[] {
  const sentences = source.flatMap((c) => splitSentences(c.text).map((s) => s.text)).filter((s) => s.length > 8);
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) % sentences.length;
  return Array.from({ length: count }, (_, i) => {
    const text = Array.from({ length: 3 }, () => sentences[next()]!).join('');
    const doc = `synthetic-${Math.floor(i / 100)}`;
    return {
      id: `${doc}#${i}`,
      docId: doc,
      title: `合成文件${Math.floor(i / 100)}`,
      short: `《合成文件${Math.floor(i / 100)}》`,
      section: '',
      clause: `第${(i % 100) + 1}条`,
      kind: 'article',
      unit: `a${(i % 100) + 1}`,
      part: 0,
      start: 0,
      end: text.length,
      text,
    };
  });
}

/** Build, cold load and ask on the default corpus; its indexes are released when this returns. */
async function defaultCorpus(
  ctx: Parameters<BenchSuite['run']>[0],
  config: ReturnType<typeof loadConfig>,
  results: BenchResult[],
): Promise<void> {
  let t0 = performance.now();
  const built = await createKnowledge(config, silentLogger);
  const buildMs = performance.now() - t0;
  results.push({
    name: 'index build, default corpus',
    value: buildMs,
    unit: 'ms',
    ...atMost(buildMs, 3000),
    note: `${built.index.chunks.length} chunks, ${built.index.docs.length} documents`,
  });
  clearSegmenters(); // a cold load: the segmenter's dictionary is loaded again, as in a fresh process
  t0 = performance.now();
  const loaded = await createKnowledge(config, silentLogger);
  const loadMs = performance.now() - t0;
  results.push({
    name: 'index load, default corpus',
    value: loadMs,
    unit: 'ms',
    ...atMost(loadMs, 1000),
    note: loaded.built ? 'rebuilt (unexpected)' : 'loaded from manifest',
  });
  const times = await askTimes((q) => loaded.answerer.answer(q), 400);
  results.push({ name: 'ask p50, default corpus', value: percentile(times, 50), unit: 'ms' });
  results.push({
    name: 'ask p95, default corpus',
    value: percentile(times, 95),
    unit: 'ms',
    ...atMost(percentile(times, 95), 15),
  });
  results.push({ name: 'RSS after default corpus', value: mb(process.memoryUsage().rss), unit: 'MiB' });
  ctx.log(
    `default corpus: build ${buildMs.toFixed(0)} ms, load ${loadMs.toFixed(0)} ms, ask p95 ${percentile(times, 95).toFixed(2)} ms`,
  );

  await built.close();
  await loaded.close();
}

export const knowledgeSuite: BenchSuite = {
  name: 'knowledge',
  async run(ctx) {
    const results: BenchResult[] = [];
    const config = loadConfig({
      DATA_DIR: path.join(ctx.tmpDir, 'knowledge'),
      CORPUS_DIR: path.join(PROJECT_ROOT, 'knowledge', 'corpus'),
      LOG_LEVEL: 'silent',
    });
    await defaultCorpus(ctx, config, results);
    // The default corpus's two indexes (built, loaded) are gone with defaultCorpus's scope: the 50,000-chunk figures
    // measure that index alone.
    clearSegmenters();
    const { chunks, docs } = await chunkCorpus(config.corpusDir);
    const synthetic = syntheticChunks(chunks, 50_000);
    const t0 = performance.now();
    const index = await buildIndex(synthetic, docs);
    const bigBuild = performance.now() - t0;
    ctx.log(`50,000 synthetic chunks indexed in ${(bigBuild / 1000).toFixed(1)} s`);
    const answerer = createAnswerer({ retriever: createRetriever({ index }), maxChars: 500 });
    const big = await askTimes((q) => answerer.answer(q), 200);
    results.push({ name: 'index build, 50,000 synthetic chunks', value: bigBuild, unit: 'ms' });
    results.push({ name: 'ask p50, 50,000 chunks', value: percentile(big, 50), unit: 'ms' });
    results.push({
      name: 'ask p95, 50,000 chunks',
      value: percentile(big, 95),
      unit: 'ms',
      ...atMost(percentile(big, 95), 40),
    });
    results.push({ name: 'RSS with 50,000 chunks', value: mb(process.memoryUsage().rss), unit: 'MiB' });
    return results;
  },
};

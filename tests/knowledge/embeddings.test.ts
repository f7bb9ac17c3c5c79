// EMBEDDING_MODEL: vectors from the OpenAI-compatible endpoint (a real local HTTP server) take the vector channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../ground/logger.js';
import { createKnowledge, type Knowledge } from '../../knowledge/index.js';
import { indexedText } from '../../knowledge/index-store.js';
import { QUERY_DEADLINE_MS } from '../../knowledge/embeddings.js';
import { hashVector, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { PLAN_FILE, testConfig, removeTempDirs } from './fixtures.js';

const DIM = 32;
let server: OpenAIServer;
let k: Knowledge;

beforeAll(async () => {
  server = await startOpenAIServer({ dimensions: DIM });
  k = await createKnowledge(
    testConfig({
      CORPUS_DIR: PLAN_FILE,
      OPENAI_BASE_URL: server.baseURL,
      OPENAI_API_KEY: 'test',
      EMBEDDING_MODEL: 'test-embed',
      EMBEDDING_DIMENSIONS: String(DIM),
      LLM_TIMEOUT_MS: '20000',
      LLM_MAX_RETRIES: '1',
    }),
    silentLogger,
  );
});
afterAll(async () => {
  await k.close();
  await server.close();
});

/** What the client sends for a chunk: its indexed text, line breaks as spaces (OpenAIEmbeddings strips newlines). */
const sent = (c: Parameters<typeof indexedText>[0]) => indexedText(c).replace(/\n/g, ' ');
const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('remote embeddings', () => {
  it('embed every chunk through the endpoint at build, with the configured model, dimensions and float encoding', () => {
    const calls = server.requests.filter((r) => r.path.endsWith('/embeddings'));
    const inputs = calls.flatMap((r) => r.body.input as string[]);
    expect(
      calls.every(
        (r) => r.body.model === 'test-embed' && r.body.dimensions === DIM && r.body.encoding_format === 'float',
      ),
    ).toBe(true);
    expect(inputs).toEqual(k.index.chunks.map(sent));
    expect(k.manifest.embedderId).toBe(`openai:test-embed:${DIM}@${server.baseURL}`);
  });

  it('embed the question through the endpoint and rank the vector channel by those vectors', async () => {
    server.setMode('normal');
    const before = server.requests.length;
    const r = await k.retriever.retrieve('三会一课计划报谁备案');
    const asked = server.requests.slice(before).filter((x) => x.path.endsWith('/embeddings'));
    expect(asked).toHaveLength(1);
    const input = asked[0]!.body.input as string | string[];
    const query = hashVector(Array.isArray(input) ? input[0]! : input, DIM);
    const withCosine = r.hits.filter((h) => h.cosine !== 0);
    expect(withCosine.length).toBeGreaterThan(0);
    for (const h of withCosine) expect(h.cosine).toBeCloseTo(cosine(query, hashVector(sent(h.chunk), DIM)), 4);
  });

  // LLM_TIMEOUT_MS is 20 s with a retry here: the question's embedding has its own deadline (QUERY_DEADLINE_MS, 3 s).
  it('answer from BM25 alone, without waiting for the request timeout, when the endpoint hangs or fails at question time', async () => {
    for (const mode of ['hang', 'down'] as const) {
      server.setMode(mode);
      const t0 = Date.now();
      const a = await k.answerer.answer('三会一课计划报谁备案');
      expect(Date.now() - t0, mode).toBeLessThan(QUERY_DEADLINE_MS + 5000);
      expect(a.text, mode).toContain('报上级党组织备案');
      expect(
        a.citations.some((c) => c.clause === '第16条'),
        mode,
      ).toBe(true);
    }
    server.setMode('normal');
  });
});

afterAll(removeTempDirs);

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../ground/config.js';
import { silentLogger } from '../../ground/logger.js';
import { createKnowledge } from '../../knowledge/index.js';
import { indexDir } from '../../knowledge/build.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { PLAN_FILE, tempDir, removeTempDirs } from './fixtures.js';

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ dimensions: 48 });
});
afterAll(() => server.close());

function corpusCopy(): string {
  const dir = tempDir('zhibu-corpus-');
  fs.copyFileSync(PLAN_FILE, path.join(dir, 'plan.txt'));
  return dir;
}

describe('the saved index', () => {
  it('is built when missing, loaded when unchanged, rebuilt when the corpus changes', async () => {
    const corpus = corpusCopy();
    const config = loadConfig({ DATA_DIR: tempDir(), CORPUS_DIR: corpus, LOG_LEVEL: 'silent' });
    const first = await createKnowledge(config, silentLogger);
    expect(first.built).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(indexDir(config), 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      corpusHash: first.manifest.corpusHash,
      embedderId: 'local-ngram-v2-512',
      files: ['plan.txt'],
    });

    const t0 = performance.now();
    const second = await createKnowledge(config, silentLogger);
    expect(second.built).toBe(false);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect((await second.answerer.answer('三会一课计划报谁备案')).text).toContain('报上级党组织备案');

    fs.writeFileSync(
      path.join(corpus, 'extra.md'),
      '# 关于测试的若干规定\n来源: 测试\n\n第一条　支部每月开展一次测试活动。\n',
    );
    const third = await createKnowledge(config, silentLogger);
    expect(third.built).toBe(true);
    expect(third.manifest.files).toEqual(['extra.md', 'plan.txt']);
    const a = await third.answerer.answer('支部多久开展一次测试活动');
    expect(a.citations[0]).toMatchObject({ doc: '《规定》', clause: '第一条' });
  });

  it('is rebuilt with a configured embeddings endpoint, and still answers when that endpoint fails at query time', async () => {
    const dataDir = tempDir();
    const base = { DATA_DIR: dataDir, CORPUS_DIR: PLAN_FILE, LOG_LEVEL: 'silent' };
    await createKnowledge(loadConfig(base), silentLogger);
    const remote = loadConfig({
      ...base,
      OPENAI_BASE_URL: server.baseURL,
      EMBEDDING_MODEL: 'test-embed',
      LLM_TIMEOUT_MS: '800',
      LLM_MAX_RETRIES: '0',
    });
    server.setMode('normal');
    const k = await createKnowledge(remote, silentLogger);
    expect(k.built).toBe(true);
    expect(k.manifest.embedderId).toContain('openai:test-embed');
    expect(server.requests.some((r) => r.path.endsWith('/embeddings') && r.body.encoding_format === 'float')).toBe(
      true,
    );
    const reloaded = await createKnowledge(remote, silentLogger);
    expect(reloaded.built).toBe(false);
    // The endpoint's vectors come back in the HNSW store (the local embedder's index keeps none).
    expect(reloaded.index.store.size).toBe(k.index.store.size);
    expect(reloaded.index.store.size).toBeGreaterThan(0);
    server.setMode('down');
    const a = await reloaded.answerer.answer('三会一课计划报谁备案');
    expect(a.text).toContain('报上级党组织备案');
    server.setMode('normal');
  });

  it('falls back to the local embedder when the embeddings endpoint is down at build time', async () => {
    server.setMode('down');
    const config = loadConfig({
      DATA_DIR: tempDir(),
      CORPUS_DIR: PLAN_FILE,
      LOG_LEVEL: 'silent',
      OPENAI_BASE_URL: server.baseURL,
      EMBEDDING_MODEL: 'test-embed',
      LLM_TIMEOUT_MS: '500',
      LLM_MAX_RETRIES: '0',
    });
    const k = await createKnowledge(config, silentLogger);
    expect(k.manifest.embedderId).toBe('local-ngram-v2-512');
    expect((await k.answerer.answer('三会一课计划报谁备案')).text).toContain('报上级党组织备案');
    server.setMode('normal');
    const again = await createKnowledge(config, silentLogger);
    expect(again.built).toBe(true);
    expect(again.manifest.embedderId).toContain('openai:test-embed');
  });
});

afterAll(removeTempDirs);

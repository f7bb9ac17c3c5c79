// With the local embedder and no chat model (the offline default), building, loading and answering load neither
// LangChain nor hnswlib-node (~11 MB of RSS in every bot); a configured endpoint loads them (tests/knowledge/build.test.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvedBy } from '../helpers/resolved-imports.js';
import { PLAN_FILE } from './fixtures.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-lazy-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const answer = `
  const { loadConfig } = await import('./ground/config.ts');
  const { silentLogger } = await import('./ground/logger.ts');
  const config = loadConfig({ DATA_DIR: ${JSON.stringify(dir)}, CORPUS_DIR: ${JSON.stringify(PLAN_FILE)}, LOG_LEVEL: 'silent' });
  for (let i = 0; i < 2; i++) {
    const k = await m.createKnowledge(config, silentLogger);
    const a = await k.answerer.answer('三会一课计划报谁备案');
    if (!a.text.includes('报上级党组织备案') || k.built !== (i === 0)) throw new Error('unexpected answer');
  }
`;

describe('the offline default', () => {
  it('builds, loads and answers without LangChain or hnswlib-node', () => {
    const urls = resolvedBy('./knowledge/index.ts', answer);
    expect(urls.some((u) => u.includes('/knowledge/sparse-cosine.ts'))).toBe(true);
    expect(urls.filter((u) => /\/node_modules\/(@langchain|langchain|langsmith|hnswlib-node)\//.test(u))).toEqual([]);
    expect(urls.some((u) => u.includes('/knowledge/hnsw-store.ts'))).toBe(false);
  }, 120_000);

  it('records the imports it checks (the HNSW store loads both)', () => {
    const urls = resolvedBy('./knowledge/hnsw-store.ts');
    expect(urls.some((u) => u.includes('/node_modules/@langchain/core/'))).toBe(true);
    expect(urls.some((u) => u.includes('/node_modules/hnswlib-node/'))).toBe(true);
  }, 60_000);
});

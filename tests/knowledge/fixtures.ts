// Shared test setup for the answering core: a config on a temporary data folder and the real corpus files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT, type Config } from '../../ground/config.js';

export const CORPUS_DIR = path.join(PROJECT_ROOT, 'knowledge', 'corpus');
export const PLAN_FILE = path.join(CORPUS_DIR, 'ningweibanfa-2017-39.txt');

const made: string[] = [];

/** A temporary folder, removed by removeTempDirs() (each test file calls it in afterAll). */
export function tempDir(prefix = 'zhibu-knowledge-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ DATA_DIR: tempDir(), CORPUS_DIR: PLAN_FILE, LOG_LEVEL: 'silent', ...env });
}

// The saved index is checked before it is trusted (issue #14, item 7): the manifest records the hash of each
// saved file; a hand-edited but valid chunks.json (a quote changed to 可以不落实“三会一课”制度) fails the check at
// load, the index is rebuilt from the corpus with a warning, and the edited text is never quoted.
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../ground/config.js';
import { createLogger, silentLogger } from '../../ground/logger.js';
import { indexDir } from '../../knowledge/build.js';
import { createKnowledge } from '../../knowledge/index.js';
import { PLAN_FILE, tempDir } from './fixtures.js';

const ORIGINAL = '严格落实“三会一课”制度';
const FORGED = '可以不落实“三会一课”制度';

describe('a hand-edited saved index', () => {
  it('is detected at load, rebuilt with a warning, and its text never quoted', async () => {
    const config = loadConfig({ DATA_DIR: tempDir(), CORPUS_DIR: PLAN_FILE, LOG_LEVEL: 'info' });
    const first = await createKnowledge(config, silentLogger);
    expect(first.built).toBe(true);
    const dir = indexDir(config);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.contentHashes)).toContain('chunks.json');

    const file = path.join(dir, 'chunks.json');
    const saved = fs.readFileSync(file, 'utf8');
    expect(saved).toContain(ORIGINAL);
    fs.writeFileSync(file, saved.split(ORIGINAL).join(FORGED)); // still valid JSON, same shape

    const lines: string[] = [];
    const logger = createLogger(
      'info',
      new Writable({
        write(chunk, _enc, cb) {
          lines.push(String(chunk));
          cb();
        },
      }),
    );
    const second = await createKnowledge(config, logger);
    expect(second.built).toBe(true);
    const warning = lines
      .map((l) => JSON.parse(l))
      .find((r) => r.level === 40 && /changed after it was built/.test(r.msg));
    expect(warning?.file).toBe('chunks.json');
    expect(fs.readFileSync(file, 'utf8')).not.toContain(FORGED);

    const answer = await second.answerer.answer('三会一课制度要不要落实');
    expect(answer.text).not.toContain('可以不落实');
    // Loaded again, the rebuilt index is trusted.
    const third = await createKnowledge(config, silentLogger);
    expect(third.built).toBe(false);
  }, 60_000);
});

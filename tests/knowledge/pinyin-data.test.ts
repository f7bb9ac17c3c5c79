// The syllable table the answering core reads (knowledge/tables/pinyin-syllables.txt) is exactly what the installed
// pinyin-pro gives (bin/gen-pinyin.js), and it reads as the homophone correction needs.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../ground/config.js';
import { homophonesOf, SYLLABLES_FILE, soundPairCodes } from '../../knowledge/pinyin.js';

describe('pinyin syllable table', () => {
  it('is what bin/gen-pinyin.js writes from the installed pinyin-pro', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-pinyin-')), 'table.txt');
    await promisify(execFile)(process.execPath, [path.join(PROJECT_ROOT, 'bin/gen-pinyin.js'), out]);
    expect(fs.readFileSync(out, 'utf8')).toBe(fs.readFileSync(SYLLABLES_FILE, 'utf8'));
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }, 30_000);

  it('gives same-sounding characters the same syllable and different ones different', () => {
    expect(soundPairCodes('考试')).toEqual(soundPairCodes('考式'));
    expect(soundPairCodes('书记')).toEqual(soundPairCodes('书纪'));
    expect(soundPairCodes('考试')).not.toEqual(soundPairCodes('考核'));
    expect(homophonesOf('式'.charCodeAt(0))).toContain('试'.charCodeAt(0));
    expect(homophonesOf('式'.charCodeAt(0))).not.toContain('式'.charCodeAt(0));
  });
});

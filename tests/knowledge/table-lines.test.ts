// Large tables read line by line through a small buffer: every line, whole, in order (lines longer than the buffer,
// no final newline, empty lines); and the IDF table's values read from bytes as the string parse reads them.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hundredths } from '../../knowledge/domain.js';
import { forEachLine } from '../../knowledge/table-lines.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-lines-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function lines(text: string): string[] {
  const file = path.join(dir, `t${Math.random().toString(36).slice(2)}.txt`);
  fs.writeFileSync(file, text);
  const out: string[] = [];
  forEachLine(file, (bytes, start, end) => out.push(bytes.toString('utf8', start, end)));
  return out;
}

describe('forEachLine', () => {
  it('gives every line whole, across its 64 KB reads', () => {
    const text = Array.from({ length: 30_000 }, (_, i) => `词语${i} ${(i * 1.37).toFixed(6)}`).join('\n');
    expect(lines(`${text}\n`)).toEqual(text.split('\n'));
    expect(lines(text)).toEqual(text.split('\n'));
    const long = '党'.repeat(100_000);
    expect(lines(`a\n\n${long}\nb`)).toEqual(['a', '', long, 'b']);
    expect(lines('')).toEqual([]);
  });
});

describe('hundredths', () => {
  const of = (s: string) => hundredths(Buffer.from(s), 0, s.length);

  it('is Math.round(100 · value) for every value of jieba’s IDF table, or left to the string parse', () => {
    const pkg = createRequire(import.meta.url).resolve('@node-rs/jieba/package.json');
    let checked = 0;
    forEachLine(path.join(path.dirname(pkg), 'idf.txt'), (bytes, start, end) => {
      const space = bytes.indexOf(0x20, start);
      const h = hundredths(bytes, space + 1, end);
      if (h === undefined) return;
      expect(h).toBe(Math.round(Number(bytes.toString('latin1', space + 1, end)) * 100));
      checked++;
    });
    expect(checked).toBeGreaterThan(250_000);
  });

  it('reads plain decimals and leaves anything else, and values a hair from a half step, to the string parse', () => {
    expect(of('13.900677652')).toBe(1390);
    expect(of('2')).toBe(200);
    expect(of('0.126')).toBe(13);
    expect(of('0.125')).toBeUndefined();
    expect(of('1.005')).toBeUndefined();
    expect(of('1.00499999999')).toBeUndefined();
    expect(of('-1.5')).toBeUndefined();
    expect(of('1e3')).toBeUndefined();
    expect(of('')).toBeUndefined();
  });
});

#!/usr/bin/env node
// Writes knowledge/tables/pinyin-syllables.txt from pinyin-pro (a dev dependency): one line per toneless syllable,
// `syllable<TAB>characters`, over the CJK block U+4E00–U+9FFF, each character under its common reading. The answering
// core reads this small table instead of loading the whole pinyin dictionary (~38 MiB of heap) at run time.
// Run again after upgrading pinyin-pro: `node bin/gen-pinyin.js [out]`; tests/knowledge/pinyin-data.test.ts checks
// that the shipped table is what the installed pinyin-pro gives.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';

function syllableTable() {
  const bySyllable = new Map();
  for (let c = 0x4e00; c <= 0x9fff; c++) {
    const ch = String.fromCharCode(c);
    // One call per character: a character without a reading comes back as itself and is left out.
    const s = pinyin(ch, { toneType: 'none' });
    if (!/^[a-zü]+$/.test(s)) continue;
    bySyllable.set(s, (bySyllable.get(s) ?? '') + ch);
  }
  return [...bySyllable].map(([s, chars]) => `${s}\t${chars}`).join('\n') + '\n';
}

const out =
  process.argv[2] ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'knowledge', 'tables', 'pinyin-syllables.txt');
fs.writeFileSync(out, syllableTable());
process.stdout.write(`wrote ${out}\n`);

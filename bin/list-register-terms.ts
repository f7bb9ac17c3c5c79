// Lists the corpus's distinctive terms, the source of knowledge/tables/register-lexicon.txt (issue 11, sixth round):
// jieba words (tagged) of two or more characters in knowledge/corpus/*, nouns and verbs only, ranked by domain lift ×
// log frequency. The lift is as in knowledge/domain.ts: jieba's general IDF (idf.txt, its median for words it lacks)
// minus the word's IDF over the corpus's chunks, i.e. how much more often the documents use it than general text.
// Run: `npx tsx bin/list-register-terms.ts [top=500] [corpus=knowledge/corpus] [tags=n|v]` → `rank  word  pos  freq  lift
// score`. Eleventh round: `tags=i|l` lists the idioms and set phrases (吃拿卡要, 生活奢靡), which members paraphrase most.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { chunkDoc } from '../knowledge/chunker.js';
import { loadCorpus } from '../knowledge/loader.js';

const top = Number(process.argv[2] ?? 500);
const corpus = process.argv[3] ?? 'knowledge/corpus';
const tags = new RegExp(`^(${process.argv[4] ?? 'n|v'})`);
const jieba = Jieba.withDict(dict);

const idfFile = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@node-rs/jieba/package.json')),
  'idf.txt',
);
const general = new Map<string, number>();
for (const line of fs.readFileSync(idfFile, 'utf8').split('\n')) {
  const [w, v] = line.split(' ');
  if (w && v) general.set(w, Number(v));
}
const sorted = [...general.values()].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? 12;

const freq = new Map<string, number>();
const pos = new Map<string, string>();
const df = new Map<string, number>();
let chunks = 0;
for (const doc of await loadCorpus(corpus)) {
  for (const c of chunkDoc(doc).chunks) {
    chunks++;
    const seen = new Set<string>();
    for (const { word, tag } of jieba.tag(c.text, true)) {
      if ([...word].length < 2 || !/^\p{Script=Han}+$/u.test(word) || !tags.test(tag)) continue;
      // Proper names of persons and places are not register terms.
      if (/^(nr|ns|nt)/.test(tag)) continue;
      freq.set(word, (freq.get(word) ?? 0) + 1);
      if (!pos.has(word)) pos.set(word, tag);
      seen.add(word);
    }
    for (const w of seen) df.set(w, (df.get(w) ?? 0) + 1);
  }
}
const corpusIdf = (d: number) => Math.log(1 + (chunks - d + 0.5) / (d + 0.5));
const rows = [...freq].map(([word, f]) => {
  const lift = (general.get(word) ?? median) - corpusIdf(df.get(word) ?? 0);
  return { word, f, lift, score: Math.max(0, lift) * Math.log(1 + f) };
});
rows.sort((a, b) => b.score - a.score || b.f - a.f);
rows.slice(0, top).forEach((r, i) => {
  process.stdout.write(
    `${i + 1}\t${r.word}\t${pos.get(r.word)}\t${r.f}\t${r.lift.toFixed(2)}\t${r.score.toFixed(2)}\n`,
  );
});

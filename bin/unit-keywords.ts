// Helps write a corpus's keyword sidecars (knowledge/unit-keywords.ts): members' everyday words for each unit.
//   npx tsx bin/unit-keywords.ts units [corpus=knowledge/corpus]   → `docId#unit<TAB>text`, one unit a line, to write from
//   npx tsx bin/unit-keywords.ts check [corpus=knowledge/corpus]   → lists what the sidecars hold that does not help:
//     lines naming no unit, words the unit's own text already has (the search finds those), words over 8 characters
//     (exit 1 when any); and, as notes, words given to more than 3 units (check each still points at its units).
import { chunkCorpus } from '../knowledge/build.js';
import { loadUnitKeywords } from '../knowledge/unit-keywords.js';

const [mode = 'units', corpus = 'knowledge/corpus'] = process.argv.slice(2);
const { chunks, keywordProblems } = await chunkCorpus(corpus);

const units = new Map<string, string>();
for (const c of chunks) {
  const key = `${c.docId}#${c.unit}`;
  // A long unit's parts each start with its opening sentence: keep it once.
  const before = units.get(key);
  units.set(
    key,
    before === undefined
      ? c.text
      : before + (c.lead && c.text.startsWith(c.lead) ? c.text.slice(c.lead.length) : c.text),
  );
}

if (mode === 'units') {
  for (const [key, text] of units) console.log(`${key}\t${text.replace(/\s+/g, '')}`);
} else if (mode === 'check') {
  const findings: string[] = keywordProblems.map((p) => `${p.file}:${p.line} ${p.reason}`);
  const { keywords } = await loadUnitKeywords(corpus);
  const spread = new Map<string, string[]>();
  for (const [docId, byUnit] of keywords)
    for (const [unit, words] of byUnit) {
      const text = units.get(`${docId}#${unit}`) ?? '';
      for (const w of words.split(' ')) {
        if (text.includes(w)) findings.push(`${docId}#${unit} ${w}: already in the unit's text`);
        if (w.length > 8) findings.push(`${docId}#${unit} ${w}: longer than 8 characters`);
        spread.set(w, [...(spread.get(w) ?? []), `${docId}#${unit}`]);
      }
    }
  for (const f of findings) console.log(f);
  for (const [w, where] of spread)
    if (where.length > 3) console.log(`note: ${w} is on ${where.length} units (${where.join(' ')})`);
  console.error(`${findings.length} finding(s)`);
  process.exitCode = findings.length ? 1 : 0;
} else {
  console.error('usage: npx tsx bin/unit-keywords.ts units|check [corpus]');
  process.exitCode = 2;
}

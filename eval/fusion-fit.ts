// Fits the retrieval fusion offline (issue 11, fifth round): dumps every candidate's features for the answerable
// questions of the training sets, fits a linear correction to the hand fusion (softmax loss over each question's
// candidates, L2), and reports leave-one-set-out cross-validation against the hand fusion.
//   npx tsx eval/fusion-fit.ts dump /tmp/feat.json     (builds/loads indexes under DATA_DIR)
//   npx tsx eval/fusion-fit.ts cv /tmp/feat.json        (CV table)
//   npx tsx eval/fusion-fit.ts fit /tmp/feat.json out.json  (weights from all sets)
// eval/holdout.jsonl is never read here.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../ground/config.js';
import { silentLogger } from '../ground/logger.js';
import { createKnowledge } from '../knowledge/index.js';
import { bareDocs, expectMatches, readEvalSet } from '../knowledge/eval.js';
import { FEATURE_NAMES, handScore } from '../knowledge/fusion.js';
import { matchText } from '../knowledge/coverage.js';
import { indexedText } from '../knowledge/index-store.js';

const PLAN = 'knowledge/corpus/ningweibanfa-2017-39.txt';
const SETS: Array<{ name: string; file: string; plan: boolean }> = [
  { name: 'dev', file: '/work/shared/eval/dev.jsonl', plan: true },
  { name: 'own', file: 'eval/own.jsonl', plan: true },
  { name: 'tune', file: 'eval/tune.jsonl', plan: false },
  { name: 'tune2', file: 'eval/tune2.jsonl', plan: false },
  { name: 'tune3', file: 'eval/tune3.jsonl', plan: false },
  { name: 'rank', file: 'eval/rank.jsonl', plan: false },
  { name: 'rank4', file: 'eval/rank4.jsonl', plan: false },
];

interface Cand {
  unit: string;
  idx: number;
  pos: boolean;
  hand: number;
  x: number[];
  scope: number;
  inserted: boolean;
}
interface Q {
  set: string;
  id: string;
  cands: Cand[];
}

async function dump(out: string) {
  const base = loadConfig();
  const logger = silentLogger;
  const qs: Q[] = [];
  for (const plan of [true, false]) {
    const config = plan
      ? { ...base, corpusDir: path.resolve(PLAN), dataDir: path.join(base.dataDir, 'plan') }
      : { ...base, dataDir: path.join(base.dataDir, 'all') };
    const k = await createKnowledge(config, logger);
    const bare = bareDocs(k.index.chunks);
    for (const s of SETS.filter((x) => x.plan === plan)) {
      for (const it of await readEvalSet(s.file)) {
        if (!it.answerable || !it.expect.length) continue;
        const r = await k.retriever.retrieve(it.q.trim().slice(0, 500), { k: 5, explain: true });
        // The question's rarest corpus words (two characters or more): does the candidate contain them?
        const rare = [...new Set(r.words)]
          .filter((w) => w.length >= 2 && k.index.bm25.has(w))
          .sort((a, b) => k.index.bm25.idf(b) - k.index.bm25.idf(a))
          .slice(0, 2);
        qs.push({
          set: s.name,
          id: it.id,
          cands: r.candidates!.map((c) => {
            const f = c.features;
            const inserted = c.ranks.every((x) => x === 0);
            return {
              unit: `${c.chunk.docId}#${c.chunk.unit}`,
              idx: k.index.chunks.indexOf(c.chunk),
              pos: it.expect.some((e) => expectMatches(e, c.chunk, bare)),
              hand: handScore(f),
              x: [
                ...FEATURE_NAMES.map((n) => f[n]),
                c.coverage,
                c.bigrams,
                rare.length && matchText(indexedText(c.chunk)).includes(rare[0]!) ? 1 : 0,
                rare.length ? rare.filter((w) => matchText(indexedText(c.chunk)).includes(w)).length / rare.length : 0,
                c.ranks.filter((x) => x > 0).length / 4,
                ...c.ranks.map((x) => (x ? 1 / x : 0)),
                // Channels × the question's length (log of its content words over 6): long background before the ask.
                ...(['word', 'gram', 'dense', 'char'] as const).map(
                  (n) => f[n] * Math.log(Math.max(1, r.words.length) / 6),
                ),
              ],
              scope: c.scope,
              inserted,
            };
          }),
        });
      }
    }
    await k.close();
  }
  fs.writeFileSync(out, JSON.stringify(qs));
  console.log(`${qs.length} questions dumped`);
}

export const EXTRA_NAMES = [
  'coverage',
  'bigrams',
  'rare1',
  'rare2',
  'channels',
  'rrWord',
  'rrGram',
  'rrDense',
  'rrOov',
  'wordL',
  'gramL',
  'denseL',
  'charL',
];
const NAMES = [...FEATURE_NAMES, ...EXTRA_NAMES];

function finalScore(c: Cand, w: number[], use: boolean[]): number {
  if (c.inserted) return 1;
  let s = c.hand;
  for (let j = 0; j < w.length; j++) if (use[j]) s += w[j]! * c.x[j]!;
  return Math.max(1e-6, s) * c.scope;
}

function metrics(qs: Q[], w: number[], use: boolean[]) {
  let h1 = 0;
  let h3 = 0;
  let mrr = 0;
  for (const q of qs) {
    const sorted = [...q.cands].sort((a, b) => finalScore(b, w, use) - finalScore(a, w, use)).slice(0, 5);
    const units: Cand[] = [];
    for (const c of sorted) if (!units.some((u) => u.unit === c.unit)) units.push(c);
    const r = units.findIndex((c) => c.pos) + 1;
    if (r === 1) h1++;
    if (r >= 1 && r <= 3) h3++;
    if (r) mrr += 1 / r;
  }
  const n = qs.length || 1;
  return { hit1: h1 / n, hit3: h3 / n, mrr: mrr / n };
}

/** Softmax loss over each question's candidates (temperature TAU), L2 on the correction, plain gradient descent. */
let TAU = Number(process.env.FIT_TAU ?? 10);
function fitLinear(qs: Q[], use: boolean[], lambda: number, iters = 400, lr = 0.05): number[] {
  const d = NAMES.length;
  const w = new Array(d).fill(0);
  const m = new Array(d).fill(0);
  const v = new Array(d).fill(0);
  // Optionally only the hand fusion's top TOPN and the positives: the near misses decide the first hit.
  const topN = Number(process.env.FIT_TOPN ?? 0);
  const train = qs
    .filter((q) => q.cands.some((c) => c.pos))
    .map((q) => {
      if (!topN) return q;
      const keep = new Set([...q.cands].sort((a, b) => b.hand * b.scope - a.hand * a.scope).slice(0, topN));
      return { ...q, cands: q.cands.filter((c) => c.pos || keep.has(c)) };
    });
  for (let t = 1; t <= iters; t++) {
    const g = new Array(d).fill(0);
    for (const q of train) {
      const s = q.cands.map((c) => TAU * finalScore(c, w, use));
      const mx = Math.max(...s);
      const e = s.map((x) => Math.exp(x - mx));
      const z = e.reduce((a, b) => a + b, 0);
      const zp = e.reduce((a, b, i) => a + (q.cands[i]!.pos ? b : 0), 0);
      q.cands.forEach((c, i) => {
        if (c.inserted) return;
        // d loss / d s_i = p_i - p_i^pos, with p^pos the share among positives
        const coef = e[i]! / z - (c.pos ? e[i]! / zp : 0);
        for (let j = 0; j < d; j++) if (use[j]) g[j] += (coef * TAU * c.scope * c.x[j]!) / train.length;
      });
    }
    for (let j = 0; j < d; j++) {
      if (!use[j]) continue;
      g[j] += 2 * lambda * w[j];
      m[j] = 0.9 * m[j] + 0.1 * g[j];
      v[j] = 0.999 * v[j] + 0.001 * g[j] * g[j];
      w[j] -= (lr * (m[j] / (1 - 0.9 ** t))) / (Math.sqrt(v[j] / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  return w;
}

const fmt = (m: { hit1: number; hit3: number; mrr: number }) =>
  `${m.hit1.toFixed(3)}/${m.hit3.toFixed(3)}/${m.mrr.toFixed(3)}`;

function cv(file: string, featureSet: string, lambdas: number[]) {
  const qs: Q[] = JSON.parse(fs.readFileSync(file, 'utf8'));
  const use = NAMES.map((n) => featureSet === 'all' || featureSet.split(',').includes(n));
  const held = ['dev', 'tune', 'tune2', 'tune3', 'rank', 'rank4'];
  const zero = new Array(NAMES.length).fill(0);
  console.log(`features: ${NAMES.filter((_, j) => use[j]).join(' ')}`);
  for (const lambda of lambdas) {
    const rows: string[] = [];
    let dHand = 0;
    let dLearn = 0;
    let wins = 0;
    for (const h of held) {
      const test = qs.filter((q) => q.set === h);
      const w = fitLinear(
        qs.filter((q) => q.set !== h),
        use,
        lambda,
      );
      const a = metrics(test, zero, use);
      const b = metrics(test, w, use);
      dHand += a.mrr;
      dLearn += b.mrr;
      if (b.mrr > a.mrr + 1e-9) wins++;
      rows.push(`${h}: hand ${fmt(a)} learned ${fmt(b)}`);
    }
    console.log(
      `λ=${lambda}: mean MRR hand ${(dHand / held.length).toFixed(3)} learned ${(dLearn / held.length).toFixed(3)}, wins ${wins}/6`,
    );
    for (const r of rows) console.log(`  ${r}`);
  }
}

// A tiny boosted ensemble of stumps on the same softmax loss, added to the hand fusion (compared in CV only).
interface Stump {
  j: number;
  t: number;
  lo: number;
  hi: number;
}
const stumpScore = (c: Cand, st: Stump[]) => st.reduce((s, x) => s + (c.x[x.j]! <= x.t ? x.lo : x.hi), 0);
function boost(qs: Q[], use: boolean[], rounds: number, shrink: number): Stump[] {
  const st: Stump[] = [];
  const train = qs.filter((q) => q.cands.some((c) => c.pos));
  const all = train.flatMap((q) => q.cands.filter((c) => !c.inserted));
  const thresholds = NAMES.map((_, j) => {
    const v = all.map((c) => c.x[j]!).sort((a, b) => a - b);
    return [0.1, 0.25, 0.5, 0.75, 0.9].map((p) => v[Math.floor(p * (v.length - 1))]!);
  });
  for (let r = 0; r < rounds; r++) {
    const grad = new Map<Cand, number>();
    for (const q of train) {
      const s = q.cands.map((c) => TAU * (c.inserted ? 1 : Math.max(1e-6, c.hand + stumpScore(c, st)) * c.scope));
      const mx = Math.max(...s);
      const e = s.map((x) => Math.exp(x - mx));
      const z = e.reduce((a, b) => a + b, 0);
      const zp = e.reduce((a, b, i) => a + (q.cands[i]!.pos ? b : 0), 0);
      q.cands.forEach((c, i) => {
        if (!c.inserted) grad.set(c, -(e[i]! / z - (c.pos ? e[i]! / zp : 0)));
      });
    }
    let best: Stump | undefined;
    let bestGain = 0;
    for (let j = 0; j < NAMES.length; j++) {
      if (!use[j]) continue;
      for (const t of thresholds[j]!) {
        let sl = 0;
        let nl = 0;
        let sh = 0;
        let nh = 0;
        for (const [c, g] of grad)
          if (c.x[j]! <= t) (sl += g), nl++;
          else (sh += g), nh++;
        if (!nl || !nh) continue;
        const gain = (sl * sl) / nl + (sh * sh) / nh;
        if (gain > bestGain) (bestGain = gain), (best = { j, t, lo: (shrink * sl) / nl, hi: (shrink * sh) / nh });
      }
    }
    if (!best) break;
    st.push(best);
  }
  return st;
}

function boostCv(file: string, arg?: string, arg2?: string) {
  const qs: Q[] = JSON.parse(fs.readFileSync(file, 'utf8'));
  const use = NAMES.map((n) => (arg ?? 'all') === 'all' || arg!.split(',').includes(n));
  for (const rounds of (arg2 ?? '10,30,60').split(',').map(Number)) {
    let a = 0;
    let b = 0;
    let wins = 0;
    const rows: string[] = [];
    for (const h of ['dev', 'tune', 'tune2', 'tune3', 'rank', 'rank4']) {
      const st = boost(
        qs.filter((q) => q.set !== h),
        use,
        rounds,
        Number(process.env.FIT_SHRINK ?? 0.5),
      );
      const test = qs.filter((q) => q.set === h);
      const hand = metrics(test, new Array(NAMES.length).fill(0), use);
      const boosted = test.map((q) => ({
        ...q,
        cands: q.cands.map((c) => ({ ...c, hand: c.hand + stumpScore(c, st) })),
      }));
      const mb = metrics(boosted, new Array(NAMES.length).fill(0), use);
      a += hand.mrr;
      b += mb.mrr;
      if (mb.mrr > hand.mrr + 1e-9) wins++;
      rows.push(`${h}: hand ${fmt(hand)} boosted ${fmt(mb)}`);
    }
    console.log(`rounds=${rounds}: mean MRR hand ${(a / 6).toFixed(3)} boosted ${(b / 6).toFixed(3)}, wins ${wins}/6`);
    for (const r of rows) console.log(`  ${r}`);
  }
}

/** One added feature at weight β on the hand fusion: `try file coverage 0,0.1,0.2` (or `neighbour`). */
function tryFeature(file: string, arg?: string, arg2?: string) {
  const qs: Q[] = JSON.parse(fs.readFileSync(file, 'utf8'));
  const j = NAMES.indexOf(arg!);
  for (const q of qs) {
    const top = Math.max(1e-9, ...q.cands.map((c) => c.hand));
    const doc = (c: Cand) => c.unit.split('#')[0];
    for (const c of q.cands)
      (c as Cand & { nb: number }).nb =
        Math.max(0, ...q.cands.filter((o) => doc(o) === doc(c) && Math.abs(o.idx - c.idx) === 1).map((o) => o.hand)) /
        top;
  }
  const use = NAMES.map(() => false);
  for (const beta of (arg2 ?? '0,0.1,0.2,0.3').split(',').map(Number)) {
    const row: string[] = [];
    let mean = 0;
    for (const h of ['dev', 'own', 'tune', 'tune2', 'tune3', 'rank', 'rank4']) {
      const test = qs
        .filter((q) => q.set === h)
        .map((q) => ({
          ...q,
          cands: q.cands.map((c) => ({
            ...c,
            hand: c.hand + beta * (j >= 0 ? c.x[j]! : (c as Cand & { nb: number }).nb),
          })),
        }));
      const m = metrics(test, new Array(NAMES.length).fill(0), use);
      if (['tune2', 'tune3', 'rank', 'rank4'].includes(h)) mean += m.mrr / 4;
      row.push(`${h} ${fmt(m)}`);
    }
    console.log(`β=${beta}: ${row.join(' | ')} | mean4 MRR ${mean.toFixed(3)}`);
  }
}

/** Nested CV: for each held-out set, λ and the temperature are chosen by LOSO over the remaining sets only. */
function nested(file: string, arg?: string) {
  const qs: Q[] = JSON.parse(fs.readFileSync(file, 'utf8'));
  const use = NAMES.map((n) => (arg ?? 'all') === 'all' || arg!.split(',').includes(n));
  const held = ['dev', 'tune', 'tune2', 'tune3', 'rank', 'rank4'];
  const zero = new Array(NAMES.length).fill(0);
  const grid = [0.03, 0.1, 0.3].flatMap((l) => [5, 10, 20].map((t) => [l, t] as const));
  let a = 0;
  let b = 0;
  let wins = 0;
  for (const h of held) {
    const rest = qs.filter((q) => q.set !== h);
    let best = grid[0]!;
    let bestMrr = -1;
    for (const [l, t] of grid) {
      TAU = t;
      let m = 0;
      for (const inner of held.filter((x) => x !== h)) {
        const w = fitLinear(
          rest.filter((q) => q.set !== inner),
          use,
          l,
        );
        m += metrics(
          rest.filter((q) => q.set === inner),
          w,
          use,
        ).mrr;
      }
      if (m > bestMrr) (bestMrr = m), (best = [l, t]);
    }
    TAU = best[1];
    const w = fitLinear(rest, use, best[0]);
    const test = qs.filter((q) => q.set === h);
    const mh = metrics(test, zero, use);
    const ml = metrics(test, w, use);
    a += mh.mrr;
    b += ml.mrr;
    if (ml.mrr > mh.mrr + 1e-9) wins++;
    console.log(`${h}: chose λ=${best[0]} τ=${best[1]}; hand ${fmt(mh)} learned ${fmt(ml)}`);
  }
  console.log(`nested: mean MRR hand ${(a / 6).toFixed(3)} learned ${(b / 6).toFixed(3)}, wins ${wins}/6`);
}

function fitAll(file: string, arg?: string, arg2?: string) {
  const qs: Q[] = JSON.parse(fs.readFileSync(file, 'utf8'));
  const use = NAMES.map((n) => (arg2 ?? 'all') === 'all' || arg2!.split(',').includes(n));
  const w = fitLinear(qs, use, 0.01);
  const out = Object.fromEntries(NAMES.map((n, j) => [n, Number(w[j]!.toFixed(4))]));
  console.log(JSON.stringify(out, null, 2));
  if (arg) fs.writeFileSync(arg, `${JSON.stringify(out, null, 2)}\n`);
}

const [cmd, file, arg, arg2] = process.argv.slice(2);
if (cmd === 'dump') await dump(file!);
else if (cmd === 'cv') cv(file!, arg ?? 'all', (arg2 ?? '0.001,0.01,0.1').split(',').map(Number));
else if (cmd === 'nested') nested(file!, arg);
else if (cmd === 'boost') boostCv(file!, arg, arg2);
else if (cmd === 'try') tryFeature(file!, arg, arg2);
else if (cmd === 'fit') fitAll(file!, arg, arg2);
else console.log('usage: fusion-fit.ts dump|cv|nested|boost|try|fit <features.json> …');

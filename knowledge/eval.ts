// Evaluation over a JSONL question set: retrieval hit@1/hit@3/MRR, refusal precision/recall,
// must_include coverage of the final answers, latency percentiles.
import fs from 'node:fs/promises';
import { z } from 'zod';
import type { Chunk } from './chunk.js';
import type { DetailedAnswer } from './answerer.js';
import { squashSpace } from './normalize.js';

const item = z.object({
  id: z.string(),
  q: z.string(),
  expect: z.array(z.string()).default([]),
  answerable: z.boolean(),
  must_include: z.array(z.string()).default([]),
});
export type EvalItem = z.infer<typeof item>;

export interface EvalRow {
  id: string;
  q: string;
  answerable: boolean;
  refused: boolean;
  rank: number;
  ranked: string[];
  included: number;
  mustTotal: number;
  ms: number;
  text: string;
  reason: string;
}

export interface EvalSummary {
  n: number;
  hit1: number;
  hit3: number;
  mrr: number;
  refusal_precision: number;
  refusal_recall: number;
  must_include: number;
  p50_ms: number;
  p95_ms: number;
}

export async function readEvalSet(file: string): Promise<EvalItem[]> {
  const lines = (await fs.readFile(file, 'utf8')).split('\n').filter((l) => l.trim());
  return lines.map((l, i) => {
    const parsed = item.safeParse(JSON.parse(l));
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
    return parsed.data;
  });
}

/** The eval id of a chunk: letter, preamble, c1…c25 (units of other kinds keep their own keys). */
export function evalId(c: Chunk): string {
  return c.unit;
}

export async function evaluate(items: EvalItem[], ask: (q: string) => Promise<DetailedAnswer>): Promise<{ rows: EvalRow[]; summary: EvalSummary }> {
  const rows: EvalRow[] = [];
  for (const it of items) {
    const t0 = performance.now();
    const a = await ask(it.q);
    const ms = performance.now() - t0;
    const ranked = [...new Set(a.retrieval.hits.map((h) => evalId(h.chunk)))];
    const rank = it.expect.length ? ranked.findIndex((u) => it.expect.includes(u)) + 1 : 0;
    const text = squashSpace(a.text);
    const included = a.refused ? 0 : it.must_include.filter((m) => text.includes(squashSpace(m))).length;
    rows.push({ id: it.id, q: it.q, answerable: it.answerable, refused: a.refused, rank, ranked, included, mustTotal: it.must_include.length, ms, text: a.text, reason: a.reason });
  }
  return { rows, summary: summarize(rows) };
}

const ratio = (a: number, b: number) => (b ? a / b : 1);
const round = (x: number, d = 3) => Number(x.toFixed(d));

export function summarize(rows: EvalRow[]): EvalSummary {
  const answerable = rows.filter((r) => r.answerable);
  const refused = rows.filter((r) => r.refused);
  const unanswerable = rows.filter((r) => !r.answerable);
  const withMust = answerable.filter((r) => r.mustTotal);
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  const pct = (p: number) => ms[Math.min(ms.length - 1, Math.max(0, Math.ceil((p / 100) * ms.length) - 1))] ?? 0;
  return {
    n: rows.length,
    hit1: round(ratio(answerable.filter((r) => r.rank === 1).length, answerable.length)),
    hit3: round(ratio(answerable.filter((r) => r.rank >= 1 && r.rank <= 3).length, answerable.length)),
    mrr: round(ratio(answerable.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0), answerable.length)),
    refusal_precision: round(ratio(refused.filter((r) => !r.answerable).length, refused.length)),
    refusal_recall: round(ratio(unanswerable.filter((r) => r.refused).length, unanswerable.length)),
    must_include: round(ratio(withMust.reduce((s, r) => s + r.included / r.mustTotal, 0), withMust.length)),
    p50_ms: round(pct(50), 2),
    p95_ms: round(pct(95), 2),
  };
}

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
  /** On-topic, but the documents do not state the specific thing asked (counted as a refusal). */
  notStated: boolean;
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
  /** Answers that said the documents do not state it (included in the refusals). */
  not_stated: number;
  /** Answerable questions refused or answered "not stated". */
  answerable_refused: number;
  must_include: number;
  /** Length in characters of the answers given (refusals and "not stated" left out): median and longest. */
  answer_chars_median: number;
  answer_chars_max: number;
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

/**
 * The eval id of a chunk: `docId#unit` (dangzhang_2022#a33), or the bare unit key (letter, preamble, c1…c25) for a
 * document in `bare` — the plan, whose ids the shared sets write without the document.
 */
export function evalId(c: Pick<Chunk, 'docId' | 'unit'>, bare: ReadonlySet<string> = new Set()): string {
  return bare.has(c.docId) ? c.unit : `${c.docId}#${c.unit}`;
}

/** Whether an expect id names the chunk's unit: always when document-qualified, bare only for a `bare` document. */
export function expectMatches(
  id: string,
  c: Pick<Chunk, 'docId' | 'unit'>,
  bare: ReadonlySet<string> = new Set(),
): boolean {
  return id === `${c.docId}#${c.unit}` || (bare.has(c.docId) && id === c.unit);
}

/** Documents whose ids are bare: those cut into numbered clauses (1. 2. …), i.e. the plan. */
export function bareDocs(chunks: ReadonlyArray<Pick<Chunk, 'docId' | 'kind'>>): Set<string> {
  return new Set(chunks.filter((c) => c.kind === 'clause').map((c) => c.docId));
}

/** A row that is not a full success: a wrong first hit, a refused answerable, a missing must_include, an answered unanswerable. */
export function isMiss(r: EvalRow): boolean {
  return r.answerable ? r.refused || r.rank !== 1 || r.included < r.mustTotal : !r.refused;
}

export async function evaluate(
  items: EvalItem[],
  ask: (q: string) => Promise<DetailedAnswer>,
  { bare = new Set<string>() }: { bare?: ReadonlySet<string> } = {},
): Promise<{ rows: EvalRow[]; summary: EvalSummary }> {
  const rows: EvalRow[] = [];
  for (const it of items) {
    const t0 = performance.now();
    const a = await ask(it.q);
    const ms = performance.now() - t0;
    const units: DetailedAnswer['retrieval']['hits'][number]['chunk'][] = [];
    for (const h of a.retrieval.hits)
      if (!units.some((u) => u.docId === h.chunk.docId && u.unit === h.chunk.unit)) units.push(h.chunk);
    const ranked = units.map((c) => evalId(c, bare));
    const rank = it.expect.length ? units.findIndex((c) => it.expect.some((e) => expectMatches(e, c, bare))) + 1 : 0;
    const text = squashSpace(a.text);
    const notStated = a.mode === 'not-stated';
    const refused = a.refused || notStated;
    const included = refused ? 0 : it.must_include.filter((m) => text.includes(squashSpace(m))).length;
    rows.push({
      id: it.id,
      q: it.q,
      answerable: it.answerable,
      refused,
      notStated,
      rank,
      ranked,
      included,
      mustTotal: it.must_include.length,
      ms,
      text: a.text,
      reason: a.reason,
    });
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
  const lengths = rows
    .filter((r) => !r.refused)
    .map((r) => [...squashSpace(r.text)].length)
    .sort((a, b) => a - b);
  const mid = lengths.length >> 1;
  const at = (i: number) => lengths[i] ?? 0;
  const median = lengths.length ? (lengths.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2) : 0;
  return {
    n: rows.length,
    hit1: round(ratio(answerable.filter((r) => r.rank === 1).length, answerable.length)),
    hit3: round(ratio(answerable.filter((r) => r.rank >= 1 && r.rank <= 3).length, answerable.length)),
    mrr: round(
      ratio(
        answerable.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0),
        answerable.length,
      ),
    ),
    refusal_precision: round(ratio(refused.filter((r) => !r.answerable).length, refused.length)),
    refusal_recall: round(ratio(unanswerable.filter((r) => r.refused).length, unanswerable.length)),
    not_stated: rows.filter((r) => r.notStated).length,
    answerable_refused: answerable.filter((r) => r.refused).length,
    must_include: round(
      ratio(
        withMust.reduce((s, r) => s + r.included / r.mustTotal, 0),
        withMust.length,
      ),
    ),
    answer_chars_median: median,
    answer_chars_max: lengths.at(-1) ?? 0,
    p50_ms: round(pct(50), 2),
    p95_ms: round(pct(95), 2),
  };
}

// `npm run bench`: runs every suite against a throwaway Redis, prints a table, writes bench/results.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedRedis } from '../ground/redis/embedded.js';
import { PROJECT_ROOT } from '../ground/config.js';
import { suites } from './suites.js';
import type { BenchResult } from './types.js';

export async function runBenchmarks(opts: { only?: string; out?: string } = {}): Promise<BenchResult[]> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-bench-'));
  const redis = await startEmbeddedRedis({ dir: path.join(tmpDir, 'redis') });
  const results: Array<BenchResult & { suite: string }> = [];
  const started = Date.now();
  try {
    for (const load of suites) {
      const suite = await load();
      if (opts.only && !suite.name.includes(opts.only)) continue;
      process.stderr.write(`[bench] ${suite.name}…\n`);
      const t0 = Date.now();
      const out = await suite.run({
        redisUrl: redis.url,
        tmpDir,
        log: (line) => process.stderr.write(`  ${line}\n`),
        results,
      });
      process.stderr.write(`[bench] ${suite.name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
      for (const r of out) results.push({ suite: suite.name, ...r });
    }
  } finally {
    await redis.stop();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  const report = {
    at: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 100) / 10,
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
    },
    results,
  };
  const out = opts.out ?? path.join(PROJECT_ROOT, 'bench', 'results.json');
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  printTable(results);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  return results;
}

function printTable(results: Array<BenchResult & { suite: string }>): void {
  const rows = results.map((r) => [
    r.suite,
    r.name,
    `${round(r.value)} ${r.unit}`,
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'ok' : 'MISS',
    r.baseline ? `${r.baseline.name} ${round(r.baseline.value)} ${r.baseline.unit} (x${round(r.baseline.ratio)})` : '',
  ]);
  const header = ['suite', 'name', 'value', 'target', '', 'baseline'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  process.stderr.write(
    `${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`,
  );
}

function round(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

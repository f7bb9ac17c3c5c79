#!/usr/bin/env node
// Compiles the TypeScript sources to dist/ (run by `npm ci` through "prepare"). Running compiled code saves
// ~60 MB of RSS over tsx. The stamp is written only after a clean compile; bin/zhibu.js uses dist/ only
// while the stamp is newer than every source file, so a stale or failed build never runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.build-stamp');
fs.rmSync(stamp, { force: true });
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
  cwd: root,
});
if (result.status === 0) {
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
} else {
  process.stderr.write('zhibu: compile failed; `npx zhibu` will run from the TypeScript sources (tsx) instead.\n');
}

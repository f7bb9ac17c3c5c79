#!/usr/bin/env node
// Entry point for `npx zhibu`: runs the compiled dist/ when it is current (built by `npm ci`), otherwise
// the TypeScript sources through tsx, so an edit never runs stale code and no build step is required.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIRS = ['ground', 'domains', 'app', 'bot', 'web', 'knowledge', 'jobs', 'store', 'cli', 'bench'];

function newestSource(dir, newest = 0) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(full, newest);
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function compiledIsCurrent() {
  try {
    const built = fs.statSync(path.join(root, 'dist', '.build-stamp')).mtimeMs;
    return SOURCE_DIRS.every((d) => newestSource(path.join(root, d)) <= built);
  } catch {
    return false;
  }
}

if (process.env.ZHIBU_FROM_SOURCE !== '1' && compiledIsCurrent()) {
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
}

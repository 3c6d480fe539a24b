#!/usr/bin/env node
// Runs every compiled test file of the monorepo in one `node --test` run, so the suite ends
// with a single summary. Unit tests (*.test.js) run first, then integration tests
// (*.int.test.js) that need Postgres and NATS. Pass `--unit` to skip integration tests, or
// file-name fragments to filter (e.g. `node scripts/run-tests.mjs messaging`).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const filters = args.filter((a) => !a.startsWith('--'));

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const files = [];
for (const top of ['libs', 'services']) {
  for (const pkg of readdirSync(join(root, top))) walk(join(root, top, pkg, 'dist'), files);
}
walk(join(root, 'test', 'dist'), files);

const selected = files
  .map((f) => relative(root, f))
  .filter((f) => !unitOnly || !f.endsWith('.int.test.js'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort((a, b) => Number(a.endsWith('.int.test.js')) - Number(b.endsWith('.int.test.js')) || a.localeCompare(b));

if (selected.length === 0) {
  console.error('no test files found (did the build run?)');
  process.exit(1);
}
console.log(`running ${selected.length} test files`);
const result = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-concurrency=1', ...selected],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TRIALGRID_TEST: '1' } },
);
process.exit(result.status ?? 1);

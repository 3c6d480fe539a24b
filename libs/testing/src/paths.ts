import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root (the folder holding turbo.json), found from this file's location. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'turbo.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root (turbo.json) not found');
    dir = up;
  }
  return dir;
}

/** MNIST for tests: DATA_DIR if set, else ../shared/datasets/mnist beside the checkout. */
export function mnistDir(env: Record<string, string | undefined> = process.env): string {
  return env['DATA_DIR'] ?? resolve(repoRoot(), '..', 'shared', 'datasets', 'mnist');
}

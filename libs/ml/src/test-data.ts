import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in libs/ml/{src,dist}). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * MNIST for tests: `../shared/datasets/mnist` beside the repository, or DATA_DIR. Tests
 * read it in place; the data files are never copied into the repository.
 */
export function testDataDir(): string {
  return process.env['DATA_DIR'] ?? path.resolve(repoRoot, '..', 'shared', 'datasets', 'mnist');
}

/**
 * Test support: which training backends this machine can run. Each test file that covers
 * every backend loops over `availableBackends()` and passes the reason as node:test's `skip`,
 * so a missing backend is reported as skipped with why, never passed silently.
 */
import { initBackend } from './backend.js';
import type { BackendName } from './types.js';

/** The backends every engine test runs on, in this order. */
export const ENGINE_TEST_BACKENDS: readonly BackendName[] = ['cpu', 'wasm', 'tensorflow'];

/**
 * `[name, skip]` for each backend: skip is `false` when the backend initialises here, else the
 * reason it does not (e.g. "@tensorflow/tfjs-node is not installed (`npm run engine:install` …)").
 * Backends named in TRIALGRID_REQUIRE_BACKENDS (comma-separated; `.ci/run` sets it) must load:
 * a missing one throws, failing the test file instead of skipping. Leaves the last backend that
 * initialised active.
 */
export async function availableBackends(): Promise<[BackendName, false | string][]> {
  const required = (process.env['TRIALGRID_REQUIRE_BACKENDS'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const out: [BackendName, false | string][] = [];
  for (const name of ENGINE_TEST_BACKENDS) {
    try {
      await initBackend(name);
      out.push([name, false]);
    } catch (err) {
      const why = `${name} backend unavailable: ${err instanceof Error ? err.message : String(err)}`;
      if (required.includes(name)) throw new Error(`${why} (TRIALGRID_REQUIRE_BACKENDS requires it)`, { cause: err });
      out.push([name, why]);
    }
  }
  return out;
}

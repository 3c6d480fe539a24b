import { execFile } from 'node:child_process';
import { hostname } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The commit the worker runs: `git rev-parse HEAD` in `cwd` when it is a checkout, else the
 * fallback (GIT_COMMIT from the environment, passed down by main.ts), else 'unknown'.
 * Resolved once at start-up: a trial's provenance must not depend on a later checkout.
 */
export async function resolveGitCommit(cwd: string, fallback?: string): Promise<string> {
  try {
    const { stdout } = await run('git', ['rev-parse', 'HEAD'], { cwd, timeout: 5000 });
    const sha = stdout.trim();
    if (/^[0-9a-f]{40}$/.test(sha)) return sha;
  } catch {
    // not a checkout, or git is not installed (containers): use the fallback
  }
  return fallback && fallback.length > 0 ? fallback : 'unknown';
}

export interface RunProvenance {
  git_commit: string;
  packages: Record<string, string>;
  backend: string;
  /** One readable line: backend, TensorFlow library and tfjs versions (see describeEngine). */
  engine: string;
  backend_details: Record<string, string | number | boolean>;
  hostname: string;
  node: string;
  worker_id: string;
}

export function baseProvenance(input: {
  gitCommit: string;
  packages: Record<string, string>;
  backend: string;
  backendDetails: Record<string, string | number | boolean>;
  workerId: string;
}): RunProvenance {
  return {
    git_commit: input.gitCommit,
    packages: input.packages,
    backend: input.backend,
    engine: describeEngine(input.backend, input.packages),
    backend_details: input.backendDetails,
    hostname: hostname(),
    node: process.version,
    worker_id: input.workerId,
  };
}

/**
 * The training engine in one line, for the trial page and `trialgrid show`:
 * "tensorflow · TensorFlow 2.21.0 · @tensorflow/tfjs-node 4.22.0 · tfjs 4.22.0" on a native
 * backend, "wasm · tfjs-backend-wasm 4.22.0 · tfjs 4.22.0" on wasm. `packages` is
 * BackendInfo.versions (keys: tfjs, tensorflow, the backend package's name).
 */
export function describeEngine(backend: string, packages: Record<string, string>): string {
  const parts = [backend];
  if (packages['tensorflow'] !== undefined) parts.push(`TensorFlow ${packages['tensorflow']}`);
  for (const [name, version] of Object.entries(packages)) {
    if (name !== 'tensorflow' && name !== 'tfjs') parts.push(`${name} ${version}`);
  }
  if (packages['tfjs'] !== undefined) parts.push(`tfjs ${packages['tfjs']}`);
  return parts.join(' · ');
}

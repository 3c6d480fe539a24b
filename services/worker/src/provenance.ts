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
    backend_details: input.backendDetails,
    hostname: hostname(),
    node: process.version,
    worker_id: input.workerId,
  };
}

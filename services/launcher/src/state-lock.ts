/**
 * One launcher per state directory. Two `npm start` in one checkout would share `.data`: the
 * second took over the first one's live embedded Postgres (and stopped it on exit, leaving the
 * first "up" with no database). The launcher therefore holds a lock on its state directory for
 * as long as it runs: `proper-lockfile` (a `launcher.lock` directory, created atomically, its
 * mtime refreshed every few seconds so that the lock of a launcher killed with -9 goes stale
 * and is taken over).
 *
 * ```ts
 * const release = await lockStateDir(stateDir);   // throws CONFLICT naming the other launcher
 * ...
 * await release();
 * ```
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { AppError } from '@trialgrid/errors';

/** The lock directory inside the state directory, and the file beside it naming the holder's pid. */
export const LOCK_NAME = 'launcher.lock';
const HOLDER_FILE = 'launcher.pid';

/** How old (ms) an un-refreshed lock must be before another launcher takes it over: the holder is gone. */
export const LOCK_STALE_MS = 15_000;

/**
 * Takes the state directory's lock (creating the directory). Resolves to the release function;
 * throws AppError CONFLICT when another live launcher holds it, naming its pid and the way out
 * (stop it, or give this launcher its own TRIALGRID_STATE_DIR). `onCompromised` is called if the
 * lock is lost while held (its mtime could not be refreshed): the caller should stop.
 */
export async function lockStateDir(stateDir: string, onCompromised: (err: Error) => void = () => undefined): Promise<() => Promise<void>> {
  mkdirSync(stateDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(stateDir, {
      lockfilePath: join(stateDir, LOCK_NAME),
      stale: LOCK_STALE_MS,
      update: LOCK_STALE_MS / 3,
      realpath: false,
      onCompromised,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    const holder = readHolder(stateDir);
    throw new AppError(
      'CONFLICT',
      `another trialgrid launcher${holder ? ` (pid ${holder})` : ''} is running with the state directory ${stateDir}: stop it first (Ctrl-C in its terminal), or give this one its own TRIALGRID_STATE_DIR (and ports: PORT, TRIALGRID_PG_PORT, TRIALGRID_NATS_PORT)`,
      { cause: err },
    );
  }
  const holderFile = join(stateDir, HOLDER_FILE);
  writeFileSync(holderFile, `${process.pid}\n`);
  return async () => {
    rmSync(holderFile, { force: true });
    await release();
  };
}

function readHolder(stateDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(stateDir, HOLDER_FILE), 'utf8'), 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

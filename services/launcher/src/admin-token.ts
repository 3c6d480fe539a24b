/**
 * First run: when the database has no usable API token, the launcher creates an admin token,
 * prints it once, and writes it (mode 0600) to `<TRIALGRID_STATE_DIR>/admin-token`, where the
 * CLI and the demo look for it. Later runs leave tokens alone and only say where the file is.
 *
 * ```ts
 * const outcome = await ensureAdminToken({ databaseUrl, stateDir });
 * // { kind: 'created', token, file } | { kind: 'exists', file? } | { kind: 'skipped', reason }
 * ```
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countUsableTokens, createApiToken, createDatabase } from '@trialgrid/db';
import { errorMessage } from '@trialgrid/errors';

/** File name of the first admin token inside the state directory (the CLI reads the same name). */
export const ADMIN_TOKEN_FILE = 'admin-token';

export type AdminTokenOutcome =
  | { kind: 'created'; token: string; file: string }
  | { kind: 'exists'; file?: string }
  | { kind: 'skipped'; reason: string };

export interface EnsureAdminTokenOptions {
  databaseUrl: string;
  stateDir: string;
}

/**
 * Creates the first admin token when there is no usable token (none, or all revoked/expired).
 * Skips (with the reason) when the schema is not there yet (no scheduler ran the migrations).
 */
export async function ensureAdminToken(options: EnsureAdminTokenOptions): Promise<AdminTokenOutcome> {
  const file = join(options.stateDir, ADMIN_TOKEN_FILE);
  const handle = createDatabase({ url: options.databaseUrl, max: 1 });
  try {
    let usable: number;
    try {
      usable = await countUsableTokens(handle.db);
    } catch (err) {
      // The driver's message carries the whole statement: its first line says enough.
      const why = errorMessage(err instanceof Error && err.cause !== undefined ? err.cause : err).split('\n')[0];
      return { kind: 'skipped', reason: `the api_tokens table cannot be read yet (${why}); the scheduler creates it when it applies the migrations` };
    }
    if (usable > 0) return existsSync(file) ? { kind: 'exists', file } : { kind: 'exists' };
    const { token } = await createApiToken(handle.db, { name: 'first admin', owner: 'admin', role: 'admin', createdBy: 'launcher' });
    mkdirSync(options.stateDir, { recursive: true });
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    // writeFileSync keeps the mode of a file that already existed.
    chmodSync(file, 0o600);
    return { kind: 'created', token, file };
  } finally {
    await handle.close();
  }
}

/** What the launcher prints for an outcome. */
export function adminTokenLines(outcome: AdminTokenOutcome): string[] {
  switch (outcome.kind) {
    case 'created':
      return [
        'First run: created an admin API token (shown only this once):',
        `  ${outcome.token}`,
        `  saved to ${outcome.file} (mode 0600); the CLI and \`npm run demo\` read it from there,`,
        '  other clients send it as `Authorization: Bearer <token>` (TRIALGRID_TOKEN for the CLI elsewhere)',
      ];
    case 'exists':
      return [outcome.file ? `API token   admin token in ${outcome.file}` : 'API token   tokens exist; set TRIALGRID_TOKEN for the CLI and the demo'];
    case 'skipped':
      return [`API token   not checked: ${outcome.reason}`];
  }
}

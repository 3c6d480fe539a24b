/**
 * Authentication of the nats-server the launcher spawns: one NATS user per service role with
 * the least-privilege subject permissions of @trialgrid/messaging (natsPermissions), and no
 * anonymous access.
 *
 * - `<state>/nats-credentials.json` (mode 0600): `{ "<role>": { "user", "password" } }` for
 *   gateway, scheduler, registry and worker. Created with random passwords on the first start
 *   and reused afterwards, so services run by hand (`TRIALGRID_SERVICES=none npm start`) can
 *   read their NATS_USER / NATS_PASSWORD from it.
 * - `<state>/nats.conf` (mode 0600, rewritten at every start): listen address, JetStream store
 *   and the `authorization` block; the server is started with `nats-server -c <it>`.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { natsAuthConfig, SERVICE_ROLES, type ServiceRole } from '@trialgrid/messaging';

/** One service's NATS login. */
export interface NatsLogin {
  user: string;
  password: string;
}

export type NatsCredentials = Record<ServiceRole, NatsLogin>;

/** Writes `text` to `file` with mode 0600, atomically (a reader never sees half a file). */
function writePrivate(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

function parseCredentials(text: string): NatsCredentials | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const out: Partial<NatsCredentials> = {};
  for (const role of SERVICE_ROLES) {
    const entry = (raw as Record<string, unknown>)[role] as Partial<NatsLogin> | undefined;
    if (typeof entry?.user !== 'string' || typeof entry.password !== 'string' || entry.user === '' || entry.password.length < 16) return undefined;
    out[role] = { user: entry.user, password: entry.password };
  }
  return out as NatsCredentials;
}

/**
 * The credentials in `file` when it holds a login for every role; otherwise new ones (user =
 * role name, 32 random bytes of password), written to `file` with mode 0600. An existing file
 * is re-chmodded to 0600.
 */
export function loadOrCreateNatsCredentials(file: string): { credentials: NatsCredentials; created: boolean } {
  if (existsSync(file)) {
    const found = parseCredentials(readFileSync(file, 'utf8'));
    if (found) {
      chmodSync(file, 0o600);
      return { credentials: found, created: false };
    }
  }
  const credentials = Object.fromEntries(SERVICE_ROLES.map((role) => [role, { user: role, password: randomBytes(32).toString('base64url') }])) as NatsCredentials;
  writePrivate(file, `${JSON.stringify(credentials, null, 2)}\n`);
  return { credentials, created: true };
}

export interface NatsServerConfigOptions {
  host: string;
  port: number;
  /** JetStream store directory (absolute). */
  storeDir: string;
  /** Subject prefix of the deployment (TRIALGRID_PREFIX): the permissions are written for it. */
  prefix: string;
  credentials: NatsCredentials;
}

/** The whole nats-server configuration file of a spawned server (see the module comment). */
export function natsServerConfig(o: NatsServerConfigOptions): string {
  const users = SERVICE_ROLES.map((role) => ({ role, user: o.credentials[role].user, password: o.credentials[role].password }));
  return [
    '# Written by the trialgrid launcher at every start; edits are overwritten.',
    `listen: ${JSON.stringify(`${o.host}:${o.port}`)}`,
    `jetstream { store_dir: ${JSON.stringify(o.storeDir)} }`,
    natsAuthConfig(o.prefix, users),
  ].join('\n');
}

/** Writes natsServerConfig() to `file`, mode 0600 (it holds the passwords). */
export function writeNatsServerConfig(file: string, o: NatsServerConfigOptions): void {
  writePrivate(file, natsServerConfig(o));
}

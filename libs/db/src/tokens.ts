/**
 * API tokens and the audit trail.
 *
 * ```ts
 * const { token, apiToken } = await createApiToken(db, { name: 'ci', owner: 'alice', role: 'editor', createdBy: 'admin' });
 * // show `token` once; only its SHA-256 is stored
 * const who = await authenticateToken(db, token);   // { id, owner, role, ... } or null
 * ```
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, count, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { invalidInput, notFound } from '@trialgrid/errors';
import type { DbExecutor } from './client.js';
import { isUuid, withDbErrors } from './errors.js';
import { checkPageSize } from './cursor.js';
import { apiTokens, auditEvents, ROLES, type Role } from './schema.js';

/** A stored token, without its hash. */
export type ApiToken = Omit<typeof apiTokens.$inferSelect, 'tokenHash'>;
export type AuditEvent = typeof auditEvents.$inferSelect;

/** Every token secret starts with this, so a leaked one is easy to recognise (and grep for). */
export const TOKEN_PREFIX = 'tg_';

/** Rank of each role: a role may do everything a lower-ranked one may. */
export const ROLE_RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** True when `role` is at least `required`. */
export function roleAllows(role: Role, required: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[required];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** SHA-256 hex of a token secret: what is stored and looked up. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A fresh secret: `tg_` + 32 random bytes in base64url (43 characters). */
export function generateTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

const columns = {
  id: apiTokens.id,
  name: apiTokens.name,
  owner: apiTokens.owner,
  role: apiTokens.role,
  prefix: apiTokens.prefix,
  createdBy: apiTokens.createdBy,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

export interface CreateApiTokenInput {
  name: string;
  /** Who the token acts for; recorded as the actor of everything done with it. */
  owner: string;
  role: Role;
  /** Actor creating it (a token owner, or 'launcher' for the first admin token). */
  createdBy: string;
  /** null / undefined = never expires. */
  expiresAt?: Date | null;
}

/**
 * Creates a token and records `token.create` in the audit trail, in one transaction.
 * Returns the secret (to be shown once; it cannot be read back) and the stored row.
 * Throws INVALID_INPUT for an empty name/owner, an unknown role or an expiry in the past.
 */
export async function createApiToken(db: DbExecutor, input: CreateApiTokenInput): Promise<{ token: string; apiToken: ApiToken }> {
  const name = input.name.trim();
  const owner = input.owner.trim();
  if (!name || name.length > 100) throw invalidInput('token name must be 1-100 characters', { field: 'name' });
  if (!owner || owner.length > 100) throw invalidInput('token owner must be 1-100 characters', { field: 'owner' });
  if (!isRole(input.role)) throw invalidInput(`role must be one of ${ROLES.join(', ')}`, { field: 'role' });
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw invalidInput('expiresAt must be in the future', { field: 'expiresAt' });
  const token = generateTokenSecret();
  const apiToken = await withDbErrors('api token', () =>
    db.transaction(async (tx) => {
      const [row] = await tx
        .insert(apiTokens)
        .values({ name, owner, role: input.role, tokenHash: hashToken(token), prefix: token.slice(0, 8), createdBy: input.createdBy, expiresAt: input.expiresAt ?? null })
        .returning(columns);
      if (!row) throw new Error('insert into api_tokens returned no row');
      await tx.insert(auditEvents).values({
        actor: input.createdBy,
        action: 'token.create',
        targetKind: 'token',
        targetId: row.id,
        details: { name, owner, role: input.role, expiresAt: row.expiresAt?.toISOString() ?? null },
      });
      return row;
    }),
  );
  return { token, apiToken };
}

/** Tokens may be used this long before `last_used_at` is written again (keeps reads from writing every time). */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The token a secret belongs to when it is known, not revoked and not expired; else null.
 * Refreshes `last_used_at` at most once a minute per token.
 */
export async function authenticateToken(db: DbExecutor, token: string, now: Date = new Date()): Promise<ApiToken | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const hash = hashToken(token);
  const [row] = await db
    .select({ ...columns, tokenHash: apiTokens.tokenHash })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hash))
    .limit(1);
  // The lookup is by hash, so timing reveals nothing about the secret; compare anyway.
  if (!row || !timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(hash))) return null;
  if (row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now.getTime())) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
    row.lastUsedAt = now;
  }
  const { tokenHash: _hash, ...rest } = row;
  return rest;
}

/** Every token, newest first (revoked ones too, so the history is visible). */
export async function listApiTokens(db: DbExecutor): Promise<ApiToken[]> {
  return db.select(columns).from(apiTokens).orderBy(desc(apiTokens.createdAt), asc(apiTokens.id));
}

/** Number of tokens that can still be used (not revoked, not expired). */
export async function countUsableTokens(db: DbExecutor, now: Date = new Date()): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(apiTokens)
    .where(and(isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))));
  return row?.n ?? 0;
}

/**
 * Revokes a token (idempotent: revoking a revoked token keeps the first time) and records
 * `token.revoke`. NOT_FOUND when the id is unknown.
 */
export async function revokeApiToken(db: DbExecutor, input: { id: string; actor: string }): Promise<ApiToken> {
  if (!isUuid(input.id)) throw notFound('api token', input.id);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
      .where(eq(apiTokens.id, input.id))
      .returning(columns);
    if (!row) throw notFound('api token', input.id);
    await tx.insert(auditEvents).values({ actor: input.actor, action: 'token.revoke', targetKind: 'token', targetId: row.id, details: { name: row.name, owner: row.owner } });
    return row;
  });
}

export interface AuditInput {
  actor: string;
  action: string;
  targetKind: string;
  targetId: string;
  details?: Record<string, unknown>;
}

/** Appends one audit event. */
export async function recordAudit(db: DbExecutor, input: AuditInput): Promise<AuditEvent> {
  const [row] = await db
    .insert(auditEvents)
    .values({ actor: input.actor, action: input.action, targetKind: input.targetKind, targetId: input.targetId, details: input.details ?? {} })
    .returning();
  if (!row) throw new Error('insert into audit_events returned no row');
  return row;
}

/** Audit events, newest first; narrowed to one target when given. `limit` 1-1000 (default 100); anything else is INVALID_INPUT naming `first` (the GraphQL argument). */
export async function listAuditEvents(db: DbExecutor, filter: { targetKind?: string; targetId?: string; limit?: number } = {}): Promise<AuditEvent[]> {
  const limit = checkPageSize(filter.limit ?? 100, 1000);
  const where = and(
    filter.targetKind ? eq(auditEvents.targetKind, filter.targetKind) : undefined,
    filter.targetId ? eq(auditEvents.targetId, filter.targetId) : undefined,
  );
  return db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.id)).limit(limit);
}

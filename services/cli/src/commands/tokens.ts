/**
 * tokens, create-token, revoke-token: API tokens through the gateway's `apiTokens`,
 * `createApiToken` and `revokeApiToken` (all admin). A created token's secret is printed once
 * (the gateway stores only its hash); the list shows the prefix to tell tokens apart.
 */
import { UsageError } from '../args.js';
import { formatTable } from '../format.js';
import { graphql } from '@trialgrid/graphql-documents';
import type { ApiTokenFieldsFragment } from '@trialgrid/graphql-documents';
import { printJson, type CommandContext } from './context.js';

export const TOKEN_ROLES = ['viewer', 'editor', 'admin'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

export const API_TOKEN_FIELDS = graphql(`
  fragment ApiTokenFields on ApiToken { id name owner role prefix createdBy createdAt expiresAt lastUsedAt revokedAt }
`);
const API_TOKENS = graphql(`
  query ApiTokens { apiTokens { ...ApiTokenFields } }
`);
const CREATE_API_TOKEN = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { ...ApiTokenFields } } }
`);
const REVOKE_API_TOKEN = graphql(`
  mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { ...ApiTokenFields } }
`);

/** One token as the API lists it (times are ISO strings; generated from schema.graphql). */
export type ApiTokenRow = ApiTokenFieldsFragment;

/** `--role`: one of viewer, editor, admin (case-insensitive), or UsageError. */
export function tokenRole(value: string): TokenRole {
  const role = TOKEN_ROLES.find((r) => r === value.trim().toLowerCase());
  if (!role) throw new UsageError(`--role must be one of ${TOKEN_ROLES.join(', ')}, got "${value}"`);
  return role;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `--expires`: a number of days from `now` (`90d`) or an ISO 8601 date or date-time
 * (`2027-01-31`, `2027-01-31T12:00:00Z`), which must lie in the future. Returns the instant
 * as an ISO string; throws UsageError otherwise.
 */
export function expiresOption(value: string, now: Date = new Date()): string {
  const v = value.trim();
  const days = /^(\d+)d$/.exec(v);
  let at: Date;
  if (days) {
    const n = Number(days[1]);
    if (n < 1) throw new UsageError(`--expires must be at least 1d, got "${value}"`);
    at = new Date(now.getTime() + n * DAY_MS);
  } else if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v))) {
    at = new Date(v);
  } else {
    throw new UsageError(`--expires must be a number of days (e.g. 90d) or an ISO date (e.g. 2027-01-31), got "${value}"`);
  }
  if (at.getTime() <= now.getTime()) throw new UsageError(`--expires must lie in the future, got "${value}" (${at.toISOString()})`);
  return at.toISOString();
}

/** A token's state at `now`: active, expired or revoked. */
export function tokenState(t: Pick<ApiTokenRow, 'expiresAt' | 'revokedAt'>, now: Date = new Date()): 'active' | 'expired' | 'revoked' {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && Date.parse(t.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

/** `2026-11-30T09:14:05.123Z` -> `2026-11-30 09:14` (UTC); empty -> `-`. */
const when = (iso: string | null): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '-');

/** The list as a table (newest first, as the API returns it). */
export function tokensTable(rows: readonly ApiTokenRow[], now: Date = new Date()): string {
  return formatTable(
    ['id', 'name', 'owner', 'role', 'prefix', 'state', 'created', 'expires', 'last used'],
    rows.map((t) => [t.id, t.name, t.owner, t.role, `${t.prefix}…`, tokenState(t, now), `${when(t.createdAt)} by ${t.createdBy}`, when(t.expiresAt ?? null), when(t.lastUsedAt ?? null)]),
  );
}

export async function tokens(ctx: CommandContext): Promise<number> {
  const { apiTokens } = await ctx.client.request(API_TOKENS);
  if (ctx.cmd.json) printJson(ctx, apiTokens);
  else ctx.out(apiTokens.length === 0 ? 'no API tokens' : tokensTable(apiTokens));
  return 0;
}

export async function createToken(ctx: CommandContext): Promise<number> {
  const o = ctx.cmd.options;
  // Checked before any request; a UsageError prints the usage and exits 2.
  if (typeof o['owner'] !== 'string' || o['owner'].trim() === '') throw new UsageError('create-token: --owner <who the token acts for> is required');
  if (typeof o['role'] !== 'string') throw new UsageError(`create-token: --role ${TOKEN_ROLES.join('|')} is required`);
  const role = tokenRole(o['role']);
  const expires = typeof o['expires'] === 'string' ? expiresOption(o['expires']) : undefined;
  const input = {
    name: ctx.cmd.positionals[0] ?? '',
    owner: o['owner'],
    role,
    ...(expires ? { expiresAt: expires } : {}),
  };
  const { createApiToken: created } = await ctx.client.request(CREATE_API_TOKEN, { input });
  if (ctx.cmd.json) {
    printJson(ctx, created);
    return 0;
  }
  const t = created.apiToken;
  ctx.out(created.token);
  ctx.err(
    `created token "${t.name}" (id ${t.id}) for ${t.owner}, role ${t.role}, ${t.expiresAt ? `expires ${t.expiresAt}` : 'never expires'}.\n` +
      'The line above is the secret; it is shown only this once. Use it as TRIALGRID_TOKEN or `Authorization: Bearer <token>`.',
  );
  return 0;
}

export async function revokeToken(ctx: CommandContext): Promise<number> {
  const { revokeApiToken: t } = await ctx.client.request(REVOKE_API_TOKEN, { id: ctx.cmd.positionals[0] ?? '' });
  if (ctx.cmd.json) printJson(ctx, t);
  else ctx.out(`revoked token "${t.name}" (id ${t.id}, ${t.owner}, ${t.role}) at ${t.revokedAt ?? '?'}`);
  return 0;
}

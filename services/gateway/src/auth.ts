/**
 * Who may do what. Every request carries an API token (`Authorization: Bearer tg_...` over
 * HTTP, `connectionParams.authorization` over graphql-ws, or the dashboard's session cookie on
 * the queue board and artifact downloads); the token's role decides which root fields it may
 * use. Roles are ordered: viewer < editor < admin.
 *
 * | role   | may                                                                 |
 * |--------|---------------------------------------------------------------------|
 * | viewer | every query and subscription, artifact downloads, the queue board's pages |
 * | editor | + create / cancel experiments, stop / retry trials                  |
 * | admin  | + datasets (registerDataset), the registry (register, stages, aliases, edits, promotion policy), API tokens, the audit trail, queue board actions |
 *
 * ```ts
 * const auth = createAuthenticator(db);
 * const principal = await auth.authenticate(bearerToken(req.headers.authorization));  // or throws UNAUTHENTICATED
 * requireRole(principal, 'editor', 'cancelExperiment');                                // or throws FORBIDDEN
 * ```
 */
import { LRUCache } from 'lru-cache';
import { authenticateToken, isDatabaseUnavailable, roleAllows, type Database, type Role } from '@trialgrid/db';
import { forbidden, isAppError, unauthenticated } from '@trialgrid/errors';
import type { MutationResolvers, QueryResolvers, SubscriptionResolvers } from './generated/graphql.js';

/** The identity a request acts as: the token's owner and role. */
export interface Principal {
  tokenId: string;
  tokenName: string;
  /** Recorded as the actor of every change made with this token. */
  owner: string;
  role: Role;
}

/**
 * The role each root field needs. Typed against the generated resolver types, so a field added
 * to schema.graphql without a role here fails to compile (and `schema.test.ts` checks the
 * runtime schema against this table too).
 */
export const OPERATION_ROLES = {
  Query: {
    experiments: 'viewer',
    experiment: 'viewer',
    trial: 'viewer',
    compareTrials: 'viewer',
    registeredModels: 'viewer',
    registeredModel: 'viewer',
    modelVersion: 'viewer',
    workers: 'viewer',
    predict: 'viewer',
    datasets: 'viewer',
    dataset: 'viewer',
    me: 'viewer',
    apiTokens: 'admin',
    auditEvents: 'admin',
  },
  Mutation: {
    createExperiment: 'editor',
    // The scheduler reads the given directory or downloads from the given URL: admins only.
    registerDataset: 'admin',
    cancelExperiment: 'editor',
    stopTrial: 'editor',
    retryTrial: 'editor',
    registerModelVersion: 'admin',
    transitionModelVersionStage: 'admin',
    setModelAlias: 'admin',
    updateRegisteredModel: 'admin',
    updateModelVersion: 'admin',
    setPromotionPolicy: 'admin',
    createApiToken: 'admin',
    revokeApiToken: 'admin',
  },
  Subscription: {
    experimentUpdated: 'viewer',
    trialUpdated: 'viewer',
    metricLogged: 'viewer',
    modelChanged: 'viewer',
    workerUpdated: 'viewer',
  },
} as const satisfies {
  Query: Record<keyof Required<QueryResolvers>, Role>;
  Mutation: Record<keyof Required<MutationResolvers>, Role>;
  Subscription: Record<keyof Required<SubscriptionResolvers>, Role>;
};

/** Throws FORBIDDEN (with the role needed) unless `principal`'s role is at least `required`. */
export function requireRole(principal: Principal, required: Role, operation: string): void {
  if (!roleAllows(principal.role, required)) {
    throw forbidden(`${operation} needs the ${required} role; token ${principal.tokenName} of ${principal.owner} is ${principal.role}`, {
      required,
      role: principal.role,
    });
  }
}

/**
 * The token in an `Authorization` header value (`Bearer <token>`, scheme case-insensitive),
 * or undefined when the header is missing or uses another scheme.
 */
export function bearerToken(header: string | readonly string[] | undefined): string | undefined {
  const value: unknown = typeof header === 'string' ? header : header?.[0];
  if (typeof value !== 'string') return undefined;
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(value);
  return m?.[1];
}

/**
 * The token in graphql-ws `connectionParams`: `{ authorization: 'Bearer <token>' }` (also
 * `Authorization`), or `{ token: '<token>' }`.
 */
export function connectionParamsToken(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!params) return undefined;
  const header = params['authorization'] ?? params['Authorization'];
  if (typeof header === 'string') return bearerToken(header);
  const token = params['token'];
  return typeof token === 'string' && token.length > 0 ? token : undefined;
}

/** Name of the dashboard's session cookie (HttpOnly, SameSite=Strict; holds the token). */
export const SESSION_COOKIE = 'trialgrid_session';

/** The value of one cookie in a `Cookie` header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface Authenticator {
  /** The principal of a token; throws UNAUTHENTICATED when it is missing, unknown, expired or revoked. */
  authenticate(token: string | undefined): Promise<Principal>;
  /** Forget cached lookups (after a revocation, so it takes effect at once on this gateway). */
  forget(): void;
}

export interface AuthenticatorOptions {
  /**
   * How long a successful lookup is reused (default 5000 ms): a burst of requests costs one
   * query, and a token revoked on another gateway stops working within this time.
   */
  cacheMs?: number;
}

/** What a client is told when its token cannot be checked because Postgres is unreachable. */
export const AUTH_UNAVAILABLE_MESSAGE = 'The database is unavailable, so the token cannot be checked; try again shortly';

/**
 * Whether a failed `authenticate` means "cannot check now" (Postgres unreachable, or an
 * UNAVAILABLE / TIMEOUT AppError) rather than a bad token: the caller answers 503
 * SERVICE_UNAVAILABLE (WebSocket: close 1013, try again later), never 401 or 500.
 */
export function isAuthOutage(err: unknown): boolean {
  return isDatabaseUnavailable(err) || (isAppError(err) && (err.code === 'UNAVAILABLE' || err.code === 'TIMEOUT'));
}

/** Looks tokens up in Postgres (api_tokens), caching successful lookups briefly. */
export function createAuthenticator(db: Database, options: AuthenticatorOptions = {}): Authenticator {
  const cache = new LRUCache<string, Principal>({ max: 1000, ttl: options.cacheMs ?? 5000 });
  return {
    async authenticate(token) {
      if (!token) throw unauthenticated();
      const hit = cache.get(token);
      if (hit) return hit;
      const row = await authenticateToken(db, token);
      if (!row) throw unauthenticated('the token is unknown, expired or revoked');
      const principal: Principal = { tokenId: row.id, tokenName: row.name, owner: row.owner, role: row.role };
      cache.set(token, principal);
      return principal;
    },
    forget() {
      cache.clear();
    },
  };
}

/**
 * Is a browser `Origin` allowed to open a WebSocket (or send a cookie-authenticated change)?
 * No Origin (a non-browser client) is allowed: it must still authenticate. The gateway's own
 * origin (same host as the `Host` header) and the `allowed` list are allowed; nothing else.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined || origin === '') return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (host && parsed.host === host.toLowerCase()) return true;
  return allowed.some((a) => a.replace(/\/+$/, '').toLowerCase() === parsed.origin);
}

type RootName = keyof typeof OPERATION_ROLES;
type AnyFn = (parent: unknown, args: unknown, ctx: { principal: Principal }, info: unknown) => unknown;

/**
 * Wraps every root resolver (and every subscription's `subscribe`) so it first checks the
 * caller's role against OPERATION_ROLES; a denied call throws FORBIDDEN before the resolver
 * runs, so it changes nothing. A root field missing from the table is refused outright.
 */
export function withRoles<R extends Partial<Record<RootName, object>>>(resolvers: R): R {
  const out: Record<string, unknown> = { ...resolvers };
  for (const root of Object.keys(OPERATION_ROLES) as RootName[]) {
    const fields = resolvers[root] as Record<string, unknown> | undefined;
    if (!fields) continue;
    const roles = OPERATION_ROLES[root] as Record<string, Role | undefined>;
    const wrapped: Record<string, unknown> = {};
    for (const [field, resolver] of Object.entries(fields)) {
      const required = roles[field];
      const operation = `${root}.${field}`;
      const guard = (ctx: { principal: Principal }): void => {
        if (!required) throw forbidden(`${operation} has no role assigned`);
        requireRole(ctx.principal, required, field);
      };
      if (typeof resolver === 'function') {
        const fn = resolver as AnyFn;
        wrapped[field] = (parent: unknown, args: unknown, ctx: { principal: Principal }, info: unknown) => {
          guard(ctx);
          return fn(parent, args, ctx, info);
        };
      } else if (resolver && typeof resolver === 'object' && 'subscribe' in resolver) {
        const sub = resolver as { subscribe: AnyFn; resolve?: AnyFn };
        wrapped[field] = {
          ...sub,
          subscribe: (parent: unknown, args: unknown, ctx: { principal: Principal }, info: unknown) => {
            guard(ctx);
            return sub.subscribe(parent, args, ctx, info);
          },
        };
      } else {
        wrapped[field] = resolver;
      }
    }
    out[root] = wrapped;
  }
  return out as R;
}

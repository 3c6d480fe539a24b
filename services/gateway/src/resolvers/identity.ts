/**
 * Identity and audit: `me`, API tokens (admin) and the audit trail (admin). Token changes
 * record the calling token's owner as the actor.
 */
import { createApiToken, listApiTokens, listAuditEvents, revokeApiToken } from '@trialgrid/db';
import type { MutationResolvers, QueryResolvers } from '../generated/graphql.js';

export const IdentityQuery: Pick<QueryResolvers, 'me' | 'apiTokens' | 'auditEvents'> = {
  me: (_parent, _args, ctx) => ({ owner: ctx.principal.owner, role: ctx.principal.role, tokenName: ctx.principal.tokenName }),

  apiTokens: (_parent, _args, ctx) => listApiTokens(ctx.db),

  async auditEvents(_parent, { targetKind, targetId, first }, ctx) {
    const rows = await listAuditEvents(ctx.db, {
      ...(targetKind ? { targetKind } : {}),
      ...(targetId ? { targetId } : {}),
      limit: first ?? 100,
    });
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  },
};

export const IdentityMutation: Pick<MutationResolvers, 'createApiToken' | 'revokeApiToken'> = {
  // A DateTime argument is typed `Date | string` (the shared client/server view); the scalar has parsed it to a Date.
  createApiToken: (_parent, { input }, ctx) =>
    createApiToken(ctx.db, {
      name: input.name,
      owner: input.owner,
      role: input.role,
      createdBy: ctx.principal.owner,
      expiresAt: input.expiresAt == null ? null : new Date(input.expiresAt),
    }),

  async revokeApiToken(_parent, { id }, ctx) {
    const row = await revokeApiToken(ctx.db, { id, actor: ctx.principal.owner });
    ctx.auth.forget();
    return row;
  },
};

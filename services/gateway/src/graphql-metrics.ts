/**
 * An Apollo Server plugin that times every GraphQL operation over HTTP into
 * `trialgrid_graphql_operation_duration_seconds{operation, type, status}` (libs/metrics):
 * operation = the operation's name once the document parsed and validated (`(anonymous)`
 * without one, `(unresolved)` when it never got that far, `(other)` past MAX_OPERATION_NAMES
 * distinct names, so a client cannot grow the label set without bound); type = query |
 * mutation | subscription | unknown; status = `ok`, or the `extensions.code` of the first
 * error in the response as the client sees it (after formatError). Requests the gateway refuses
 * before Apollo sees them (no or a bad token, an oversized or malformed body, a query shape over
 * the limits) are timed into the same histogram by `timeRefusals` as operation `(unresolved)`,
 * type `unknown`, status = the code they were refused with.
 */
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { RequestHandler, Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { graphqlOperationDuration, MAX_OPERATION_NAMES } from '@trialgrid/metrics';

/** The `operation` label: bounded to `max` distinct names per process. */
export function createOperationLabeler(max = MAX_OPERATION_NAMES): (name: string) => string {
  const seen = new Set<string>();
  return (name) => {
    if (seen.has(name)) return name;
    if (seen.size >= max) return '(other)';
    seen.add(name);
    return name;
  };
}

/** `ok`, or the first error's `extensions.code` (`INTERNAL_SERVER_ERROR` when it has none). */
export function responseStatus(errors: readonly GraphQLFormattedError[] | undefined): string {
  const first = errors?.[0];
  if (!first) return 'ok';
  const code = first.extensions?.['code'];
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

function errorsOf<C extends object>(ctx: GraphQLRequestContextWillSendResponse<C>): readonly GraphQLFormattedError[] | undefined {
  const body = ctx.response.body;
  return body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
}

export function graphqlMetricsPlugin<C extends object>(): ApolloServerPlugin<C> {
  const label = createOperationLabeler();
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(ctx) {
          const op = ctx.operation;
          const operation = op ? label(op.name?.value ?? '(anonymous)') : '(unresolved)';
          graphqlOperationDuration.observe(
            { operation, type: op?.operation ?? 'unknown', status: responseStatus(errorsOf(ctx)) },
            (performance.now() - started) / 1000,
          );
        },
      };
    },
  };
}

/** res.locals key: when (performance.now()) a /graphql request entered the gateway. */
const STARTED = 'graphqlStartedAt';

/** A GraphQL-shaped error body entry, as Apollo writes it. */
export interface RefusalError {
  message: string;
  extensions: { code: string } & Record<string, unknown>;
}

/**
 * Answers a /graphql request that is refused before Apollo (HTTP `status`, body `{ errors }` in
 * Apollo's shape) and, Apollo's plugin never seeing it, times it here: seconds since
 * `timeRefusals` marked the request, status = the first error's code.
 */
export function refuseGraphql(res: Response, status: number, errors: readonly RefusalError[]): void {
  const code = errors[0]?.extensions.code ?? 'INTERNAL_SERVER_ERROR';
  res.status(status).json({ errors });
  const started: unknown = res.locals[STARTED];
  if (typeof started === 'number') graphqlOperationDuration.observe({ operation: '(unresolved)', type: 'unknown', status: code }, (performance.now() - started) / 1000);
}

/**
 * Express middleware for the front of /graphql: marks when the request arrived, so that a
 * refusal before Apollo (`refuseGraphql`) is timed from there. One timestamp per request, no
 * listener.
 */
export function timeRefusals(): RequestHandler {
  return (_req, res, next) => {
    res.locals[STARTED] = performance.now();
    next();
  };
}

/**
 * AppError code → GraphQL `extensions.code`; a database that cannot be reached →
 * SERVICE_UNAVAILABLE. Anything else that is not a known AppError becomes
 * INTERNAL_SERVER_ERROR with its message hidden (it is logged instead); GraphQL's own
 * validation/parse errors keep the codes Apollo gave them.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '@trialgrid/db';
import { isAppError, type ErrorCode } from '@trialgrid/errors';
import { asTokenLimit } from './limits.js';
import type { Logger } from '@trialgrid/logger';

export const GRAPHQL_CODES: Partial<Record<ErrorCode, string>> = {
  INVALID_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  // A command nobody answered in time is an availability problem, not a bug of ours.
  TIMEOUT: 'SERVICE_UNAVAILABLE',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
};

/** Codes that Apollo / graphql-js put on errors they raise themselves (safe to show as is). */
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'LIMIT_EXCEEDED',
]);

function originalOf(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError !== undefined ? error.originalError : error;
}

/** The `formatError` of both Apollo (HTTP) and graphql-ws (subscriptions). */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = originalOf(error);
    // graphql-js reports the token limit as a syntax error; it is a limit like the others.
    if (formatted.extensions?.['code'] === 'GRAPHQL_PARSE_FAILED') {
      const limit = asTokenLimit(formatted);
      if (limit) return { message: limit.message, extensions: { code: 'LIMIT_EXCEEDED', limit: 'tokens' } };
    }
    // Apollo re-codes every validation error GRAPHQL_VALIDATION_FAILED; the limit rules' keep `limit`.
    if (formatted.extensions?.['code'] === 'GRAPHQL_VALIDATION_FAILED' && typeof formatted.extensions['limit'] === 'string') {
      const { stacktrace: _stack, ...extensions } = formatted.extensions;
      return { ...formatted, extensions: { ...extensions, code: 'LIMIT_EXCEEDED' } };
    }
    // Postgres down or restarting: the client should retry later. The driver's message names
    // internal addresses, so it is logged, not shown.
    if (!(isAppError(original) && GRAPHQL_CODES[original.code]) && isDatabaseUnavailable(original)) {
      logger.warn({ err: original instanceof Error ? original.message : String(original), path: formatted.path }, 'database unavailable');
      return {
        message: 'The database is unavailable; try again shortly',
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    if (isAppError(original)) {
      const code = GRAPHQL_CODES[original.code];
      if (code) {
        return {
          ...formatted,
          message: original.message,
          extensions: { code, ...(original.details ? { details: original.details } : {}) },
        };
      }
      logger.error({ code: original.code, err: original.message, path: formatted.path }, 'resolver failed');
      return hidden(formatted);
    }
    // Errors graphql-js / Apollo raised themselves (parse, validation, variable coercion) and
    // GraphQLErrors a resolver threw on purpose: shown as they are.
    const existing = formatted.extensions?.['code'];
    if (original instanceof GraphQLError || (typeof existing === 'string' && PASS_THROUGH.has(existing))) return formatted;
    logger.error(
      { err: original instanceof Error ? original.message : String(original), stack: original instanceof Error ? original.stack : undefined, path: formatted.path },
      'resolver crashed',
    );
    return hidden(formatted);
  };
}

function hidden(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return {
    message: 'Internal server error',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

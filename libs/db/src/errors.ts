import { AppError } from '@trialgrid/errors';

/** The SQLSTATE of a node-postgres error (possibly wrapped by drizzle as `cause`), if any. */
export function pgErrorCode(err: unknown): string | undefined {
  let cur: unknown = err;
  for (let depth = 0; depth < 4 && cur && typeof cur === 'object'; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

function pgDetail(err: unknown): { constraint?: string; detail?: string } {
  let cur: unknown = err;
  for (let depth = 0; depth < 4 && cur && typeof cur === 'object'; depth++) {
    const c = cur as { constraint?: unknown; detail?: unknown; cause?: unknown };
    if (typeof c.constraint === 'string') {
      return { constraint: c.constraint, ...(typeof c.detail === 'string' ? { detail: c.detail } : {}) };
    }
    cur = c.cause;
  }
  return {};
}

/**
 * Translates database errors into the shared vocabulary: unique violation (23505) → CONFLICT,
 * foreign-key violation (23503) → NOT_FOUND, not-null / check violations and malformed input
 * text (23502, 23514, 22P02) → INVALID_INPUT. Anything else is returned unchanged.
 */
export function mapDbError(err: unknown, what = 'record'): unknown {
  if (err instanceof AppError) return err;
  const code = pgErrorCode(err);
  const info = pgDetail(err);
  switch (code) {
    case '23505':
      return new AppError('CONFLICT', `${what} already exists`, { cause: err, details: { ...info } });
    case '23503':
      return new AppError('NOT_FOUND', `${what} refers to a record that does not exist`, { cause: err, details: { ...info } });
    case '23502':
    case '23514':
    case '22P02':
      return new AppError('INVALID_INPUT', `invalid ${what}: ${err instanceof Error ? firstLine(err) : 'rejected by the database'}`, { cause: err, details: { ...info } });
    default:
      return err;
  }
}

// drizzle wraps the pg error as `cause` of "Failed query: <sql>"; the cause has the useful text.
function firstLine(err: Error): string {
  const inner = err.cause instanceof Error ? err.cause : err;
  return inner.message.split('\n')[0] ?? inner.message;
}

/** Runs `fn`, rethrowing database errors mapped by `mapDbError`. */
export async function withDbErrors<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw mapDbError(err, what);
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a syntactically valid uuid; lookups of anything else are NOT_FOUND without a query. */
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/** Socket-level failures of node-postgres (server down, restarting, unreachable). */
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres / pg-pool messages for a connection that died or never came (they carry no code). */
const CONNECTION_MESSAGES = /connection terminated|timeout exceeded when trying to connect|connection ended unexpectedly|client has encountered a connection error|cannot use a pool after calling end/i;

/**
 * True when `err` (or a cause up to four levels down, as drizzle wraps the driver's error)
 * means the database cannot be reached: a socket error, a pool connect timeout, SQLSTATE
 * class 08 (connection exception) or 57P01..57P03 (admin shutdown, crash shutdown, cannot
 * connect now; PostgreSQL manual, Appendix A "PostgreSQL Error Codes"). Such an error is an
 * outage to wait out or report as unavailable, never a fault of the request.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  let cur: unknown = err;
  for (let depth = 0; depth < 5 && cur && typeof cur === 'object'; depth++) {
    const { code, message } = cur as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (CONNECTION_ERRNOS.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
    }
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * One error vocabulary for every package. The `code` travels: the gateway maps it to a
 * GraphQL `extensions.code`, NATS replies carry it, the CLI prints it.
 *
 * ```ts
 * throw new AppError('INVALID_INPUT', 'learningRate must be > 0', { details: { field: 'learningRate' } });
 * ```
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAVAILABLE',
  'DATA_CORRUPT',
  'TIMEOUT',
  'CANCELLED',
  'INTERNAL',
  /** No credentials, or credentials that are unknown, expired or revoked. */
  'UNAUTHENTICATED',
  /** Valid credentials whose role does not allow the operation. */
  'FORBIDDEN',
  /** A request over a gateway limit (depth, cost, aliases, body size, time budget, connections). */
  'LIMIT_EXCEEDED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorOptions {
  cause?: unknown;
  /** Safe-to-show structured details (field names, limits); never secrets. */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
  }

  toJSON(): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export const invalidInput = (message: string, details?: Record<string, unknown>): AppError =>
  new AppError('INVALID_INPUT', message, details ? { details } : {});

export const notFound = (what: string, id: string | number): AppError =>
  new AppError('NOT_FOUND', `${what} ${String(id)} not found`, { details: { what, id } });

export const conflict = (message: string, details?: Record<string, unknown>): AppError =>
  new AppError('CONFLICT', message, details ? { details } : {});

export const unavailable = (message: string, cause?: unknown): AppError =>
  new AppError('UNAVAILABLE', message, cause === undefined ? {} : { cause });

export const unauthenticated = (message = 'authentication required: send Authorization: Bearer <token>'): AppError =>
  new AppError('UNAUTHENTICATED', message);

export const forbidden = (message: string, details?: Record<string, unknown>): AppError =>
  new AppError('FORBIDDEN', message, details ? { details } : {});

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Best-effort message of anything thrown, for logs and failure reasons. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

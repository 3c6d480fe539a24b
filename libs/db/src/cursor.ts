import { AppError } from '@trialgrid/errors';

/**
 * Keyset position in a list ordered by (created_at desc, id desc). `micros` is created_at as
 * whole microseconds since the epoch, kept as a decimal string: a JS Date only holds
 * milliseconds, and Postgres keeps microseconds, so a millisecond cursor could repeat or skip
 * rows that share a millisecond.
 */
export interface KeysetCursor {
  micros: string;
  id: string;
}

const MICROS_RE = /^-?\d{1,19}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque, URL-safe cursor text holding a keyset position: `values` as a JSON array. */
export function encodeCursorTuple(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/**
 * The `length` values of a cursor made by `encodeCursorTuple`; text that is not one (not
 * base64url JSON, not an array of that length) is AppError('INVALID_INPUT', details.field 'after').
 * The values are the caller's to check.
 */
export function decodeCursorTuple(text: string, length: number): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== length) throw invalidCursor();
  return parsed as unknown[];
}

/** The error of a cursor that was not made by this API: AppError('INVALID_INPUT') naming the `after` argument. */
export function invalidCursor(): AppError {
  return new AppError('INVALID_INPUT', 'invalid pagination cursor', { details: { field: 'after' } });
}

/** Opaque, URL-safe cursor text. */
export function encodeCursor(cursor: KeysetCursor): string {
  return encodeCursorTuple([cursor.micros, cursor.id]);
}

/** Parses a cursor made by `encodeCursor`; anything else is AppError('INVALID_INPUT'). */
export function decodeCursor(text: string): KeysetCursor {
  const [micros, id] = decodeCursorTuple(text, 2);
  if (typeof micros !== 'string' || !MICROS_RE.test(micros) || typeof id !== 'string' || !UUID_RE.test(id)) throw invalidCursor();
  return { micros, id };
}

/** Checks a page size: an integer in [1, max]. */
export function checkPageSize(first: number, max = 500, field = 'first'): number {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new AppError('INVALID_INPUT', `${field} must be an integer between 1 and ${max}`, { details: { field, max } });
  }
  return first;
}

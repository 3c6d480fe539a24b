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

/** Opaque, URL-safe cursor text. */
export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.micros, cursor.id]), 'utf8').toString('base64url');
}

/** Parses a cursor made by `encodeCursor`; anything else is AppError('INVALID_INPUT'). */
export function decodeCursor(text: string): KeysetCursor {
  const bad = () => new AppError('INVALID_INPUT', 'invalid pagination cursor', { details: { field: 'after' } });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw bad();
  const [micros, id] = parsed as unknown[];
  if (typeof micros !== 'string' || !MICROS_RE.test(micros) || typeof id !== 'string' || !UUID_RE.test(id)) throw bad();
  return { micros, id };
}

/** Checks a page size: an integer in [1, max]. */
export function checkPageSize(first: number, max = 500, field = 'first'): number {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new AppError('INVALID_INPUT', `${field} must be an integer between 1 and ${max}`, { details: { field, max } });
  }
  return first;
}

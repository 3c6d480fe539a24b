/**
 * Rules for text that crosses a boundary and may end up in Postgres. Postgres `text` cannot
 * hold U+0000 (it answers SQLSTATE 22021), and a lone UTF-16 surrogate has no UTF-8 form, so
 * both are refused here, where the field is still known, instead of failing in the database.
 */
import { z } from 'zod';

// Not a `u` regex: it must see UTF-16 code units to find an unpaired surrogate.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` can be stored in a Postgres text column as it is (no NUL, no lone surrogate). */
export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** Why `s` cannot be stored, or undefined when it can. */
export function unstorableReason(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (UNSTORABLE.test(s)) return 'must be valid Unicode (it holds an unpaired surrogate)';
  return undefined;
}

/** A string that can be stored: no NUL, no unpaired surrogate. */
export const storableText = z.string().refine(isStorableText, { error: (iss) => unstorableReason(String(iss.input)) ?? 'not storable text' });

/** A trimmed, non-empty, storable name of at most `max` characters. */
export function nameText(what: string, max: number) {
  return storableText
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(max, { error: `${what} must be at most ${max} characters` });
}


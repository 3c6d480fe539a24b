/**
 * From a zod failure to the shared error vocabulary: every rule of this package reports a
 * problem as `AppError('INVALID_INPUT', message, { details: { field, issues } })`, `field`
 * being the dotted path of the offending value (`searchSpace.trials.1.learningRate`). The
 * gateway turns that into GraphQL `BAD_USER_INPUT` with `extensions.field`, the CLI into a
 * message and exit code 1.
 */
import type { z } from 'zod';
import { AppError } from '@trialgrid/errors';

/** `a.b.0.c` from a zod path, after an optional prefix. */
export function fieldPath(path: readonly PropertyKey[], prefix = ''): string {
  const parts = path.map((p) => String(p));
  return [prefix, ...parts].filter((p) => p.length > 0).join('.');
}

/** INVALID_INPUT naming `field` (dotted path), with extra safe details. */
export function invalidField(field: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('INVALID_INPUT', message, { details: { field, ...extra } });
}

const listed = (values: readonly unknown[]): string => values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');

/**
 * One zod issue in the house wording of bounds and choices ("must be > 0", "must be one of relu,
 * softmax, linear", "must have at most 64 characters") instead of zod's ("Too small: expected
 * number to be >0", "Invalid option: expected one of …"); messages a rule wrote itself (custom
 * refinements) are kept as they are.
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  // zod's own wording starts "Too small:", "Too big:", "Invalid option:", "Invalid input:", …
  if (!/^(Too small|Too big|Invalid option|Invalid input|Invalid number): /.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small ? issue.minimum : issue.maximum;
      const inclusive = issue.inclusive !== false;
      const count = (noun: string): string => `must have ${small ? 'at least' : 'at most'} ${String(bound)} ${noun}${Number(bound) === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return count('character');
      if (issue.origin === 'array' || issue.origin === 'set') return count('item');
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return `must be ${small ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<'} ${String(bound)}`;
      }
      return issue.message;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${listed(issue.values)}` : `must be one of ${listed(issue.values)}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message;
  }
}

/** The first zod issue as an INVALID_INPUT AppError naming its field (all issues in details.issues, at most 10). */
export function zodToAppError(error: z.ZodError, prefix = ''): AppError {
  const issue = error.issues[0];
  if (!issue) return invalidField(prefix || '(root)', 'invalid input');
  let path = issue.path;
  let message = issueMessage(issue);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    path = [...issue.path, key];
    message = `unknown field ${key}`;
  } else if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    message = `${fieldPath(path) || 'value'} is required`;
  }
  const field = fieldPath(path, prefix) || '(root)';
  const last = String(path[path.length - 1] ?? '');
  return invalidField(field, last && message.includes(last) ? message : `${field}: ${message}`, {
    issues: error.issues.slice(0, 10).map((i) => ({ field: fieldPath(i.path, prefix), message: issueMessage(i) })),
  });
}

/** `schema.parse(value)`, throwing the INVALID_INPUT of zodToAppError instead of a ZodError. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw zodToAppError(parsed.error, prefix);
  return parsed.data;
}

/**
 * GraphQL sends explicit `null` for omitted optional inputs. Object keys holding null are
 * dropped so defaults apply; array elements are kept (and rejected if null).
 */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties: a "__proto__" key stays a key (refused later as unknown)
    // instead of replacing the prototype as an assignment would.
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, dropNulls(v)]),
    );
  }
  return value;
}

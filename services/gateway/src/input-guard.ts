/**
 * The gateway's guard on every value a client sends, before any resolver runs: numbers must be
 * finite and text must be storable, wherever they appear (literals in the document, or inside
 * JSON variables). graphql-js parses a Float literal such as `1e999` to Infinity without
 * complaint, and Postgres refuses U+0000 in text; both are refused here as BAD_USER_INPUT
 * naming where the value was, so no lookup or mutation can turn them into an internal error.
 */
import { GraphQLError, visit, type DocumentNode } from 'graphql';
import { unstorableReason } from '@trialgrid/contracts';

function refuse(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', details: { field }, http: { status: 400 } } });
}

/** Throws BAD_USER_INPUT for the first non-finite number or unstorable string in `value` (JSON from variables). */
function checkValue(value: unknown, field: string): void {
  if (typeof value === 'string') {
    const why = unstorableReason(value);
    if (why) throw refuse(field, why);
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw refuse(field, 'must be a finite number');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkValue(v, `${field}.${i}`));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const why = unstorableReason(k);
      if (why) throw refuse(field, `a key ${why}`);
      checkValue(v, `${field}.${k}`);
    }
  }
}

/**
 * Checks the literals of an operation and its variables. Throws a GraphQLError with
 * `extensions.code` BAD_USER_INPUT and `extensions.details.field` (argument path, or `$variable.path`).
 */
export function guardOperationInputs(document: DocumentNode, variables: Record<string, unknown> | undefined): void {
  const path: string[] = [];
  visit(document, {
    Argument: {
      enter(node) {
        path.push(node.name.value);
      },
      leave() {
        path.pop();
      },
    },
    ObjectField: {
      enter(node) {
        path.push(node.name.value);
      },
      leave() {
        path.pop();
      },
    },
    FloatValue(node) {
      if (!Number.isFinite(Number.parseFloat(node.value))) throw refuse(path.join('.') || 'value', `${node.value} is not a finite number`);
    },
    IntValue(node) {
      if (!Number.isFinite(Number.parseFloat(node.value))) throw refuse(path.join('.') || 'value', `${node.value} is not a finite number`);
    },
    StringValue(node) {
      const why = unstorableReason(node.value);
      if (why) throw refuse(path.join('.') || 'value', why);
    },
  });
  for (const [name, value] of Object.entries(variables ?? {})) checkValue(value, `$${name}`);
}


import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@trialgrid/errors';
import { isDatabaseUnavailable, isUuid, mapDbError, pgErrorCode } from './errors.js';

// Shaped like drizzle's DrizzleQueryError wrapping a node-postgres DatabaseError.
function wrapped(code: string, constraint?: string): Error {
  const pgErr = Object.assign(new Error('duplicate key value violates unique constraint'), { code, constraint, detail: 'Key (x)=(1) already exists.' });
  return new Error('Failed query: insert ...', { cause: pgErr });
}

test('pgErrorCode finds the SQLSTATE through a wrapping error', () => {
  assert.equal(pgErrorCode(wrapped('23505')), '23505');
  assert.equal(pgErrorCode(new Error('plain')), undefined);
  assert.equal(pgErrorCode(Object.assign(new Error('node'), { code: 'ECONNREFUSED' })), undefined);
});

test('mapDbError maps unique, foreign-key and input violations', () => {
  const conflict = mapDbError(wrapped('23505', 'registered_models_name_unique'), 'model');
  assert.ok(conflict instanceof AppError);
  assert.equal(conflict.code, 'CONFLICT');
  assert.equal(conflict.details?.['constraint'], 'registered_models_name_unique');
  assert.equal((mapDbError(wrapped('23503')) as AppError).code, 'NOT_FOUND');
  assert.equal((mapDbError(wrapped('23502')) as AppError).code, 'INVALID_INPUT');
  const other = new Error('boom');
  assert.equal(mapDbError(other), other);
  const app = new AppError('TIMEOUT', 't');
  assert.equal(mapDbError(app), app);
});

test('isUuid', () => {
  assert.ok(isUuid('0f8fad5b-d9cb-469f-a165-70867728950e'));
  assert.ok(!isUuid('0f8fad5b-d9cb-469f-a165-70867728950'));
  assert.ok(!isUuid("x' or 1=1"));
});

test('isDatabaseUnavailable: socket errors, pool timeouts and SQLSTATE 08xxx/57P0x, also as a cause', () => {
  const errno = (code: string) => Object.assign(new Error(code), { code });
  for (const e of [errno('ECONNREFUSED'), errno('ECONNRESET'), errno('08006'), errno('57P01'), errno('57P03'), new Error('Connection terminated unexpectedly'), new Error('timeout exceeded when trying to connect')]) {
    assert.equal(isDatabaseUnavailable(e), true, e.message);
    assert.equal(isDatabaseUnavailable(new Error('Failed query: select 1', { cause: e })), true, `wrapped ${e.message}`);
  }
  for (const e of [errno('23505'), errno('42601'), new Error('syntax error'), 'ECONNREFUSED', undefined]) assert.equal(isDatabaseUnavailable(e), false, String(e));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GraphQLError } from 'graphql';
import { AppError } from '@trialgrid/errors';
import { silentLogger } from '@trialgrid/logger';
import { createFormatError } from './errors.js';

const format = createFormatError(silentLogger());

function fromResolver(err: Error): GraphQLError {
  return new GraphQLError(err.message, { originalError: err, path: ['x'] });
}

test('AppError codes map to extensions.code with their message and details', () => {
  const cases: [AppError['code'], string][] = [
    ['INVALID_INPUT', 'BAD_USER_INPUT'],
    ['NOT_FOUND', 'NOT_FOUND'],
    ['CONFLICT', 'CONFLICT'],
    ['UNAVAILABLE', 'SERVICE_UNAVAILABLE'],
    ['TIMEOUT', 'SERVICE_UNAVAILABLE'],
  ];
  for (const [code, expected] of cases) {
    const err = fromResolver(new AppError(code, `m-${code}`, { details: { field: 'f' } }));
    const out = format({ message: err.message, path: ['x'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, err);
    assert.equal(out.extensions?.['code'], expected);
    assert.equal(out.message, `m-${code}`);
    assert.deepEqual(out.extensions?.['details'], { field: 'f' });
  }
});

test('other AppErrors and plain errors are hidden as INTERNAL_SERVER_ERROR', () => {
  for (const e of [new AppError('DATA_CORRUPT', 'row 7 is broken'), new Error('connection string postgres://secret')]) {
    const err = fromResolver(e);
    const out = format({ message: err.message, path: ['x'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['...'] } }, err);
    assert.deepEqual(out, { message: 'Internal server error', path: ['x'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
});

test("graphql's own errors keep their codes and messages", () => {
  const validation = new GraphQLError('Cannot query field "nope" on type "Query".');
  const formatted = { message: validation.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  assert.deepEqual(format(formatted, validation), formatted);
  const coercion = new GraphQLError('Variable "$n" got invalid value', { originalError: new TypeError('Int cannot represent') });
  const coerced = { message: coercion.message, extensions: { code: 'BAD_USER_INPUT' } };
  assert.deepEqual(format(coerced, coercion), coerced);
});

test('a database that cannot be reached is SERVICE_UNAVAILABLE, without the driver message', () => {
  // What drizzle throws while Postgres is down: "Failed query" with the socket error as cause.
  const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' });
  const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
  for (const cause of [refused, shutdown, new Error('Connection terminated unexpectedly'), new Error('timeout exceeded when trying to connect')]) {
    const err = fromResolver(new Error('Failed query: select "id" from "experiments"', { cause }));
    const out = format({ message: err.message, path: ['x'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, err);
    assert.equal(out.extensions?.['code'], 'SERVICE_UNAVAILABLE', cause.message);
    assert.doesNotMatch(out.message, /10\.0\.0\.7|5432|select/);
  }
  // A query that reached the database and failed there is still a server error.
  const syntax = fromResolver(new Error('Failed query', { cause: Object.assign(new Error('syntax error'), { code: '42601' }) }));
  assert.equal(format({ message: 'x', path: ['x'] }, syntax).extensions?.['code'], 'INTERNAL_SERVER_ERROR');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, errorMessage, invalidInput, isAppError, notFound } from './index.js';

test('AppError keeps code, details and cause', () => {
  const cause = new Error('socket closed');
  const err = new AppError('UNAVAILABLE', 'nats is down', { cause, details: { url: 'nats://x' } });
  assert.equal(err.code, 'UNAVAILABLE');
  assert.equal(err.cause, cause);
  assert.deepEqual(err.toJSON(), { code: 'UNAVAILABLE', message: 'nats is down', details: { url: 'nats://x' } });
  assert.ok(isAppError(err));
  assert.ok(!isAppError(cause));
});

test('helpers build the right codes', () => {
  assert.equal(invalidInput('bad').code, 'INVALID_INPUT');
  const nf = notFound('trial', 'abc');
  assert.equal(nf.code, 'NOT_FOUND');
  assert.match(nf.message, /trial abc not found/);
});

test('errorMessage handles non-errors', () => {
  assert.equal(errorMessage('x'), 'x');
  assert.equal(errorMessage({ a: 1 }), '{"a":1}');
  assert.equal(errorMessage(new TypeError('t')), 't');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPageSize, decodeCursor, encodeCursor } from './cursor.js';

const id = '0f8fad5b-d9cb-469f-a165-70867728950e';

test('a cursor round-trips and is URL-safe', () => {
  const c = { micros: '1795689600123456', id };
  const text = encodeCursor(c);
  assert.match(text, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeCursor(text), c);
});

test('malformed cursors are INVALID_INPUT', () => {
  const bad = ['', 'not-base64!', Buffer.from('{"a":1}').toString('base64url'), encodeCursor({ micros: '12.5', id }), encodeCursor({ micros: '1', id: 'nope' })];
  for (const text of bad) {
    assert.throws(() => decodeCursor(text), (err: unknown) => (err as { code?: string }).code === 'INVALID_INPUT', text);
  }
});

test('page sizes are checked', () => {
  assert.equal(checkPageSize(10), 10);
  for (const n of [0, -1, 1.5, 501, Number.NaN]) assert.throws(() => checkPageSize(n));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPageSize, decodeCursor, decodeCursorTuple, encodeCursor, encodeCursorTuple } from './cursor.js';

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

test('a cursor tuple round-trips; a tuple of another length, or no tuple, is INVALID_INPUT', () => {
  assert.deepEqual(decodeCursorTuple(encodeCursorTuple([null, 3]), 2), [null, 3]);
  assert.deepEqual(decodeCursorTuple(encodeCursorTuple([{ a: 1 }]), 1), [{ a: 1 }]);
  for (const text of [encodeCursorTuple([1, 2, 3]), Buffer.from('{"0":1,"1":2}').toString('base64url'), '%%']) {
    assert.throws(() => decodeCursorTuple(text, 2), (err: unknown) => (err as { code?: string; details?: { field?: string } }).code === 'INVALID_INPUT', text);
  }
});

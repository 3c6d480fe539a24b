import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonNumbers, jsonObject } from './json.js';

test('jsonObject: plain objects as they are, {} for anything else', () => {
  const o = { a: 1, b: 'x' };
  assert.equal(jsonObject(o), o);
  for (const v of [null, undefined, 3, 'text', [1, 2], true]) assert.deepEqual(jsonObject(v), {});
});

test('jsonNumbers: only finite numbers survive', () => {
  assert.deepEqual(jsonNumbers({ acc: 0.9, loss: null, name: 'x', inf: Number.POSITIVE_INFINITY, n: Number.NaN, epochs: 3 }), { acc: 0.9, epochs: 3 });
  assert.deepEqual(jsonNumbers([0.5]), {});
});

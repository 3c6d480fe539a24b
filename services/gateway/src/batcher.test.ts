import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Batcher } from './batcher.js';

test('loads in the same tick share one batch; repeated keys are fetched once', async () => {
  const calls: string[][] = [];
  const b = new Batcher<string, number | null>(async (keys) => {
    calls.push([...keys]);
    return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.length]));
  }, () => null);
  const [a, bb, again, missing] = await Promise.all([b.load('a'), b.load('bb'), b.load('a'), b.load('missing')]);
  assert.deepEqual([a, bb, again, missing], [1, 2, 1, null]);
  assert.deepEqual(calls, [['a', 'bb', 'missing']]);
  assert.equal(await b.load('bb'), 2);
  assert.equal(calls.length, 1, 'cached for the rest of the request');
  assert.deepEqual(await b.loadMany(['ccc', 'a']), [3, 1]);
  assert.deepEqual(calls, [['a', 'bb', 'missing'], ['ccc']]);
});

test('loads issued from resolved promises of the same tick still batch', async () => {
  const calls: number[] = [];
  const b = new Batcher<number, number>(async (keys) => {
    calls.push(keys.length);
    return new Map(keys.map((k) => [k, k * 2]));
  }, () => -1);
  const values = await Promise.all([1, 2, 3].map(async (k) => {
    await Promise.resolve();
    return b.load(k);
  }));
  assert.deepEqual(values, [2, 4, 6]);
  assert.deepEqual(calls, [3]);
});

test('a failed batch rejects its loads and is not cached', async () => {
  let fail = true;
  const b = new Batcher<string, string>(async (keys) => {
    if (fail) throw new Error('db down');
    return new Map(keys.map((k) => [k, k.toUpperCase()]));
  }, () => '');
  await assert.rejects(b.load('x'), /db down/);
  fail = false;
  assert.equal(await b.load('x'), 'X');
});

test('prime seeds the cache without a query', async () => {
  let calls = 0;
  const b = new Batcher<string, string>(async () => {
    calls++;
    return new Map();
  }, () => 'fallback');
  b.prime('k', 'primed');
  assert.equal(await b.load('k'), 'primed');
  assert.equal(calls, 0);
});

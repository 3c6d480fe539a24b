import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paramImportance } from './importance.js';

test('a parameter that alone decides the objective has importance 1; one unrelated to it has 0', () => {
  const trials = [];
  for (const lr of [0.001, 0.01]) for (const seed of [1, 2, 3]) trials.push({ params: { lr, seed }, objective: lr === 0.001 ? 0.98 : 0.9 });
  const out = paramImportance(trials);
  assert.deepEqual(out.map((p) => [p.param, Number(p.importance.toFixed(6)), p.groups, p.trials]), [
    ['lr', 1, 2, 6],
    ['seed', 0, 3, 6],
  ]);
});

test('η² by hand: two groups with means 2 and 4 around 3, within-group spread 1', () => {
  // y: 1,3 | 3,5 -> mean 3; SS_total = 4+0+0+4 = 8; SS_between = 2*(2-3)^2 + 2*(4-3)^2 = 4 -> 0.5
  const out = paramImportance([
    { params: { a: 'x' }, objective: 1 },
    { params: { a: 'x' }, objective: 3 },
    { params: { a: 'y' }, objective: 3 },
    { params: { a: 'y' }, objective: 5 },
  ]);
  assert.equal(out[0]!.importance, 0.5);
});

test('many numeric values are binned into at most 5 rank groups; constant params and objectives are handled', () => {
  const trials = Array.from({ length: 50 }, (_, i) => ({ params: { lr: 0.0001 * (i + 1), fixed: 3 }, objective: i }));
  const [lr, ...rest] = paramImportance(trials);
  assert.equal(lr!.param, 'lr');
  assert.equal(lr!.groups, 5);
  assert.ok(lr!.importance > 0.9);
  assert.deepEqual(rest, [], 'a parameter with one value is omitted');
  assert.equal(paramImportance([{ params: { a: 1 }, objective: 1 }, { params: { a: 2 }, objective: 1 }])[0]!.importance, 0);
  assert.deepEqual(paramImportance([]), []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@trialgrid/errors';
import { checkCreateExperimentInput, withoutNulls } from './validate.js';
import type { CreateExperimentInput } from './generated/graphql.js';

function rejects(input: CreateExperimentInput, field: string, max = 1000): void {
  assert.throws(
    () => checkCreateExperimentInput(input, max),
    (err: unknown) => err instanceof AppError && err.code === 'INVALID_INPUT' && err.details?.['field'] === field,
  );
}

test('grid size is the product of the value counts and is capped by MAX_GRID_TRIALS', () => {
  const grid = (a: number, b: number): CreateExperimentInput => ({
    name: 'g',
    searchSpace: {
      algorithm: 'GRID',
      parameters: [
        { name: 'filters', values: Array.from({ length: a }, (_, i) => i + 1) },
        { name: 'batchSize', values: Array.from({ length: b }, (_, i) => i + 1) },
      ],
    },
  });
  assert.equal(checkCreateExperimentInput(grid(10, 100), 1000), 1000);
  rejects(grid(11, 100), 'searchSpace.parameters');
  rejects(grid(3, 3), 'searchSpace.parameters', 8);
});

test('negative or zero learning rates are rejected wherever they appear', () => {
  rejects({ name: 'x', searchSpace: { algorithm: 'EXPLICIT', trials: [{}, { learningRate: -0.1 }] } }, 'searchSpace.trials.1.learningRate');
  rejects({ name: 'x', searchSpace: { algorithm: 'GRID', base: { learningRate: 0 }, parameters: [{ name: 'epochs', values: [1] }] } }, 'searchSpace.base.learningRate');
  rejects({ name: 'x', searchSpace: { algorithm: 'GRID', parameters: [{ name: 'learning_rate', values: [0.01, -1] }] } }, 'searchSpace.parameters.0.values');
  rejects({ name: 'x', searchSpace: { algorithm: 'RANDOM', trialCount: 3, parameters: [{ name: 'learningRate', min: -1, max: 0.1, log: true }] } }, 'searchSpace.parameters.0.min');
});

test('structure: a search space or a preset, counts and limits', () => {
  rejects({ name: 'x' }, 'searchSpace');
  rejects({ name: 'x', preset: 'DOCUMENTED_RUNS', searchSpace: { algorithm: 'EXPLICIT', trials: [{}] } }, 'preset');
  rejects({ name: ' ', preset: 'DOCUMENTED_RUNS' }, 'name');
  rejects({ name: 'x', preset: 'DOCUMENTED_RUNS', maxParallelTrials: 0 }, 'maxParallelTrials');
  rejects({ name: 'x', preset: 'DOCUMENTED_RUNS', epochs: 0 }, 'epochs');
  rejects({ name: 'x', searchSpace: { algorithm: 'EXPLICIT', trials: [] } }, 'searchSpace.trials');
  rejects({ name: 'x', searchSpace: { algorithm: 'RANDOM', trialCount: 1001 } }, 'searchSpace.trialCount');
  rejects({ name: 'x', searchSpace: { algorithm: 'EXPLICIT', trials: [{ convDropout: 1 }] } }, 'searchSpace.trials.0.convDropout');
  assert.equal(checkCreateExperimentInput({ name: 'x', preset: 'DOCUMENTED_RUNS' }, 1000), undefined);
  assert.equal(checkCreateExperimentInput({ name: 'x', searchSpace: { algorithm: 'RANDOM', trialCount: 12 } }, 1000), 12);
});

test('withoutNulls drops null object fields (GraphQL "not given") but keeps array items and falsy values', () => {
  assert.deepEqual(withoutNulls({ a: null, b: 0, c: false, d: { e: null, f: [1, { g: null, h: '' }] } }), { b: 0, c: false, d: { f: [1, { h: '' }] } });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { AppError } from '@trialgrid/errors';
import { parseOrThrow } from './issues.js';
import { MNIST_SHAPE, resolveModel } from './index.js';

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, 'INVALID_INPUT');
    return err.message;
  }
  assert.fail('expected INVALID_INPUT');
};

test("zod's own wording of bounds and choices becomes the house wording; a rule's own message is kept", () => {
  const schema = z.strictObject({
    kernelSize: z.number().int().positive().optional(),
    rate: z.number().min(0).lt(1).optional(),
    name: z.string().max(4).optional(),
    tags: z.array(z.string()).min(1).optional(),
    activation: z.enum(['relu', 'softmax', 'linear']).optional(),
    kind: z.literal('dense').optional(),
    batchSize: z.number().max(8192, 'batchSize must be an integer in 1..8192').optional(),
  });
  assert.equal(messageOf(() => parseOrThrow(schema, { kernelSize: 0 })), 'kernelSize: must be > 0');
  assert.equal(messageOf(() => parseOrThrow(schema, { rate: 1 })), 'rate: must be < 1');
  assert.equal(messageOf(() => parseOrThrow(schema, { rate: -0.5 })), 'rate: must be >= 0');
  assert.equal(messageOf(() => parseOrThrow(schema, { name: 'toolong' })), 'name: must have at most 4 characters');
  assert.equal(messageOf(() => parseOrThrow(schema, { tags: [] })), 'tags: must have at least 1 item');
  assert.equal(messageOf(() => parseOrThrow(schema, { activation: 'softmaxx' })), 'activation: must be one of relu, softmax, linear');
  assert.equal(messageOf(() => parseOrThrow(schema, { kind: 'conv' })), 'kind: must be dense');
  assert.equal(messageOf(() => parseOrThrow(schema, { batchSize: 10_000 })), 'batchSize must be an integer in 1..8192');
});

test('the model language reports a bad kernel size or activation in those words, naming the layer field', () => {
  const bad = (layer: Record<string, unknown>): string =>
    messageOf(() => resolveModel({ layers: [layer, { type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }] }, {}, MNIST_SHAPE));
  assert.match(bad({ type: 'conv2d', filters: 8, kernelSize: 0 }), /model\.layers\.0\.kernelSize: must be > 0/);
  assert.doesNotMatch(bad({ type: 'conv2d', filters: 8, kernelSize: 0 }), /Too small/);
});

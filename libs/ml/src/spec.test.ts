import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '@trialgrid/errors';
import { buildSpec, countParams, layerShapes, presetSpec, PRESET_RUNS } from './spec.js';

describe('model specs', () => {
  test('the seed architectures and their true parameter counts', () => {
    const baseline = presetSpec('baseline');
    assert.deepEqual(baseline.layers, [
      { type: 'conv2d', filters: 32, kernelSize: 3, activation: 'relu' },
      { type: 'maxPooling2d', poolSize: 2 },
      { type: 'flatten' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ]);
    // SEED.md says "~5,450"; the architecture as written has 320 + 5408·10 + 10.
    assert.equal(countParams(baseline), 54_410);
    const enhanced = presetSpec('enhanced');
    assert.deepEqual(
      enhanced.layers.map((l) => l.type),
      ['conv2d', 'maxPooling2d', 'dropout', 'flatten', 'dense', 'dropout', 'dense'],
    );
    assert.equal(countParams(enhanced), 1_386_506);
    assert.deepEqual(presetSpec('optimized').layers, enhanced.layers);
    assert.equal(presetSpec('optimized').modelType, 'optimized');
    assert.deepEqual(layerShapes(enhanced), [[26, 26, 64], [13, 13, 64], [13, 13, 64], [10816], [128], [128], [10]]);
  });

  test('PRESET_RUNS are the three documented runs', () => {
    assert.deepEqual(
      PRESET_RUNS.map((r) => [r.name, r.preset, r.params.learningRate, r.params.batchSize, r.params.epochs, r.params.validationSplit, r.params.seed]),
      [
        ['run_1_baseline', 'baseline', 0.001, 128, 5, 0.1, 42],
        ['run_2_enhanced', 'enhanced', 0.001, 128, 5, 0.1, 42],
        ['run_3_optimized', 'optimized', 0.0005, 64, 5, 0.1, 42],
      ],
    );
    assert.deepEqual(PRESET_RUNS[1]!.arch, { filters: 64, hiddenUnits: 128, convDropout: 0.25, denseDropout: 0.5 });
  });

  test('architecture knobs override presets; a custom spec counts correctly', () => {
    const s = presetSpec('enhanced', { hiddenUnits: 64, convDropout: 0 });
    assert.deepEqual(s.layers.map((l) => l.type), ['conv2d', 'maxPooling2d', 'flatten', 'dense', 'dropout', 'dense']);
    assert.equal(countParams(s), 640 + 10816 * 64 + 64 + 64 * 10 + 10);
    assert.equal(buildSpec({ filters: 8 }).modelType, 'custom');
    assert.equal(countParams(buildSpec({ filters: 8 })), 80 + 13 * 13 * 8 * 10 + 10);
  });

  test('invalid knobs are INVALID_INPUT', () => {
    for (const arch of [{ filters: 0 }, { filters: 2.5 }, { hiddenUnits: -1 }, { convDropout: 1 }, { denseDropout: -0.1 }]) {
      assert.throws(() => buildSpec(arch), (e: unknown) => e instanceof AppError && e.code === 'INVALID_INPUT');
    }
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatCount, formatMetric, formatMs, formatNumber, formatParam, formatPercent, formatSeconds, quantityOf } from './index.js';

test('accuracy is a percentage with two decimals everywhere', () => {
  assert.equal(formatPercent(0.924), '92.40 %');
  assert.equal(formatMetric('test_accuracy', 0.924), '92.40 %');
  assert.equal(formatMetric('val_accuracy', 0.99125), '99.13 %');
  assert.equal(formatMetric('worst_class_accuracy', 0.8), '80.00 %');
  assert.equal(formatMetric('class_bias_gap', 0.0312), '3.12 %');
});

test('sizes in KB / MB (binary), never raw byte counts', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(229_512), '224.1 KB');
  assert.equal(formatBytes(10 * 1024 * 1024), '10.00 MB');
  assert.equal(formatMetric('model_size_bytes', 1_500_000), '1.43 MB');
  assert.equal(formatMetric('sizeBytes', 2048), '2.00 KB');
});

test('latency with three significant digits (the "16.2489 ms" of the issue)', () => {
  assert.equal(formatMs(16.2489), '16.2 ms');
  assert.equal(formatMs(0.8412), '0.841 ms');
  assert.equal(formatMs(0.05), '50 µs');
  assert.equal(formatMs(1250.4), '1,250 ms');
  assert.equal(formatMetric('inference_latency_ms_b1', 3.14159), '3.14 ms');
});

test('durations, counts and plain numbers', () => {
  assert.equal(formatSeconds(12.34), '12.3 s');
  assert.equal(formatSeconds(245), '4 min 05 s');
  assert.equal(formatSeconds(3720), '1 h 02 min');
  assert.equal(formatMetric('training_seconds', 61), '1 min 01 s');
  assert.equal(formatCount(10000), '10,000');
  assert.equal(formatMetric('param_count', 1199882), '1,199,882');
  assert.equal(formatMetric('test_loss', 0.231456), '0.2315');
  assert.equal(formatMetric('images_per_second', 1834.567), '1834.6');
  assert.equal(formatNumber(1e-6), '1.000e-6');
  assert.equal(formatMetric('x', null), '–');
  assert.equal(formatMetric('x', Number.NaN), '–');
});

test('quantities inferred from names; batch size is a count, not bytes', () => {
  assert.equal(quantityOf('batch_size'), 'count');
  assert.equal(quantityOf('model_size_bytes'), 'bytes');
  assert.equal(quantityOf('conv_dropout'), 'fraction');
  assert.equal(quantityOf('learning_rate'), 'number');
});

test('hyperparameters keep their input form', () => {
  assert.equal(formatParam(0.0005), '0.0005');
  assert.equal(formatParam(0.00001), '1e-5');
  assert.equal(formatParam(128), '128');
  assert.equal(formatParam('baseline'), 'baseline');
  assert.equal(formatParam(0.1 + 0.2), '0.3');
});

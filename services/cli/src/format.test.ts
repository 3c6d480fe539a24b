import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellText, formatDuration, formatNumber, formatTable, percent, progressBar, visibleWidth } from './format.js';

test('formatTable aligns columns, right-aligns numeric ones, shows - for missing', () => {
  const out = formatTable(
    ['trial', 'acc', 'note'],
    [
      ['run_1_baseline', 0.9812, null],
      ['run_2', 0.99, 'long note here'],
    ],
  );
  assert.equal(
    out,
    ['trial              acc  note', '--------------  ------  --------------', 'run_1_baseline  0.9812  -', 'run_2             0.99  long note here'].join('\n'),
  );
});

test('formatTable honours explicit alignment and ignores ANSI escapes in widths', () => {
  const out = formatTable(['a', 'b'], [['\x1b[32mok\x1b[0m', 'x']], { alignRight: [] });
  assert.equal(out.split('\n')[2], '\x1b[32mok\x1b[0m  x');
  assert.equal(visibleWidth('\x1b[1mbold\x1b[0m'), 4);
});

test('formatNumber', () => {
  assert.equal(formatNumber(3), '3');
  assert.equal(formatNumber(0.123456), '0.1235');
  assert.equal(formatNumber(0.5), '0.5');
  assert.equal(formatNumber(123.456), '123.5');
  assert.equal(formatNumber(0.00001234), '1.234e-5');
  assert.equal(cellText(undefined), '-');
  assert.equal(cellText(true), 'true');
});

test('progressBar clamps and rounds', () => {
  assert.equal(progressBar(0.5, 10), '[#####.....]  50%');
  assert.equal(progressBar(2, 4), '[####] 100%');
  assert.equal(progressBar(Number.NaN, 4), '[....]   0%');
});

test('durations and percentages', () => {
  assert.equal(formatDuration(12.34), '12.3 s');
  assert.equal(formatDuration(65), '1 min 05 s');
  assert.equal(formatDuration(3725), '1 h 02 min');
  assert.equal(formatDuration(undefined), '-');
  assert.equal(percent(0.99123), '99.12 %');
  assert.equal(percent(null), '-');
});

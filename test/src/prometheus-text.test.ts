import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScrape } from './prometheus-text.js';

test('parseScrape reads gauges, counters and histogram series with escaped labels', () => {
  const m = parseScrape(
    [
      '# HELP t_trials Trials.',
      '# TYPE t_trials gauge',
      't_trials{state="QUEUED"} 2',
      't_trials{state="RUNNING"} 1',
      '# TYPE t_lat_seconds histogram',
      't_lat_seconds_bucket{le="0.5",op="A"} 1',
      't_lat_seconds_bucket{le="+Inf",op="A"} 3',
      't_lat_seconds_sum{op="A"} 2.5',
      't_lat_seconds_count{op="A"} 3',
      't_lat_seconds_count{op="B \\"quoted\\", comma"} 4',
      'up 1 1700000000000',
      'lag_seconds Nan',
      'low -Inf',
      '',
    ].join('\n'),
  );
  assert.deepEqual([...m.names], ['t_trials', 't_lat_seconds']);
  assert.equal(m.value('t_trials'), 3);
  assert.equal(m.value('t_trials', { state: 'QUEUED' }), 2);
  assert.equal(m.value('t_trials', { state: 'FAILED' }), 0);
  assert.equal(m.histogramCount('t_lat_seconds'), 7);
  assert.equal(m.histogramCount('t_lat_seconds', { op: 'B "quoted", comma' }), 4);
  assert.equal(m.value('t_lat_seconds_bucket', { le: '+Inf' }), 3);
  assert.equal(m.value('up'), 1);
  assert.ok(Number.isNaN(m.value('lag_seconds')));
  assert.equal(m.value('low'), -Infinity);
  assert.throws(() => parseScrape('t_trials{state="QUEUED} 2'), /bad labels|not a sample/);
  assert.throws(() => parseScrape('garbage line'), /not a sample line/);
});

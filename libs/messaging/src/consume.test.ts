import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@trialgrid/errors';
import { backoffDelay, isRetryable } from './consume.js';

describe('ack policy', () => {
  it('retries unknown errors and UNAVAILABLE, not INVALID_INPUT/NOT_FOUND/CONFLICT/DATA_CORRUPT', () => {
    assert.equal(isRetryable(new Error('boom')), true);
    assert.equal(isRetryable(new AppError('UNAVAILABLE', 'db down')), true);
    for (const code of ['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT', 'DATA_CORRUPT'] as const) {
      assert.equal(isRetryable(new AppError(code, 'x')), false, code);
    }
  });

  it('backs off exponentially with a cap', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 10].map((n) => backoffDelay(n, { initialMs: 100, maxMs: 1000 })),
      [100, 200, 400, 800, 1000],
    );
    assert.equal(backoffDelay(1), 1000);
    assert.equal(backoffDelay(1000), 60_000);
  });
});

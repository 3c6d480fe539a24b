import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ACTIVE_EXPERIMENT_STATUSES,
  ACTIVE_TRIAL_STATUSES,
  EXPERIMENT_STATUSES,
  experimentSourcesOf,
  RETRYABLE_TRIAL_STATUSES,
  TERMINAL_EXPERIMENT_STATUSES,
  TERMINAL_TRIAL_STATUSES,
  TRIAL_OUTCOMES,
  TRIAL_STATUSES,
  trialSourcesOf,
} from './status.js';

const sorted = (xs: readonly string[]) => [...xs].sort();

test('every status is either active or terminal, never both', () => {
  assert.deepEqual(sorted([...ACTIVE_EXPERIMENT_STATUSES, ...TERMINAL_EXPERIMENT_STATUSES]), sorted(EXPERIMENT_STATUSES));
  assert.deepEqual(sorted([...ACTIVE_TRIAL_STATUSES, ...TERMINAL_TRIAL_STATUSES]), sorted(TRIAL_STATUSES));
});

test('the active sets are exactly where the state machine lets an experiment or trial end', () => {
  // Services pass ACTIVE_* as the source set of the UPDATEs that finish, fail, stop or cancel:
  // that must be the set the transition table allows, or a row could skip a state.
  for (const to of ['SUCCEEDED', 'FAILED', 'CANCELLED'] as const) {
    assert.deepEqual(sorted(experimentSourcesOf(to)), sorted(ACTIVE_EXPERIMENT_STATUSES), `experiment → ${to}`);
  }
  for (const to of [...TRIAL_OUTCOMES, 'CANCELLED'] as const) {
    assert.deepEqual(sorted(trialSourcesOf(to)), sorted(ACTIVE_TRIAL_STATUSES), `trial → ${to}`);
  }
  // A (redelivered) start comes from an active trial too.
  assert.deepEqual(sorted(trialSourcesOf('RUNNING')), sorted(ACTIVE_TRIAL_STATUSES));
});

test('a retry re-queues only terminal trials, and not the successful ones', () => {
  assert.deepEqual(sorted(RETRYABLE_TRIAL_STATUSES), sorted(TERMINAL_TRIAL_STATUSES.filter((s) => s !== 'SUCCEEDED')));
  assert.deepEqual(sorted(trialSourcesOf('QUEUED').filter((s) => s !== 'RUNNING')), sorted(RETRYABLE_TRIAL_STATUSES));
});

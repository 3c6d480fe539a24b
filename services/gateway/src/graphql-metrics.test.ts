import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOperationLabeler, responseStatus } from './graphql-metrics.js';

test('operation names are kept up to the cap, then reported as (other)', () => {
  const label = createOperationLabeler(2);
  assert.equal(label('Trials'), 'Trials');
  assert.equal(label('Experiment'), 'Experiment');
  assert.equal(label('Attacker1'), '(other)');
  assert.equal(label('Attacker2'), '(other)');
  assert.equal(label('Trials'), 'Trials', 'a name seen before the cap keeps its label');
});

test('status is ok, or the first error code the client sees', () => {
  assert.equal(responseStatus(undefined), 'ok');
  assert.equal(responseStatus([]), 'ok');
  assert.equal(responseStatus([{ message: 'x', extensions: { code: 'NOT_FOUND' } }, { message: 'y', extensions: { code: 'CONFLICT' } }]), 'NOT_FOUND');
  assert.equal(responseStatus([{ message: 'no code' }]), 'INTERNAL_SERVER_ERROR');
});

// Scenario 2: experiment submissions — createExperiment with a small random search, then
// cancel it so the load test does not leave a training backlog behind.
import { check } from 'k6';
import type { Options } from 'k6/options';
import { gql } from './lib.ts';
import { CANCEL_EXPERIMENT_MUTATION, CREATE_EXPERIMENT_MUTATION, LOAD_EXPERIMENT_TRIALS, loadExperimentInput } from '../src/bench/load-queries.ts';

export const options: Options = {
  scenarios: {
    submissions: { executor: 'constant-arrival-rate', rate: 20, timeUnit: '1s', duration: '30s', preAllocatedVUs: 20, maxVUs: 50 },
  },
  thresholds: {
    'http_req_duration{name:createExperiment}': ['p(95)<500'],
    checks: ['rate>0.99'],
  },
};

export default function (): void {
  const input = loadExperimentInput(`k6-${__VU}-${__ITER}`, __ITER);
  const created = gql<{ createExperiment: { id: string; counts: { total: number } } }>(CREATE_EXPERIMENT_MUTATION, { input }, 'createExperiment');
  check(created, { 'four trials': (d) => d?.createExperiment.counts.total === LOAD_EXPERIMENT_TRIALS });
  if (created) gql(CANCEL_EXPERIMENT_MUTATION, { id: created.createExperiment.id }, 'cancelExperiment');
}

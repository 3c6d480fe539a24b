// Scenario 2: experiment submissions — createExperiment with a small random search, then
// cancel it so the load test does not leave a training backlog behind.
import { check } from 'k6';
import type { Options } from 'k6/options';
import { gql } from './lib.ts';

export const options: Options = {
  scenarios: {
    submissions: { executor: 'constant-arrival-rate', rate: 20, timeUnit: '1s', duration: '30s', preAllocatedVUs: 20, maxVUs: 50 },
  },
  thresholds: {
    'http_req_duration{name:createExperiment}': ['p(95)<500'],
    checks: ['rate>0.99'],
  },
};

const CREATE = `mutation Create($input: CreateExperimentInput!) {
  createExperiment(input: $input) { id status counts { total } }
}`;
const CANCEL = `mutation Cancel($id: ID!) { cancelExperiment(id: $id) { id status } }`;

export default function (): void {
  const input = {
    name: `k6-${__VU}-${__ITER}`,
    searchSpace: {
      algorithm: 'RANDOM',
      trialCount: 4,
      seed: __ITER,
      base: { preset: 'baseline', epochs: 1 },
      parameters: [{ name: 'learningRate', min: 0.0001, max: 0.01, log: true }],
    },
    maxParallelTrials: 1,
    trainLimit: 1000,
  };
  const created = gql<{ createExperiment: { id: string; counts: { total: number } } }>(CREATE, { input }, 'createExperiment');
  check(created, { 'four trials': (d) => d?.createExperiment.counts.total === 4 });
  if (created) gql(CANCEL, { id: created.createExperiment.id }, 'cancelExperiment');
}

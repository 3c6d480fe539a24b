// Scenario 1: the read mix a dashboard produces — experiments list, a trial with its metric
// series, and a compare of several trials. Needs some experiments in the database.
import { sleep } from 'k6';
import type { Options } from 'k6/options';
import { discoverTrialIds, gql } from './lib.ts';
import { COMPARE_QUERY, EXPERIMENTS_QUERY, TRIAL_QUERY } from '../src/bench/load-queries.ts';

export const options: Options = {
  scenarios: {
    query_mix: { executor: 'constant-vus', vus: 20, duration: '30s' },
  },
  thresholds: {
    'http_req_duration{name:experiments}': ['p(95)<200'],
    'http_req_duration{name:trial}': ['p(95)<300'],
    'http_req_duration{name:compare}': ['p(95)<300'],
    checks: ['rate>0.99'],
  },
};

export function setup(): { trialIds: string[] } {
  const trialIds = discoverTrialIds(20);
  if (trialIds.length < 2) throw new Error('seed some experiments first (npm run bench:load seeds them)');
  return { trialIds };
}

export default function (data: { trialIds: string[] }): void {
  const ids = data.trialIds;
  gql(EXPERIMENTS_QUERY, { first: 20 }, 'experiments');
  gql(TRIAL_QUERY, { id: ids[Math.floor(Math.random() * ids.length)] }, 'trial');
  gql(COMPARE_QUERY, { ids: ids.slice(0, 5) }, 'compare');
  sleep(0.1);
}

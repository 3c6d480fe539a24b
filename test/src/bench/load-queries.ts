/** The GraphQL documents of test/load/lib.ts (k6 cannot share modules with Node, so they are repeated here). */
export const EXPERIMENTS_QUERY = `query Experiments($first: Int) {
  experiments(first: $first) { totalCount nodes { id name status progress counts { total running succeeded } } }
}`;

export const TRIAL_QUERY = `query Trial($id: ID!) {
  trial(id: $id) { id name status paramMap latestMetrics metrics(maxPoints: 200) { key totalPoints points { step value } } }
}`;

export const COMPARE_QUERY = `query Compare($ids: [ID!]!) {
  compareTrials(ids: $ids) { paramKeys metricKeys trials { id name paramMap finalMetrics } }
}`;

export const METRIC_SUBSCRIPTION = `subscription($id: ID) { metricLogged(experimentId: $id) { trialId key step value loggedAt } }`;

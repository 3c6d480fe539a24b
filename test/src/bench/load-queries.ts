// The load scenarios' GraphQL documents and inputs, written once for both runners: the k6 scripts
// (test/load/*.ts import this file by its relative path) and the Node bench (test/src/bench/load*.ts).
// k6 runs its scripts in its own JavaScript runtime, which loads local modules by path but no npm
// package or Node API: keep this module free of imports.

/** Scenario 1 (query mix): the experiments list, with counts. Variables: `first`. */
export const EXPERIMENTS_QUERY = `query Experiments($first: Int) {
  experiments(first: $first) { totalCount nodes { id name status progress counts { total running succeeded } } }
}`;

/** Scenario 1: one trial with its metric series (200 points at most). Variables: `id`. */
export const TRIAL_QUERY = `query Trial($id: ID!) {
  trial(id: $id) { id name status paramMap latestMetrics metrics(maxPoints: 200) { key totalPoints points { step value } } }
}`;

/** Scenario 1: compare trials. Variables: `ids`. */
export const COMPARE_QUERY = `query Compare($ids: [ID!]!) {
  compareTrials(ids: $ids) { paramKeys metricKeys trials { id name paramMap finalMetrics } }
}`;

/** Scenario 3 (subscriptions): the metric points of one experiment. Variables: `id` (experiment). */
export const METRIC_SUBSCRIPTION = `subscription($id: ID) { metricLogged(experimentId: $id) { trialId key step value loggedAt } }`;

/** Scenario 2 (mutations): create an experiment. Variables: `input` (see {@link loadExperimentInput}). */
export const CREATE_EXPERIMENT_MUTATION = `mutation Create($input: CreateExperimentInput!) {
  createExperiment(input: $input) { id status counts { total } }
}`;

/** Scenario 2: cancel the experiment just created, so the load test leaves no training backlog. Variables: `id`. */
export const CANCEL_EXPERIMENT_MUTATION = `mutation Cancel($id: ID!) { cancelExperiment(id: $id) { id status } }`;

/** Trials in each experiment the mutations scenario creates (what it checks `counts.total` against). */
export const LOAD_EXPERIMENT_TRIALS = 4;

/**
 * The mutations scenario's `createExperiment` input: a {@link LOAD_EXPERIMENT_TRIALS}-trial RANDOM
 * search over the learning rate, one epoch of the baseline preset, one trial at a time, 1000
 * training images. `name` must be unique per call; `seed` picks the random trials.
 */
export function loadExperimentInput(name: string, seed: number) {
  return {
    name,
    searchSpace: {
      algorithm: 'RANDOM',
      trialCount: LOAD_EXPERIMENT_TRIALS,
      seed,
      base: { preset: 'baseline', epochs: 1 },
      parameters: [{ name: 'learningRate', min: 0.0001, max: 0.01, log: true }],
    },
    maxParallelTrials: 1,
    trainLimit: 1000,
  };
}

/**
 * The GraphQL fragments the dashboard's pages share and their result types, generated from
 * schema.graphql (`npm run codegen`: @trialgrid/graphql-documents; CI fails on drift), never written by hand.
 */
import { jsonObject } from '@trialgrid/format';
import { graphql } from '@trialgrid/graphql-documents';
import type { ExperimentCardFragment, MetricEventFieldsFragment, SeriesFieldsFragment, TrialRowFragment } from '@trialgrid/graphql-documents';

export type { ExperimentStatus, TrialStatus } from '@trialgrid/graphql-types';
export { jsonNumbers, jsonObject } from '@trialgrid/format';
/** The status sets of @trialgrid/contracts (the one copy). */
export {
  ACTIVE_TRIAL_STATUSES as ACTIVE_TRIAL,
  TERMINAL_EXPERIMENT_STATUSES as TERMINAL_EXPERIMENT,
  TERMINAL_TRIAL_STATUSES as TERMINAL_TRIAL,
} from '@trialgrid/contracts/status';

/**
 * The fragments every page selects with (`...ExperimentCard`, `...TrialRow` etc. in its documents).
 * ExperimentSummary and TrialRow are shared with the CLI (@trialgrid/graphql-documents).
 */
export const EXPERIMENT_CARD = graphql(`
  fragment ExperimentCard on Experiment {
    ...ExperimentSummary options objective { metric direction } bestTrial { id name finalMetrics paramMap }
  }
`);
export const SERIES_FIELDS = graphql(`
  fragment SeriesFields on MetricSeries { key totalPoints points { step value loggedAt } }
`);
export const METRIC_EVENT_FIELDS = graphql(`
  fragment MetricEventFields on Metric { trialId experimentId key step value loggedAt }
`);

export type ExperimentCard = ExperimentCardFragment;
export type Counts = ExperimentCard['counts'];
export type TrialRow = TrialRowFragment;
export type Series = SeriesFieldsFragment;
export type MetricEvent = MetricEventFieldsFragment;

/** `train 2,000 / test 1,000 images` or `full MNIST`: what a run trained and was tested on. */
export function dataLimits(value: unknown): string {
  const options = jsonObject(value);
  const n = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
  const train = n(options['trainLimit']);
  const test = n(options['testLimit']);
  if (train === undefined && test === undefined) return 'full MNIST (60,000 / 10,000)';
  return `train ${train?.toLocaleString('en-US') ?? 'all'} / test ${test?.toLocaleString('en-US') ?? 'all'} images`;
}
/** `value` when it is one of `values` (a status or an op from the URL), else undefined. */
export function oneOf<S extends string>(values: readonly S[], value: string | null | undefined): S | undefined {
  return values.find((v) => v === value);
}

export const CURVE_KEYS = ['train_loss', 'val_loss', 'train_accuracy', 'val_accuracy'];
/** Server-side downsampling target: enough for a 560 px wide chart. */
export const MAX_POINTS = 500;

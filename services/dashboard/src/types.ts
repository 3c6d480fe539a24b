/** Shapes of the GraphQL results the dashboard reads (schema.graphql is the contract). */

export type ExperimentStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
export type TrialStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'STOPPED' | 'CANCELLED';
export const TERMINAL_TRIAL: readonly string[] = ['SUCCEEDED', 'FAILED', 'STOPPED', 'CANCELLED'];
export const TERMINAL_EXPERIMENT: readonly string[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

export interface Counts {
  total: number;
  queued: number;
  running: number;
  succeeded: number;
  failed: number;
  stopped: number;
  cancelled: number;
}

export interface ExperimentSummary {
  id: string;
  name: string;
  status: ExperimentStatus;
  progress: number;
  modelName: string;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  counts: Counts;
  objective: { metric: string; direction: 'MAXIMIZE' | 'MINIMIZE' };
  options: Record<string, unknown>;
  bestTrial: { id: string; name: string; finalMetrics: Record<string, number> | null; paramMap: Record<string, unknown> } | null;
}

export interface Series {
  key: string;
  totalPoints: number;
  points: { step: number; value: number; loggedAt?: string | null }[];
}

export interface TrialRow {
  id: string;
  experimentId: string;
  index: number;
  name: string;
  status: TrialStatus;
  paramMap: Record<string, unknown>;
  currentEpoch: number | null;
  latestMetrics: Record<string, number>;
  finalMetrics: Record<string, number> | null;
  attempt: number;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface MetricEvent {
  trialId: string;
  experimentId: string;
  key: string;
  step: number;
  value: number;
  loggedAt?: string;
}

export const EXPERIMENT_SUMMARY = `id name status progress modelName error createdAt startedAt finishedAt options
  counts { total queued running succeeded failed stopped cancelled } objective { metric direction } bestTrial { id name finalMetrics paramMap }`;

/** `train 2,000 / test 1,000 images` or `full MNIST`: what a run trained and was tested on. */
export function dataLimits(options: Record<string, unknown> | null | undefined): string {
  const n = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
  const train = n(options?.['trainLimit']);
  const test = n(options?.['testLimit']);
  if (train === undefined && test === undefined) return 'full MNIST (60,000 / 10,000)';
  return `train ${train?.toLocaleString('en-US') ?? 'all'} / test ${test?.toLocaleString('en-US') ?? 'all'} images`;
}
export const TRIAL_ROW = `id experimentId index name status paramMap currentEpoch latestMetrics finalMetrics attempt error startedAt finishedAt`;
export const CURVE_KEYS = ['train_loss', 'val_loss', 'train_accuracy', 'val_accuracy'];
/** Server-side downsampling target: enough for a 560 px wide chart. */
export const MAX_POINTS = 500;

/**
 * Per-request batched lookups. A page of 1,000 trials asking for params, latest metrics and
 * workers costs one query per kind, not one per trial.
 */
import { getTrialParams, latestMetrics, type Database, type LatestMetric } from '@trialgrid/db';
import { Batcher } from './batcher.js';
import type { ArtifactRow, ExperimentRow, TrialRow, WorkerRow } from './models.js';
import {
  aliasesByVersion,
  emptyCounts,
  experimentProgressFractions,
  experimentsByIds,
  modelArtifactsByTrial,
  trialCounts,
  trialsByIds,
  workersByIds,
  type TrialCountsRow,
} from '@trialgrid/db';

export interface Loaders {
  experiment: Batcher<string, ExperimentRow | null>;
  trial: Batcher<string, TrialRow | null>;
  worker: Batcher<string, WorkerRow | null>;
  params: Batcher<string, Record<string, unknown>>;
  latestMetrics: Batcher<string, Record<string, LatestMetric>>;
  counts: Batcher<string, TrialCountsRow>;
  progress: Batcher<string, number>;
  aliases: Batcher<string, string[]>;
  /** A trial's saved model artifact. */
  modelArtifact: Batcher<string, ArtifactRow | null>;
}

export function createLoaders(db: Database): Loaders {
  return {
    experiment: new Batcher((ids) => experimentsByIds(db, ids), () => null),
    trial: new Batcher((ids) => trialsByIds(db, ids), () => null),
    worker: new Batcher((ids) => workersByIds(db, ids), () => null),
    params: new Batcher((ids) => getTrialParams(db, ids), () => ({})),
    latestMetrics: new Batcher((ids) => latestMetrics(db, ids), () => ({})),
    counts: new Batcher((ids) => trialCounts(db, ids), () => emptyCounts()),
    progress: new Batcher((ids) => experimentProgressFractions(db, ids), () => 0),
    aliases: new Batcher((ids) => aliasesByVersion(db, ids), () => []),
    modelArtifact: new Batcher((ids) => modelArtifactsByTrial(db, ids), () => null),
  };
}

import { listTrials } from '@trialgrid/db';
import type { ExperimentResolvers } from '../generated/graphql.js';
import { bestTrial } from '../queries.js';

export const Experiment: ExperimentResolvers = {
  objective: (row) => ({ metric: row.objectiveMetric, direction: row.objectiveDirection }),
  searchSpace: (row) => row.searchSpace ?? {},
  options: (row) => row.options ?? {},
  counts: (row, _args, ctx) => ctx.loaders.counts.load(row.id),
  progress: (row, _args, ctx) => ctx.loaders.progress.load(row.id),
  async trials(row, { first, offset, status }, ctx) {
    const page = await listTrials(ctx.db, row.id, { first, offset, ...(status ? { status } : {}) });
    for (const t of page.nodes) ctx.loaders.trial.prime(t.id, t);
    return { nodes: page.nodes, totalCount: page.totalCount };
  },
  bestTrial: (row, _args, ctx) => bestTrial(ctx.db, row),
};

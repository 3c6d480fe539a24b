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
  async bestTrial(row, _args, ctx) {
    // Batched in lists: the stored best trial through the trial loader; the fallback ranking
    // query only for experiments that have a succeeded trial at all.
    if (row.bestTrialId) {
      const stored = await ctx.loaders.trial.load(row.bestTrialId);
      if (stored) return stored;
    }
    const counts = await ctx.loaders.counts.load(row.id);
    return counts.succeeded > 0 ? bestTrial(ctx.db, row) : null;
  },
};

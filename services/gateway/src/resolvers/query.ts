import { findDataset, findModelVersion, findRegisteredModel, listDatasets, listExperiments, listWorkers, searchRegisteredModels } from '@trialgrid/db';
import { invalidInput, notFound } from '@trialgrid/errors';
import type { QueryResolvers } from '../generated/graphql.js';
import type { TrialRow } from '../models.js';
import { predictInParts } from '../predict.js';

export const Query: QueryResolvers = {
  async experiments(_parent, args, ctx) {
    const page = await listExperiments(ctx.db, {
      first: args.first ?? 20,
      after: args.after ?? null,
      ...(args.status ? { status: args.status } : {}),
    });
    for (const node of page.nodes) ctx.loaders.experiment.prime(node.id, node);
    return {
      edges: page.edges,
      nodes: page.nodes,
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
      totalCount: page.totalCount,
    };
  },

  // Through the loaders, so nested `trial.experiment` / `trials.experiment` reuse the row.
  experiment: (_parent, { id }, ctx) => ctx.loaders.experiment.load(id),

  trial: (_parent, { id }, ctx) => ctx.loaders.trial.load(id),

  datasets: (_parent, _args, ctx) => listDatasets(ctx.db),

  dataset: async (_parent, { name }, ctx) => (await findDataset(ctx.db, name)) ?? null,

  async compareTrials(_parent, { ids }, ctx) {
    if (ids.length > 1000) throw invalidInput('compare at most 1000 trials', { field: 'ids' });
    const rows = await ctx.loaders.trial.loadMany(ids);
    const trials: TrialRow[] = [];
    rows.forEach((row, i) => {
      if (!row) throw notFound('trial', ids[i] ?? '');
      trials.push(row);
    });
    const params = await ctx.loaders.params.loadMany(trials.map((t) => t.id));
    const paramKeys = new Set<string>();
    for (const p of params) for (const k of Object.keys(p)) paramKeys.add(k);
    const metricKeys = new Set<string>();
    for (const t of trials) {
      if (t.finalMetrics && typeof t.finalMetrics === 'object') for (const k of Object.keys(t.finalMetrics)) metricKeys.add(k);
    }
    return { trials, paramKeys: [...paramKeys].sort(), metricKeys: [...metricKeys].sort() };
  },

  registeredModels: (_parent, { search }, ctx) => searchRegisteredModels(ctx.db, search),

  registeredModel: (_parent, { name }, ctx) => findRegisteredModel(ctx.db, name),

  modelVersion: (_parent, { modelName, version }, ctx) => findModelVersion(ctx.db, modelName, version),

  workers(_parent, { includeDead }, ctx) {
    const aliveSince = new Date(Date.now() - ctx.config.WORKER_STALE_AFTER);
    return listWorkers(ctx.db, includeDead ? {} : { aliveSince });
  },

  predict: (_parent, { images, modelName, alias }, ctx) => predictInParts(ctx.commands, { images, modelName: modelName ?? 'Mnist_Best_Model', alias }),
};

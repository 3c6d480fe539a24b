import { getTrialMetrics, listArtifacts, listAttempts, tailTrialLogs } from '@trialgrid/db';
import { AppError, invalidInput } from '@trialgrid/errors';
import type { ArtifactResolvers, TrialResolvers } from '../generated/graphql.js';

/** Upper bound of `maxPoints` (a chart is never wider than this). */
export const MAX_POINTS_LIMIT = 10_000;

export const Trial: TrialResolvers = {
  async experiment(row, _args, ctx) {
    const experiment = await ctx.loaders.experiment.load(row.experimentId);
    // A trial row cannot outlive its experiment (ON DELETE CASCADE); if it does, that is corruption.
    if (!experiment) throw new AppError('DATA_CORRUPT', `trial ${row.id} has no experiment ${row.experimentId}`);
    return experiment;
  },
  async params(row, _args, ctx) {
    const params = await ctx.loaders.params.load(row.id);
    return Object.entries(params).map(([key, value]) => ({ key, value }));
  },
  paramMap: (row, _args, ctx) => ctx.loaders.params.load(row.id),
  async latestMetrics(row, _args, ctx) {
    const latest = await ctx.loaders.latestMetrics.load(row.id);
    return Object.fromEntries(Object.entries(latest).map(([key, m]) => [key, m.value]));
  },
  async metrics(row, { keys, maxPoints }, ctx) {
    const limit = maxPoints ?? 500;
    if (!Number.isInteger(limit) || limit < 2 || limit > MAX_POINTS_LIMIT) {
      throw invalidInput(`maxPoints must be an integer in 2..${MAX_POINTS_LIMIT}`, { field: 'maxPoints' });
    }
    const series = await getTrialMetrics(ctx.db, row.id, { ...(keys ? { keys } : {}), maxPoints: limit });
    return series.map((s) => ({ key: s.key, totalPoints: s.totalPoints, points: s.points.map((p) => ({ step: p.step, value: p.value, loggedAt: p.loggedAt ?? null })) }));
  },
  artifacts: (row, _args, ctx) => listArtifacts(ctx.db, row.id),
  logs(row, { tail }, ctx) {
    const n = tail ?? 50;
    if (!Number.isInteger(n) || n < 1 || n > 10_000) throw invalidInput('tail must be an integer in 1..10000', { field: 'tail' });
    return tailTrialLogs(ctx.db, row.id, n);
  },
  attempts: (row, _args, ctx) => listAttempts(ctx.db, row.id),
  worker: (row, _args, ctx) => (row.workerId ? ctx.loaders.worker.load(row.workerId) : null),
};

export const Artifact: ArtifactResolvers = {
  url: (row) => `/artifacts/${row.id}`,
};

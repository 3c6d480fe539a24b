import { bestTrialOf, getTrialParams, queryTrials, trialKeys, type TrialFilter } from '@trialgrid/db';
import type { ExperimentResolvers } from '../generated/graphql.js';
import type { GatewayContext } from '../context.js';
import { paramImportance } from '../importance.js';
import type { TrialRow } from '../models.js';

/** Every SUCCEEDED trial of an experiment (keyset pages of 1,000). */
async function succeededTrials(ctx: GatewayContext, experimentId: string): Promise<TrialRow[]> {
  const out: TrialRow[] = [];
  for (let after: string | null = null; ; ) {
    const page = await queryTrials(ctx.db, experimentId, { first: 1000, after, status: 'SUCCEEDED' });
    out.push(...page.nodes);
    if (!page.hasNextPage) return out;
    after = page.endCursor;
  }
}

export const Experiment: ExperimentResolvers = {
  objective: (row) => ({ metric: row.objectiveMetric, direction: row.objectiveDirection }),
  searchSpace: (row) => row.searchSpace ?? {},
  options: (row) => row.options ?? {},
  counts: (row, _args, ctx) => ctx.loaders.counts.load(row.id),
  progress: (row, _args, ctx) => ctx.loaders.progress.load(row.id),
  async trials(row, { first, status, after, orderBy, filters }, ctx) {
    const page = await queryTrials(ctx.db, row.id, {
      first: first ?? 100,
      after: after ?? null,
      ...(orderBy ? { orderBy: { field: orderBy.field, direction: orderBy.direction } } : {}),
      ...(filters ? { filters: filters.map((f): TrialFilter => ({ field: f.field, op: f.op, value: f.value })) } : {}),
      ...(status ? { status } : {}),
    });
    for (const t of page.nodes) ctx.loaders.trial.prime(t.id, t);
    return { nodes: page.nodes, totalCount: page.totalCount, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
  },
  async paramImportance(row, _args, ctx) {
    const succeeded = await succeededTrials(ctx, row.id);
    const params = await getTrialParams(ctx.db, succeeded.map((t) => t.id));
    const metric = row.objectiveMetric;
    return paramImportance(
      succeeded.flatMap((t) => {
        const y = (t.finalMetrics as Record<string, unknown> | null)?.[metric];
        return typeof y === 'number' && Number.isFinite(y) ? [{ params: params.get(t.id) ?? {}, objective: y }] : [];
      }),
    );
  },
  async trialKeys(row, _args, ctx) {
    return trialKeys(ctx.db, row.id);
  },
  async bestTrial(row, _args, ctx) {
    // Batched in lists: the stored best trial through the trial loader; before the scheduler has
    // stored it, the same rule it uses (libs/db bestTrialOf), only for experiments that have a
    // succeeded trial at all.
    if (row.bestTrialId) {
      const stored = await ctx.loaders.trial.load(row.bestTrialId);
      if (stored) return stored;
    }
    const counts = await ctx.loaders.counts.load(row.id);
    if (counts.succeeded === 0) return null;
    const { best } = await bestTrialOf(ctx.db, row.id, { metric: row.objectiveMetric, direction: row.objectiveDirection });
    return best ? ctx.loaders.trial.load(best.id) : null;
  },
};

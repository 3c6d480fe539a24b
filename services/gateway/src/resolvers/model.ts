import { modelAliasMap, modelEventsOf, modelVersionsByModel } from '@trialgrid/db';
import type { GateVerdictResolvers, ModelEventResolvers, ModelVersionResolvers, RegisteredModelResolvers } from '../generated/graphql.js';
import type { GatewayContext } from '../context.js';
import type { ModelVersionModel, RegisteredModelRow } from '../models.js';

async function versionsOf(row: RegisteredModelRow, ctx: GatewayContext): Promise<ModelVersionModel[]> {
  return (await modelVersionsByModel(ctx.db, [row.id])).get(row.id) ?? [];
}

export const RegisteredModel: RegisteredModelResolvers = {
  versions: (row, _args, ctx) => versionsOf(row, ctx),
  async latestVersion(row, _args, ctx) {
    return (await versionsOf(row, ctx)).at(-1) ?? null;
  },
  async production(row, _args, ctx) {
    return (await versionsOf(row, ctx)).filter((v) => v.stage === 'Production').at(-1) ?? null;
  },
  aliases: (row, _args, ctx) => modelAliasMap(ctx.db, row.id),
  tags: (row) => row.tags ?? {},
  history: (row, _args, ctx) => modelEventsOf(ctx.db, row.id),
};

export const ModelVersion: ModelVersionResolvers = {
  aliases: (row, _args, ctx) => ctx.loaders.aliases.load(row.id),
  tags: (row) => row.tags ?? {},
  metrics: (row) => row.metrics ?? {},
  trial: (row, _args, ctx) => (row.trialId ? ctx.loaders.trial.load(row.trialId) : null),
  experiment: (row, _args, ctx) => (row.experimentId ? ctx.loaders.experiment.load(row.experimentId) : null),
  async modelUrl(row, _args, ctx) {
    if (!row.trialId) return null;
    const artifact = await ctx.loaders.modelArtifact.load(row.trialId);
    return artifact ? `/artifacts/${artifact.id}` : null;
  },
};

export const GateVerdict: GateVerdictResolvers = {
  evaluatedAt: (row) => new Date(row.evaluatedAt),
};

export const ModelEvent: ModelEventResolvers = {
  id: (row) => String(row.id),
};

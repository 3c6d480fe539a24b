/**
 * Mutations ask the owning service (scheduler / registry) over NATS and then read the result
 * from Postgres, so what a client gets back is what is stored.
 */
import { findDataset, findExperiment, findModelVersion, findModelVersionById, findRegisteredModel, findTrial, recordAudit, requireDataset } from '@trialgrid/db';
import { COMMANDS, dropNulls, parseExperimentInput, parseOrThrow, parseRegisterDatasetInput, promotionPolicyInputSchema, tagChangesRule } from '@trialgrid/contracts';
import { AppError, notFound } from '@trialgrid/errors';
import { planExperiment } from '@trialgrid/sweep';
import type { MutationResolvers } from '../generated/graphql.js';
import type { GatewayContext } from '../context.js';
import type { ExperimentRow, ModelVersionModel, RegisteredModelRow, TrialRow } from '../models.js';

async function experimentAfter(ctx: GatewayContext, id: string): Promise<ExperimentRow> {
  const row = await findExperiment(ctx.db, id);
  if (!row) throw notFound('experiment', id);
  return row;
}

async function trialAfter(ctx: GatewayContext, id: string): Promise<TrialRow> {
  const row = await findTrial(ctx.db, id);
  if (!row) throw notFound('trial', id);
  return row;
}

async function modelAfter(ctx: GatewayContext, name: string): Promise<RegisteredModelRow> {
  const row = await findRegisteredModel(ctx.db, name);
  if (!row) throw notFound('registered model', name);
  return row;
}

/** Tag changes: an object of string values (set) or null (delete); the contracts' one tag rule. */
function checkTags(tags: unknown): Record<string, string | null> {
  return parseOrThrow(tagChangesRule, tags, 'tags');
}

/** The registry replies with the version it touched: its id, or (modelName, version). */
async function versionFromReply(ctx: GatewayContext, reply: unknown, modelName: string, version?: number): Promise<ModelVersionModel> {
  const r = (reply && typeof reply === 'object' ? reply : {}) as Record<string, unknown>;
  const id = typeof r['versionId'] === 'string' ? r['versionId'] : typeof r['id'] === 'string' ? r['id'] : undefined;
  if (id) {
    const row = await findModelVersionById(ctx.db, id);
    if (row) return row;
  }
  const name = typeof r['modelName'] === 'string' ? r['modelName'] : modelName;
  const v = typeof r['version'] === 'number' ? r['version'] : version;
  if (v !== undefined) {
    const row = await findModelVersion(ctx.db, name, v);
    if (row) return row;
  }
  throw new AppError('INTERNAL', `registry reply does not name a stored model version: ${JSON.stringify(reply)}`);
}

/** Records a change made through the gateway with the calling token's owner as the actor. */
async function audit(ctx: GatewayContext, action: string, targetKind: string, targetId: string, reply: unknown): Promise<void> {
  await recordAudit(ctx.db, {
    actor: ctx.principal.owner,
    action,
    targetKind,
    targetId,
    details: { via: 'graphql', token: ctx.principal.tokenName, reply: reply ?? null },
  });
}

export const Mutation: MutationResolvers = {
  async createExperiment(_parent, { input }, ctx) {
    // The scheduler's own check (libs/sweep), here before the round trip: same rules, same errors.
    const parsed = parseExperimentInput(input);
    const dataset = await requireDataset(ctx.db, parsed.dataset);
    planExperiment(parsed, { maxTrials: ctx.config.MAX_GRID_TRIALS, data: { inputShape: dataset.imageShape, numClasses: dataset.numClasses } });
    const reply = await ctx.commands.send('experiment.create', parsed);
    return experimentAfter(ctx, reply.experimentId);
  },

  async registerDataset(_parent, { input }, ctx) {
    // The input rules here (same errors as the scheduler's), the files are read by the scheduler.
    const parsed = parseRegisterDatasetInput(input);
    const reply = await ctx.commands.send('dataset.register', parsed);
    const row = await findDataset(ctx.db, reply.name);
    if (!row) throw new AppError('INTERNAL', `scheduler registered dataset ${reply.name} but it is not stored`);
    return row;
  },

  async cancelExperiment(_parent, { id }, ctx) {
    const reply = await ctx.commands.send('experiment.cancel', { experimentId: id });
    await audit(ctx, 'experiment.cancel', 'experiment', id, reply);
    return experimentAfter(ctx, id);
  },

  async stopTrial(_parent, { id }, ctx) {
    const reply = await ctx.commands.send('trial.stop', { trialId: id });
    await audit(ctx, 'trial.stop', 'trial', id, reply);
    return trialAfter(ctx, id);
  },

  async retryTrial(_parent, { id }, ctx) {
    const reply = await ctx.commands.send('trial.retry', { trialId: id });
    await audit(ctx, 'trial.retry', 'trial', id, reply);
    return trialAfter(ctx, id);
  },

  async registerModelVersion(_parent, { input }, ctx) {
    const request = parseOrThrow(COMMANDS['model.register'].request, dropNulls(input) as Record<string, unknown>);
    const reply = await ctx.commands.send('model.register', { ...request, actor: ctx.principal.owner });
    return versionFromReply(ctx, reply, input.modelName);
  },

  async transitionModelVersionStage(_parent, { modelName, version, stage, archiveExisting, override, reason }, ctx) {
    const reply = await ctx.commands.send('model.transition', {
      modelName,
      version,
      stage,
      archiveExisting: archiveExisting ?? true,
      override: override ?? false,
      ...(reason ? { reason } : {}),
      actor: ctx.principal.owner,
    });
    return versionFromReply(ctx, reply, modelName, version);
  },

  async setModelAlias(_parent, { modelName, alias, version, override, reason }, ctx) {
    const reply = await ctx.commands.send('model.setAlias', { modelName, alias, version, override: override ?? false, ...(reason ? { reason } : {}), actor: ctx.principal.owner });
    return versionFromReply(ctx, reply, modelName, version);
  },

  async updateRegisteredModel(_parent, args, ctx) {
    await ctx.commands.send('model.edit', {
      modelName: args.name,
      ...('description' in args ? { description: args.description ?? null, setDescription: true } : {}),
      ...(args.tags !== undefined && args.tags !== null ? { tags: checkTags(args.tags) } : {}),
      actor: ctx.principal.owner,
    });
    return modelAfter(ctx, args.name);
  },

  async updateModelVersion(_parent, args, ctx) {
    const reply = await ctx.commands.send('model.edit', {
      modelName: args.modelName,
      version: args.version,
      ...('description' in args ? { description: args.description ?? null, setDescription: true } : {}),
      ...(args.tags !== undefined && args.tags !== null ? { tags: checkTags(args.tags) } : {}),
      actor: ctx.principal.owner,
    });
    return versionFromReply(ctx, reply, args.modelName, args.version);
  },

  async setPromotionPolicy(_parent, { modelName, policy, reason }, ctx) {
    await ctx.commands.send('model.setPolicy', { modelName, policy: parseOrThrow(promotionPolicyInputSchema, dropNulls(policy), 'policy'), ...(reason ? { reason } : {}), actor: ctx.principal.owner });
    return modelAfter(ctx, modelName);
  },
};

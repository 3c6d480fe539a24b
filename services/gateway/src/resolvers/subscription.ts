/**
 * Live updates: each subscription listens on a NATS subject narrowed by its arguments
 * (`updates.metric.<experiment|*>.<trial|*>`, ...). Experiment and trial events re-read the row
 * from Postgres, so subscribers get the stored state, not the notification.
 */
import { findExperiment, findTrial, isUuid, workersByIds } from '@trialgrid/db';
import { invalidInput } from '@trialgrid/errors';
import type { SubscriptionResolvers } from '../generated/graphql.js';
import type { GatewayContext } from '../context.js';
import { createLoaders } from '../loaders.js';
import type { ExperimentRow, MetricModel, ModelChangeModel, TrialRow, WorkerRow } from '../models.js';

/** Subject token for an optional id argument; ids are uuids, so no wildcard or dot can sneak in. */
function token(id: string | null | undefined, field: string): string {
  if (id === null || id === undefined) return '*';
  if (!isUuid(id)) throw invalidInput(`${field} must be a uuid`, { field });
  return id;
}

/**
 * graphql-js runs every event of one subscription with the same context: fresh loaders per
 * event, or nested fields (counts, params, ...) would be served from the first event's cache.
 */
function fresh<T>(payload: T, ctx: GatewayContext): T {
  ctx.loaders = createLoaders(ctx.db);
  return payload;
}

export const Subscription: SubscriptionResolvers = {
  experimentUpdated: {
    subscribe(_parent, { id }, ctx) {
      const subject = ctx.messaging.subjects.updatesExperiment(token(id, 'id'));
      return ctx.pubsub.subscribe(subject, 'experiment.update', async (msg): Promise<{ experimentUpdated: ExperimentRow } | undefined> => {
        if (id && msg.experimentId !== id) return undefined;
        const row = await findExperiment(ctx.db, msg.experimentId);
        return row ? { experimentUpdated: row } : undefined;
      });
    },
    resolve: (payload: { experimentUpdated: ExperimentRow }, _args: unknown, ctx: GatewayContext) => fresh(payload.experimentUpdated, ctx),
  },

  trialUpdated: {
    subscribe(_parent, { experimentId, trialId }, ctx) {
      const subject = ctx.messaging.subjects.updatesTrial(token(experimentId, 'experimentId'), token(trialId, 'trialId'));
      return ctx.pubsub.subscribe(subject, 'trial.update', async (msg): Promise<{ trialUpdated: TrialRow } | undefined> => {
        if ((experimentId && msg.experimentId !== experimentId) || (trialId && msg.trialId !== trialId)) return undefined;
        const row = await findTrial(ctx.db, msg.trialId);
        return row ? { trialUpdated: row } : undefined;
      });
    },
    resolve: (payload: { trialUpdated: TrialRow }, _args: unknown, ctx: GatewayContext) => fresh(payload.trialUpdated, ctx),
  },

  workerUpdated: {
    subscribe(_parent, _args, ctx) {
      return ctx.pubsub.subscribe(ctx.messaging.subjects.workerHeartbeat, 'worker.heartbeat', async (msg): Promise<{ workerUpdated: WorkerRow } | undefined> => {
        // the scheduler stores the heartbeat; the stored row is what queries return
        const row = (await workersByIds(ctx.db, [msg.workerId])).get(msg.workerId);
        return row ? { workerUpdated: row } : undefined;
      });
    },
    resolve: (payload: { workerUpdated: WorkerRow }, _args: unknown, ctx: GatewayContext) => fresh(payload.workerUpdated, ctx),
  },

  modelChanged: {
    subscribe(_parent, { modelName }, ctx) {
      return ctx.pubsub.subscribe(ctx.messaging.subjects.updatesModel, 'model.update', (msg): { modelChanged: ModelChangeModel } | undefined =>
        modelName && msg.modelName !== modelName ? undefined : { modelChanged: { modelName: msg.modelName, version: msg.version ?? null, event: msg.event } },
      );
    },
    resolve: (payload: { modelChanged: ModelChangeModel }) => payload.modelChanged,
  },

  metricLogged: {
    subscribe(_parent, { experimentId, trialId }, ctx) {
      if (!experimentId && !trialId) throw invalidInput('metricLogged needs experimentId or trialId', { field: 'experimentId' });
      const subject = ctx.messaging.subjects.updatesMetric(token(experimentId, 'experimentId'), token(trialId, 'trialId'));
      return ctx.pubsub.subscribe(subject, 'metric.update', (msg): { metricLogged: MetricModel[] } | undefined => {
        if ((experimentId && msg.experimentId !== experimentId) || (trialId && msg.trialId !== trialId)) return undefined;
        if (msg.points.length === 0) return undefined;
        const loggedAt = new Date(msg.loggedAt);
        const at = Number.isNaN(loggedAt.getTime()) ? new Date() : loggedAt;
        return {
          metricLogged: msg.points.map((p) => ({ trialId: msg.trialId, experimentId: msg.experimentId, key: p.key, step: p.step, value: p.value, loggedAt: at })),
        };
      });
    },
    resolve: (payload: { metricLogged: MetricModel[] }) => payload.metricLogged,
  },
};

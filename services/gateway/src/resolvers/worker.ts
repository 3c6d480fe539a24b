import type { WorkerResolvers } from '../generated/graphql.js';

export const Worker: WorkerResolvers = {
  alive: (row, _args, ctx) => row.status !== 'STOPPED' && Date.now() - row.lastHeartbeatAt.getTime() <= ctx.config.WORKER_STALE_AFTER,
  busy: (row) => row.status === 'BUSY' || row.currentTrialId !== null,
  currentTrial: (row, _args, ctx) => (row.currentTrialId ? ctx.loaders.trial.load(row.currentTrialId) : null),
  details: (row) => row.details ?? {},
};

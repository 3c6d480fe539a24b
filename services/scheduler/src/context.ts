/**
 * What every scheduler component shares: the database, NATS, a logger, the config, and the
 * few cross-component actions (publishing updates, kicking the dispatcher, settling an experiment), passed in rather
 * than imported so the components never import each other in a cycle.
 */
import type { Database, Experiment, Trial } from '@trialgrid/db';
import type { Logger } from '@trialgrid/logger';
import { publishCore, type Messaging } from '@trialgrid/messaging';
import type { SchedulerConfig } from './config.js';

export interface SchedulerContext {
  db: Database;
  m: Messaging;
  log: Logger;
  config: SchedulerConfig;
  /** Ask the dispatcher to look at an experiment soon (coalesced, never throws). */
  kick(experimentId: string): void;
  /**
   * Recompute an experiment's status from its trials, persisting and announcing a change
   * (status.ts refreshExperiment), e.g. after a component failed one of its trials.
   */
  settle(experimentId: string): Promise<void>;
  /**
   * Since when this scheduler has been able to hear heartbeats (ms since the epoch): its
   * creation, then its last NATS reconnect. A worker's silence before that proves nothing.
   */
  hearingSince(): number;
}

/** updates.trial.<exp>.<trial> (core NATS, for gateway subscriptions). Best effort. */
export function publishTrialUpdate(ctx: SchedulerContext, trial: Pick<Trial, 'id' | 'experimentId' | 'status' | 'currentEpoch'>): void {
  try {
    publishCore(ctx.m, ctx.m.subjects.updatesTrial(trial.experimentId, trial.id), 'trial.update', {
      experimentId: trial.experimentId,
      trialId: trial.id,
      status: trial.status,
      currentEpoch: trial.currentEpoch,
    });
  } catch (err) {
    ctx.log.warn({ trialId: trial.id, err }, 'could not publish trial update');
  }
}

/** updates.experiment.<id>. Best effort. */
export function publishExperimentUpdate(ctx: SchedulerContext, experiment: Pick<Experiment, 'id' | 'status'>): void {
  try {
    publishCore(ctx.m, ctx.m.subjects.updatesExperiment(experiment.id), 'experiment.update', {
      experimentId: experiment.id,
      status: experiment.status,
    });
  } catch (err) {
    ctx.log.warn({ experimentId: experiment.id, err }, 'could not publish experiment update');
  }
}

/** control.trial.<id>.stop: the worker training it stops after the current batch. */
export function publishStop(ctx: SchedulerContext, trialId: string, reason: string): void {
  try {
    publishCore(ctx.m, ctx.m.subjects.trialStop(trialId), 'trial.stop', { trialId, reason });
  } catch (err) {
    ctx.log.warn({ trialId, err }, 'could not publish stop request');
  }
}

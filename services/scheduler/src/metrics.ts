/**
 * The scheduler's sampled metrics (definitions in libs/metrics): trials by state, counted in
 * Postgres, and the backlog of each durable JetStream consumer of the deployment, read from the
 * consumer's info — both when Prometheus scrapes, so they are never stale and cost nothing between
 * scrapes. The scheduler owns trial state and the topology, so only it reports them; a second
 * scheduler replica would report the same figures (use max(), not sum(), across replicas).
 */
import { TRIAL_STATUSES } from '@trialgrid/contracts';
import { trialStatusCounts, type Trial } from '@trialgrid/db';
import { dispatchLatency, queueAckPending, queuePending, SCHEDULER_METRICS, trialsByState, useMetrics } from '@trialgrid/metrics';
import type { SchedulerContext } from './context.js';

/** Exports the scheduler's metrics from this process and adds its sources; the returned function removes the sources (a disposer). */
export function watchSchedulerMetrics(ctx: SchedulerContext): () => void {
  useMetrics(...SCHEDULER_METRICS);
  const { streams } = ctx.m;
  const consumers = [
    { stream: streams.trials, consumer: streams.workersConsumer },
    { stream: streams.events, consumer: streams.schedulerConsumer },
    { stream: streams.events, consumer: streams.registryConsumer },
  ];
  const infos = () => Promise.all(consumers.map(async (c) => ({ ...c, info: await ctx.m.jsm.consumers.info(c.stream, c.consumer) })));
  const removers = [
    trialsByState.addSource(async () => {
      // Every state, zeros included, so a panel's series do not come and go.
      const byState = await trialStatusCounts(ctx.db);
      return TRIAL_STATUSES.map((state) => ({ labels: { state }, value: byState[state] }));
    }),
    queuePending.addSource(async () => (await infos()).map(({ stream, consumer, info }) => ({ labels: { stream, consumer }, value: info.num_pending }))),
    queueAckPending.addSource(async () => (await infos()).map(({ stream, consumer, info }) => ({ labels: { stream, consumer }, value: info.num_ack_pending }))),
  ];
  return () => {
    for (const remove of removers) remove();
  };
}

/**
 * A trial started on a worker: the time since its dispatch goes into
 * `trialgrid_dispatch_latency_seconds`. Only for a start out of QUEUED (a redelivery's restart
 * of a RUNNING trial measures the lost worker, not the queue); both instants are Postgres'
 * now() (queued_at at dispatch, updated_at of this transition), so clocks of different hosts do not mix.
 */
export function observeTrialStart(from: Trial['status'], trial: Pick<Trial, 'queuedAt' | 'updatedAt'>): void {
  if (from !== 'QUEUED' || !trial.queuedAt) return;
  const seconds = (trial.updatedAt.getTime() - trial.queuedAt.getTime()) / 1000;
  if (seconds >= 0) dispatchLatency.observe(seconds);
}

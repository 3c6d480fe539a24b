/** The worker's heartbeat (core NATS workers.heartbeat): who it is, its backend, what it trains. */
import { randomUUID } from 'node:crypto';
import { errorMessage } from '@trialgrid/errors';
import { publishCore, type WorkerHeartbeat } from '@trialgrid/messaging';
import type { WorkerRuntime } from './runtime.js';

/** This process's instance id (heartbeat `instance`): new at every start of the worker. */
const INSTANCE = randomUUID();

/** Publishes one heartbeat; never throws (a failed publish is logged). */
export function publishHeartbeat(rt: WorkerRuntime, status?: WorkerHeartbeat['status']): void {
    if (rt.m.nc.isClosed()) return;
    const ids = [...rt.running.keys()];
    try {
      publishCore(rt.m, rt.m.subjects.workerHeartbeat, 'worker.heartbeat', {
        workerId: rt.config.workerId,
        hostname: rt.provenance?.hostname ?? 'unknown',
        pid: process.pid,
        backend: rt.backend?.name ?? 'unknown',
        status: status ?? (ids.length > 0 ? 'BUSY' : 'IDLE'),
        currentTrialId: ids[0] ?? null,
        concurrency: rt.config.concurrency,
        details: { runningTrials: ids, backendDetails: rt.backend?.details ?? {} },
        instance: INSTANCE,
      });
    } catch (err) {
      rt.log.warn({ err: errorMessage(err) }, 'heartbeat publish failed');
    }
  }

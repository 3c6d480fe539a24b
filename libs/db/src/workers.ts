import { and, asc, desc, ne, sql } from 'drizzle-orm';
import type { DbExecutor } from './client.js';
import { workers } from './schema.js';

export type Worker = typeof workers.$inferSelect;
export type WorkerStatus = Worker['status'];

export interface WorkerHeartbeat {
  id: string;
  hostname: string;
  pid: number;
  backend: string;
  status: WorkerStatus;
  currentTrialId?: string | null;
  concurrency?: number;
  details?: Record<string, unknown>;
  /** When this worker process started; kept from the first heartbeat when omitted. */
  startedAt?: Date;
  /**
   * The worker process's instance id (kept in details.instance). When it differs from the
   * stored one, a new process took the worker id over: started_at becomes the database's now().
   */
  instance?: string;
}

/** Registers a worker or refreshes it; last_heartbeat_at is the database clock (now()). */
export async function upsertWorkerHeartbeat(db: DbExecutor, hb: WorkerHeartbeat): Promise<Worker> {
  const values = {
    id: hb.id,
    hostname: hb.hostname,
    pid: hb.pid,
    backend: hb.backend,
    status: hb.status,
    currentTrialId: hb.currentTrialId ?? null,
    concurrency: hb.concurrency ?? 1,
    details: hb.instance === undefined ? (hb.details ?? {}) : { ...hb.details, instance: hb.instance },
    ...(hb.startedAt ? { startedAt: hb.startedAt } : {}),
  };
  const [row] = await db
    .insert(workers)
    .values(values)
    .onConflictDoUpdate({
      target: workers.id,
      set: {
        hostname: values.hostname,
        pid: values.pid,
        backend: values.backend,
        status: values.status,
        currentTrialId: values.currentTrialId,
        concurrency: values.concurrency,
        details: values.details,
        ...(hb.startedAt
          ? { startedAt: hb.startedAt }
          : hb.instance === undefined
            ? {}
            : { startedAt: sql`case when ${workers.details}->>'instance' is distinct from ${hb.instance} then now() else ${workers.startedAt} end` }),
        lastHeartbeatAt: sql`now()`,
      },
    })
    .returning();
  return row as Worker;
}

/**
 * Workers, most recent heartbeat first; `aliveSince` keeps only those not STOPPED and heard
 * from after it (the API's `workers(includeDead: false)` and the queue board).
 */
export async function listWorkers(db: DbExecutor, options: { aliveSince?: Date } = {}): Promise<Worker[]> {
  const where = options.aliveSince
    ? and(sql`${workers.lastHeartbeatAt} >= ${options.aliveSince.toISOString()}::timestamptz`, ne(workers.status, 'STOPPED'))
    : undefined;
  return db.select().from(workers).where(where).orderBy(desc(workers.lastHeartbeatAt), asc(workers.id));
}


/**
 * Ids of the workers that count as alive: not STOPPED, with a heartbeat less than `staleAfterMs`
 * (milliseconds) old by the database's clock (the clock that stamps last_heartbeat_at).
 */
export async function liveWorkerIds(db: DbExecutor, staleAfterMs: number): Promise<Set<string>> {
  const rows = await db
    .select({ id: workers.id, status: workers.status, fresh: sql<boolean>`${workers.lastHeartbeatAt} > now() - make_interval(secs => ${staleAfterMs / 1000})` })
    .from(workers);
  return new Set(rows.filter((w) => w.fresh && w.status !== 'STOPPED').map((w) => w.id));
}

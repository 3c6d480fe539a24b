/**
 * Scheduler composition root: config → logger → Postgres (migrated here: the scheduler owns
 * the schema) → NATS (+ streams/consumers) → scheduler. Shutdown runs in reverse: the
 * scheduler first (stops serving and consuming), then NATS, then Postgres.
 */
import { natsConnection } from '@trialgrid/config';
import { createDatabase, ensureDatabaseExists, migrate } from '@trialgrid/db';
import { runService } from '@trialgrid/lifecycle';
import { connectMessaging, ensureTopology } from '@trialgrid/messaging';
import { schedulerEnv, toSchedulerConfig } from './config.js';
import { createScheduler } from './scheduler.js';

await runService({
  name: 'scheduler',
  config: schedulerEnv,
  healthPort: (c) => c.HEALTH_PORT,
  async start(ctx) {
    const config = toSchedulerConfig(ctx.config);
    const log = ctx.log;

    await ensureDatabaseExists(ctx.config.DATABASE_URL);
    const database = createDatabase({ url: ctx.config.DATABASE_URL, max: 10, logger: log });
    ctx.onShutdown('postgres', () => database.close());
    ctx.addReadinessCheck('postgres', () => database.ping());
    await migrate(database.db, log);

    const messaging = await connectMessaging({ ...natsConnection(ctx.config), name: 'scheduler', role: 'scheduler', logger: log });
    ctx.onShutdown('nats', () => messaging.close());
    ctx.addReadinessCheck('nats', () => messaging.ping());
    // No JetStream delivery limit: outages and hand-backs redeliver too, so the scheduler counts
    // crashes in Postgres instead and fails a trial after MAX_DELIVER of them (crashes.ts).
    await ensureTopology(messaging, { ackWaitMs: config.ackWaitMs, maxDeliver: -1 });

    const scheduler = createScheduler({ db: database.db, messaging, logger: log, config });
    ctx.onShutdown('scheduler', () => scheduler.stop());
    await scheduler.start();
  },
});

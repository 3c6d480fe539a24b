/**
 * Registry composition root: config → logger → Postgres (waits for the schema the scheduler
 * migrates) → NATS → registry. Shutdown runs in reverse.
 */
import { natsConnection } from '@trialgrid/config';
import { createDatabase, waitForSchema } from '@trialgrid/db';
import { runService } from '@trialgrid/lifecycle';
import { connectMessaging } from '@trialgrid/messaging';
import { registryEnv, toRegistryConfig } from './config.js';
import { createRegistry } from './registry.js';

await runService({
  name: 'registry',
  config: registryEnv,
  healthPort: (c) => c.HEALTH_PORT,
  async start(ctx) {
    const config = toRegistryConfig(ctx.config);
    const log = ctx.log;

    const database = createDatabase({ url: ctx.config.DATABASE_URL, logger: log });
    ctx.onShutdown('postgres', () => database.close());
    ctx.addReadinessCheck('postgres', () => database.ping());
    await waitForSchema(database.pool, { logger: log, stopping: ctx.stopping, table: 'model_versions' });

    const messaging = await connectMessaging({ ...natsConnection(ctx.config), name: 'registry', role: 'registry', logger: log });
    ctx.onShutdown('nats', () => messaging.close());
    ctx.addReadinessCheck('nats', () => messaging.ping());

    const registry = createRegistry({ db: database.db, messaging, logger: log, config });
    ctx.onShutdown('registry', () => registry.stop());
    await registry.start();
  },
});

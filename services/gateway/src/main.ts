/**
 * Composition root of the gateway: `node services/gateway/dist/main.js`.
 * Shutdown order (reverse of creation): HTTP/WebSocket server, then NATS, then Postgres.
 */
import { hostname } from 'node:os';
import { natsConnection } from '@trialgrid/config';
import { createDatabase } from '@trialgrid/db';
import { runService } from '@trialgrid/lifecycle';
import { connectMessaging } from '@trialgrid/messaging';
import { gatewayEnv } from './config.js';
import { createGateway } from './server.js';

await runService({
  name: 'gateway',
  config: gatewayEnv,
  // The gateway serves /healthz and /readyz itself on PORT.
  healthPort: () => null,
  async start(ctx) {
    const { config, log } = ctx;
    const database = createDatabase({ url: config.DATABASE_URL, logger: log, max: config.DB_POOL_SIZE, statementTimeoutMs: config.DB_STATEMENT_TIMEOUT });
    ctx.onShutdown('postgres', () => database.close());
    const messaging = await connectMessaging({
      ...natsConnection(config),
      name: `gateway-${hostname()}-${process.pid}`,
      role: 'gateway',
      logger: log,
    });
    ctx.onShutdown('nats', () => messaging.close());
    const gateway = createGateway({ db: database.db, messaging, logger: log, config });
    ctx.onShutdown('http', () => gateway.stop());
    await gateway.start();
  },
});

/**
 * Worker composition root: config → logger → NATS → worker. A worker holds no database
 * credentials: NATS is its only connection. Shutdown runs in reverse: the worker first (stops
 * pulling, hands a running trial back), then NATS.
 */
import { natsConnection } from '@trialgrid/config';
import { runService } from '@trialgrid/lifecycle';
import { connectMessaging } from '@trialgrid/messaging';
import { toWorkerConfig, workerEnv } from './config.js';
import { createWorker } from './worker.js';

await runService({
  name: 'worker',
  config: workerEnv,
  healthPort: (c) => c.HEALTH_PORT,
  // A trial is stopped within one batch; saving nothing else takes long.
  shutdownTimeoutMs: 30_000,
  async start(ctx) {
    const config = toWorkerConfig(ctx.config);
    const log = ctx.log;

    const messaging = await connectMessaging({ ...natsConnection(ctx.config), name: `worker-${config.workerId}`, role: 'worker', logger: log });
    ctx.onShutdown('nats', () => messaging.close());
    ctx.addReadinessCheck('nats', () => messaging.ping());

    const worker = createWorker({ messaging, logger: log, config });
    ctx.onShutdown('worker', () => worker.stop());
    try {
      await worker.start();
    } catch (err) {
      log.error({ err }, 'worker failed to start');
      throw err;
    }
  },
});

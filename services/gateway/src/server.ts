/**
 * The gateway as an in-process component: Express 5 + Apollo Server 5 on one HTTP server, with
 * graphql-ws subscriptions on the same port and path (/graphql), health routes, artifact
 * downloads, bull-board at /queues and the dashboard's static files at /.
 *
 * ```ts
 * const gateway = createGateway({ db, messaging, logger, config: gatewayConfig({ PORT: '0' }) });
 * const { url } = await gateway.start();   // http://127.0.0.1:<port>
 * await gateway.stop();
 * ```
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { makeExecutableSchema } from '@graphql-tools/schema';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Database } from '@trialgrid/db';
import { errorMessage } from '@trialgrid/errors';
import type { Logger } from '@trialgrid/logger';
import type { Messaging } from '@trialgrid/messaging';
import { artifactRouter } from './artifacts.js';
import { createCommands, type Commands } from './commands.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { dashboardMiddleware } from './dashboard.js';
import { createFormatError } from './errors.js';
import { createLoaders } from './loaders.js';
import { createNatsPubSub, type NatsPubSub } from './pubsub.js';
import { TrialQueueAdapter, queueBoardRouter } from './queue-board.js';
import { typeDefs } from './generated/schema.js';
import { resolvers } from './resolvers/index.js';

export interface GatewayDeps {
  db: Database;
  messaging: Messaging;
  logger: Logger;
  config: GatewayConfig;
  /** An SDL file to serve instead of the generated copy of /schema.graphql (tests). */
  schemaPath?: string;
}

export interface Gateway {
  /** Listen on config HOST:PORT (PORT 0 = a free port). */
  start(): Promise<{ url: string; port: number }>;
  /** Drain HTTP + WebSocket clients, end subscriptions. Idempotent. */
  stop(): Promise<void>;
  readonly pubsub: NatsPubSub;
  readonly schema: GraphQLSchema;
}

/** The built dashboard beside this package: services/dashboard/dist. */
export const DEFAULT_DASHBOARD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dashboard', 'dist');

/**
 * The executable schema: the contract as generated into src/generated/schema.ts (so a deployed
 * gateway needs no schema.graphql), or the SDL file at `schemaPath`.
 */
export function buildSchema(schemaPath?: string): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: schemaPath ? readFileSync(schemaPath, 'utf8') : typeDefs, resolvers });
}

type State = { kind: 'new' } | { kind: 'started'; url: string; port: number } | { kind: 'stopping'; done: Promise<void> };

export function createGateway(deps: GatewayDeps): Gateway {
  const { db, messaging, config } = deps;
  const logger = deps.logger.child({ component: 'gateway' });
  const schema = buildSchema(deps.schemaPath);
  const commands: Commands = createCommands(messaging, config.COMMAND_TIMEOUT);
  const pubsub = createNatsPubSub(messaging, { logger });
  const formatError = createFormatError(logger);
  const context = (): GatewayContext => ({ db, messaging, logger, config, commands, pubsub, loaders: createLoaders(db) });

  const app: Express = express();
  app.disable('x-powered-by');
  const httpServer: Server = createServer(app);
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer<Record<string, unknown> | undefined, Record<PropertyKey, never>>(
    {
      schema,
      context: () => context(),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
    },
    wsServer,
  );

  // Disposed from Apollo's drain (when started) or from stop(): once only.
  let wsDisposal: Promise<void> | undefined;
  const disposeWs = (): Promise<void> => (wsDisposal ??= Promise.resolve(wsCleanup.dispose()));

  const apollo = new ApolloServer<GatewayContext>({
    schema,
    formatError,
    // main.ts owns the signals (runService); Apollo must not exit the process on its own.
    stopOnTerminationSignals: false,
    introspection: true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              // Subscriptions first: their async iterators unsubscribe from NATS on return().
              await disposeWs();
              pubsub.close();
            },
          };
        },
      },
    ],
  });

  let stopping = false;
  let state: State = { kind: 'new' };

  const readiness = async (): Promise<Record<string, string>> => {
    const checks: Record<string, string> = {};
    await Promise.all([
      // The reason goes to the log: driver messages name internal hosts and ports.
      db.$client.query('select 1').then(
        () => (checks['postgres'] = 'ok'),
        (err: unknown) => {
          logger.debug({ err: errorMessage(err) }, 'readiness: postgres unavailable');
          checks['postgres'] = 'unavailable';
        },
      ),
      messaging.ping().then(
        () => (checks['nats'] = 'ok'),
        (err: unknown) => {
          logger.debug({ err: errorMessage(err) }, 'readiness: nats unavailable');
          checks['nats'] = 'unavailable';
        },
      ),
    ]);
    return checks;
  };

  async function mount(): Promise<void> {
    await apollo.start();
    app.get('/healthz', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.get('/readyz', (_req, res) => {
      void readiness().then((checks) => {
        const ok = !stopping && Object.values(checks).every((v) => v === 'ok');
        res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', checks, ...(stopping ? { stopping: true } : {}) });
      });
    });
    app.use('/graphql', express.json({ limit: '20mb' }), expressMiddleware(apollo, { context: async () => context() }));
    app.use('/artifacts', artifactRouter({ db, artifactDir: resolve(config.ARTIFACT_DIR), logger }));
    const boardLogger = logger.child({ component: 'queue-board' });
    const adapter = new TrialQueueAdapter({ db, messaging, commands, logger: boardLogger, workerStaleAfterMs: config.WORKER_STALE_AFTER });
    app.use('/queues', queueBoardRouter('/queues', adapter, boardLogger));
    const dashboardDir = config.DASHBOARD_DIR ?? DEFAULT_DASHBOARD_DIR;
    if (existsSync(join(dashboardDir, 'index.html'))) {
      app.use(dashboardMiddleware(dashboardDir));
      logger.info({ dashboardDir }, 'serving the dashboard at /');
    } else {
      logger.info({ dashboardDir }, 'no dashboard build found; / is not served');
    }
  }

  return {
    pubsub,
    schema,
    async start() {
      if (state.kind === 'started') return { url: state.url, port: state.port };
      if (state.kind !== 'new') throw new Error('gateway was stopped');
      await mount();
      await new Promise<void>((resolveListen, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.PORT, config.HOST, () => {
          httpServer.off('error', reject);
          resolveListen();
        });
      });
      const address = httpServer.address();
      const port = typeof address === 'object' && address ? address.port : config.PORT;
      const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
      const url = `http://${host}:${port}`;
      state = { kind: 'started', url, port };
      logger.info({ url, graphql: `${url}/graphql` }, 'gateway listening');
      return { url, port };
    },
    stop() {
      if (state.kind === 'stopping') return state.done;
      const wasStarted = state.kind === 'started';
      stopping = true;
      const done = (async () => {
        // Each step on its own: a failing one must not keep the others from running.
        try {
          if (wasStarted) await apollo.stop();
        } catch (err) {
          logger.warn({ err: errorMessage(err) }, 'apollo stop failed');
        }
        try {
          await disposeWs();
        } catch (err) {
          logger.warn({ err: errorMessage(err) }, 'graphql-ws dispose failed');
        }
        pubsub.close();
        await new Promise<void>((r) => wsServer.close(() => r()));
        if (httpServer.listening) {
          await new Promise<void>((r) => {
            httpServer.close(() => r());
            httpServer.closeAllConnections();
          });
        }
      })();
      state = { kind: 'stopping', done };
      return done;
    },
  };
}

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
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { makeExecutableSchema } from '@graphql-tools/schema';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { execute, GraphQLError, getOperationAST, OperationTypeNode, parse, specifiedRules, validate, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import helmet from 'helmet';
import { LRUCache } from 'lru-cache';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Database } from '@trialgrid/db';
import { errorMessage, isAppError } from '@trialgrid/errors';
import type { Logger } from '@trialgrid/logger';
import type { Messaging } from '@trialgrid/messaging';
import { metricsHandler } from '@trialgrid/metrics';
import { artifactRouter } from './artifacts.js';
import { AUTH_UNAVAILABLE_MESSAGE, bearerToken, connectionParamsToken, createAuthenticator, isAuthOutage, originAllowed, type Principal } from './auth.js';
import { createCommands, type Commands } from './commands.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { dashboardMiddleware } from './dashboard.js';
import { runWithDbShare, shareDbPool } from './db-share.js';
import { createFormatError } from './errors.js';
import { graphqlMetricsPlugin, refuseGraphql, timeRefusals } from './graphql-metrics.js';
import { guardOperationInputs } from './input-guard.js';
import { httpAuth, sessionRouter } from './http-auth.js';
import { checkCost, limitError, limitRules, operationCost, shapeCheck, withTimeBudget, type Deadline } from './limits.js';
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
  return withTimeBudget(makeExecutableSchema({ typeDefs: schemaPath ? readFileSync(schemaPath, 'utf8') : typeDefs, resolvers }));
}

/** Where the dashboard's sign-in page is; `?next=` is appended. */
export const SIGN_IN_PATH = '/#/signin?next=';

/** graphql-ws close codes of the gateway (4400-4499 are the application's to choose). */
/** WebSocket close codes of the gateway: graphql-ws's 4401 and 4429, and RFC 6455's 1013 "Try Again Later" (the token could not be checked). */
export const WS_CLOSE = { UNAUTHORIZED: 4401, TOO_MANY_CONNECTIONS: 4429, TRY_AGAIN_LATER: 1013 } as const;

type State = { kind: 'new' } | { kind: 'started'; url: string; port: number } | { kind: 'stopping'; done: Promise<void> };

export function createGateway(deps: GatewayDeps): Gateway {
  const { db, messaging, config } = deps;
  const logger = deps.logger.child({ component: 'gateway' });
  const schema = buildSchema(deps.schemaPath);
  const commands: Commands = createCommands(messaging, config.COMMAND_TIMEOUT);
  const pubsub = createNatsPubSub(messaging, { logger });
  const formatError = createFormatError(logger);
  const auth = createAuthenticator(db);
  const dev = config.GATEWAY_DEV_MODE;
  const validationRules = limitRules({ maxDepth: config.MAX_QUERY_DEPTH, maxAliases: config.MAX_QUERY_ALIASES });
  const deadline = (): Deadline => ({ at: Date.now() + config.REQUEST_TIMEOUT, budgetMs: config.REQUEST_TIMEOUT });
  const context = (principal: Principal, limit?: Deadline): GatewayContext => ({
    db,
    messaging,
    logger,
    config,
    commands,
    pubsub,
    loaders: createLoaders(db),
    principal,
    auth,
    ...(limit ? { deadline: limit } : {}),
  });
  // One client's fan-out must not take every Postgres connection (db-share.ts).
  shareDbPool(db.$client);

  // The query-shape limits (tokens, depth, aliases, repeated fields, fragments) before anything
  // else looks at an operation: O(document) and cached per query text, so a refused query costs
  // little however often it is sent (limits.ts explains the order).
  const shapeVerdicts = new LRUCache<string, readonly GraphQLError[]>({ maxSize: 8 * 1024 * 1024, sizeCalculation: (_v, query) => query.length + 1 });
  const shapeErrors = (query: string): readonly GraphQLError[] => {
    const cached = shapeVerdicts.get(query);
    if (cached) return cached;
    const { errors } = shapeCheck(schema, query, { maxTokens: config.MAX_QUERY_TOKENS, rules: validationRules });
    if (query.length <= 256 * 1024) shapeVerdicts.set(query, errors);
    return errors;
  };
  // HTTP GraphQL requests: who is calling, found from the Authorization header alone.
  const httpPrincipals = new WeakMap<object, Principal>();
  const authenticateHttp: RequestHandler = (req, res, next) => {
    // A GET without a query executes nothing (Apollo's landing page in development mode).
    if (req.method === 'GET' && req.query['query'] === undefined) {
      next();
      return;
    }
    auth.authenticate(bearerToken(req.headers.authorization)).then(
      (principal) => {
        httpPrincipals.set(req, principal);
        next();
      },
      (err: unknown) => {
        if (isAppError(err) && err.code === 'UNAUTHENTICATED') {
          refuseGraphql(res, 401, [{ message: err.message, extensions: { code: 'UNAUTHENTICATED' } }]);
          return;
        }
        if (isAuthOutage(err)) {
          logger.warn({ err: errorMessage(err) }, 'token check: database unavailable');
          refuseGraphql(res, 503, [{ message: AUTH_UNAVAILABLE_MESSAGE, extensions: { code: 'SERVICE_UNAVAILABLE' } }]);
          return;
        }
        next(err);
      },
    );
  };
  const refuseBadShape: RequestHandler = (req, res, next) => {
    const body = req.body as { query?: unknown } | undefined;
    const query = typeof body?.query === 'string' ? body.query : req.method === 'GET' && typeof req.query['query'] === 'string' ? req.query['query'] : undefined;
    const errors = query === undefined ? [] : shapeErrors(query);
    if (errors.length === 0) {
      next();
      return;
    }
    // Apollo's response shape; `extensions.http` is Apollo's instruction, not for the client.
    refuseGraphql(
      res,
      400,
      errors.map((e) => ({ message: e.message, extensions: { code: String(e.extensions['code']), ...Object.fromEntries(Object.entries(e.extensions).filter(([k]) => k !== 'http')) } })),
    );
  };

  const app: Express = express();
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Vite's and bull-board's stylesheets are files; the UIs also set style attributes.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // The pages load nothing from other origins; no need to isolate them further.
      crossOriginEmbedderPolicy: false,
      // Plain-http deployments (127.0.0.1) must not be pinned to https.
      strictTransportSecurity: false,
    }),
  );
  const httpServer: Server = createServer(app);

  // Browsers send Origin on every WebSocket; a page from another origin must not reach the API
  // with the user's network position (graphql-ws has no CSRF protection of its own).
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: config.MAX_BODY_BYTES,
    verifyClient: ({ origin, req }, done) => {
      if (!originAllowed(origin, req.headers.host, config.ALLOWED_ORIGINS)) {
        logger.warn({ origin }, 'WebSocket from a foreign origin refused');
        done(false, 403, 'Origin not allowed');
        return;
      }
      if (wsServer.clients.size >= config.MAX_CONNECTIONS) {
        done(false, 503, 'Too many connections');
        return;
      }
      done(true);
    },
  });
  type WsExtra = { socket: WebSocket; request: IncomingMessage };
  const principals = new WeakMap<object, Principal>();
  const connectionsPerToken = new Map<string, number>();
  const wsCleanup = useServer<Record<string, unknown> | undefined, WsExtra>(
    {
      schema,
      // connection_init: no valid token, no connection (4401). Over the cap per token: 4429.
      async onConnect(ctx) {
        const token = connectionParamsToken(ctx.connectionParams) ?? bearerToken(ctx.extra.request.headers.authorization);
        let principal: Principal;
        try {
          principal = await auth.authenticate(token);
        } catch (err) {
          if (isAuthOutage(err)) {
            // Not the token's fault: a client retries on 1013 (graphql-ws treats 4401 as final).
            logger.warn({ err: errorMessage(err) }, 'WebSocket token check: database unavailable');
            ctx.extra.socket.close(WS_CLOSE.TRY_AGAIN_LATER, 'Database unavailable; try again later');
            return false;
          }
          if (!isAppError(err) || err.code !== 'UNAUTHENTICATED') logger.error({ err }, 'WebSocket authentication failed');
          ctx.extra.socket.close(WS_CLOSE.UNAUTHORIZED, 'Unauthorized');
          return false;
        }
        const open = connectionsPerToken.get(principal.tokenId) ?? 0;
        if (open >= config.MAX_CONNECTIONS_PER_TOKEN) {
          ctx.extra.socket.close(WS_CLOSE.TOO_MANY_CONNECTIONS, `At most ${config.MAX_CONNECTIONS_PER_TOKEN} connections per token`);
          return false;
        }
        connectionsPerToken.set(principal.tokenId, open + 1);
        principals.set(ctx, principal);
        return true;
      },
      onClose(ctx) {
        const principal = principals.get(ctx);
        if (!principal) return;
        principals.delete(ctx);
        const open = (connectionsPerToken.get(principal.tokenId) ?? 1) - 1;
        if (open <= 0) connectionsPerToken.delete(principal.tokenId);
        else connectionsPerToken.set(principal.tokenId, open);
      },
      // The same checks as over HTTP: parse (token limit), validate (depth, aliases), cost.
      onSubscribe(ctx: WsContext<Record<string, unknown> | undefined, WsExtra>, _id, payload) {
        const principal = principals.get(ctx);
        if (!principal) return [new GraphQLError('not authenticated', { extensions: { code: 'UNAUTHENTICATED' } })];
        // graphql-ws has already reserved this operation's id in ctx.subscriptions.
        if (Object.keys(ctx.subscriptions).length > config.MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [limitError('subscriptions', `At most ${config.MAX_SUBSCRIPTIONS_PER_CONNECTION} operations at once on one connection`)];
        }
        // The limits first (cheap), graphql-js's own validation only for what passed them.
        const shapeRefusals = shapeErrors(payload.query);
        if (shapeRefusals.length > 0) return [...shapeRefusals];
        let document;
        try {
          document = parse(payload.query, { maxTokens: config.MAX_QUERY_TOKENS });
        } catch (err) {
          if (err instanceof GraphQLError) return [err];
          throw err;
        }
        const errors = validate(schema, document, specifiedRules);
        if (errors.length > 0) return [...errors];
        const operation = getOperationAST(document, payload.operationName);
        try {
          guardOperationInputs(document, payload.variables ?? undefined);
          checkCost(operationCost(schema, document, payload.variables ?? undefined, payload.operationName), config.MAX_QUERY_COST);
        } catch (err) {
          if (err instanceof GraphQLError) return [err];
          throw err;
        }
        const args: ExecutionArgs = {
          schema,
          document,
          variableValues: payload.variables ?? null,
          operationName: payload.operationName ?? null,
          // A subscription lives as long as the client wants; one query or mutation has a budget.
          contextValue: context(principal, operation?.operation === OperationTypeNode.SUBSCRIPTION ? undefined : deadline()),
        };
        return args;
      },
      execute: (args) => runWithDbShare(config.DB_CONNECTIONS_PER_REQUEST, () => execute(args)),
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
    // Both only when development mode is asked for explicitly (GATEWAY_DEV_MODE=true).
    introspection: dev,
    includeStacktraceInErrorResponses: dev,
    validationRules,
    parseOptions: { maxTokens: config.MAX_QUERY_TOKENS },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(dev ? [] : [ApolloServerPluginLandingPageDisabled()]),
      graphqlMetricsPlugin<GatewayContext>(),
      {
        // Cost needs the variables (`first: $n`), so it is checked once the operation is known.
        async requestDidStart() {
          return {
            async didResolveOperation({ request, document, operationName }) {
              // Non-finite numbers and unstorable text are refused before any resolver runs.
              guardOperationInputs(document, request.variables);
              checkCost(operationCost(schema, document, request.variables, operationName), config.MAX_QUERY_COST);
            },
          };
        },
      },
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
          logger.debug({ err }, 'readiness: postgres unavailable');
          checks['postgres'] = 'unavailable';
        },
      ),
      messaging.ping().then(
        () => (checks['nats'] = 'ok'),
        (err: unknown) => {
          logger.debug({ err }, 'readiness: nats unavailable');
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
    // Prometheus metrics of this process (libs/metrics); like /healthz, not behind a token.
    app.get('/metrics', metricsHandler);
    app.get('/readyz', (_req, res) => {
      void readiness().then((checks) => {
        const ok = !stopping && Object.values(checks).every((v) => v === 'ok');
        res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', checks, ...(stopping ? { stopping: true } : {}) });
      });
    });
    app.use(
      '/graphql',
      // Each operation gets its own share of the Postgres pool (db-share.ts).
      (_req, _res, next) => runWithDbShare(config.DB_CONNECTIONS_PER_REQUEST, next),
      // Requests refused below, before Apollo, still count in the operation histogram.
      timeRefusals(),
      // Cheapest refusals first: the token (a header; cached lookups) before the body is read
      // and parsed (up to MAX_BODY_BYTES), then the query's shape, then Apollo.
      authenticateHttp,
      express.json({ limit: config.MAX_BODY_BYTES }),
      refuseBadShape,
      expressMiddleware(apollo, {
        context: ({ req }) => {
          const principal = httpPrincipals.get(req);
          if (!principal) throw new GraphQLError('not authenticated', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
          return Promise.resolve(context(principal, deadline()));
        },
      }),
    );
    const httpAuthOptions = { auth, allowedOrigins: config.ALLOWED_ORIGINS, signInPath: SIGN_IN_PATH };
    app.use('/auth/session', sessionRouter({ auth, allowedOrigins: config.ALLOWED_ORIGINS, secure: (req) => req.secure }));
    app.use('/artifacts', httpAuth({ ...httpAuthOptions, read: 'viewer', write: 'admin' }), artifactRouter({ db, artifactDir: resolve(config.ARTIFACT_DIR), logger }));
    const boardLogger = logger.child({ component: 'queue-board' });
    const adapter = new TrialQueueAdapter({ db, messaging, commands, logger: boardLogger, workerStaleAfterMs: config.WORKER_STALE_AFTER });
    // Looking is for viewers; retrying (every PUT / POST of bull-board's API) for admins.
    app.use(
      '/queues',
      httpAuth({ ...httpAuthOptions, read: 'viewer', write: 'admin' }),
      express.json({ limit: config.MAX_BODY_BYTES }),
      queueBoardRouter('/queues', adapter, boardLogger),
    );
    const dashboardDir = config.DASHBOARD_DIR ?? DEFAULT_DASHBOARD_DIR;
    if (existsSync(join(dashboardDir, 'index.html'))) {
      app.use(dashboardMiddleware(dashboardDir));
      logger.info({ dashboardDir }, 'serving the dashboard at /');
    } else {
      logger.info({ dashboardDir }, 'no dashboard build found; / is not served');
    }
    app.use(bodyErrors);
  }

  /**
   * Body parser failures: 413 for an oversized body, 400 for malformed JSON. The body itself is
   * neither echoed to the client nor logged (it may be large, or someone else's secret).
   */
  const bodyErrors: ErrorRequestHandler = (err: unknown, req, res, next) => {
    const e = err as { type?: string; status?: number; expose?: boolean } | undefined;
    if (res.headersSent) {
      next(err);
      return;
    }
    if (e?.type === 'entity.too.large') {
      refuseGraphql(res, 413, [{ message: `request body over ${config.MAX_BODY_BYTES} bytes`, extensions: { code: 'LIMIT_EXCEEDED', limit: 'body' } }]);
      return;
    }
    if (e?.type === 'entity.parse.failed' || (e?.status !== undefined && e.status >= 400 && e.status < 500)) {
      logger.debug({ path: req.path, type: e.type, length: req.headers['content-length'] }, 'malformed request body');
      refuseGraphql(res, e.status ?? 400, [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }]);
      return;
    }
    logger.error({ err, path: req.path }, 'request failed');
    res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  };

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
          logger.warn({ err }, 'apollo stop failed');
        }
        try {
          await disposeWs();
        } catch (err) {
          logger.warn({ err }, 'graphql-ws dispose failed');
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

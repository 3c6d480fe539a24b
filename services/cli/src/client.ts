/**
 * A small GraphQL client for the trialgrid gateway: queries and mutations over fetch POST,
 * subscriptions over graphql-ws on the same URL (http -> ws). Reusable by scripts and tests.
 *
 * ```ts
 * const gw = createGatewayClient({ url: 'http://127.0.0.1:4000/graphql' });
 * const { experiment } = await gw.request(EXPERIMENT, { id }); // a generated document (queries.ts): typed result and variables
 * const { experiments } = await gw.request<{ experiments: { totalCount: number } }>('{ experiments { totalCount } }');
 * const sub = gw.subscribe('subscription($id: ID) { experimentUpdated(id: $id) { status } }', { id }, { next: console.log });
 * await sub.ready; ...; sub.unsubscribe(); await gw.close();
 * ```
 */
import type { TypedDocument } from '@trialgrid/graphql-types';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export type { TypedDocument };

/** A failed GraphQL call: `code` is the GraphQL extensions.code (or UNREACHABLE / HTTP_<status>). */
export class GatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: { path?: readonly (string | number)[]; status?: number; errors?: unknown[] } = {},
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export interface GatewayClientOptions {
  /** GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  /** Per-request timeout (default 60 s; mutations wait for the scheduler's reply). */
  timeoutMs?: number;
  /** API token: sent as `Authorization: Bearer` and in the graphql-ws connectionParams. */
  token?: string;
}

export interface SubscriptionHandlers<T> {
  next(data: T): void;
  /** Subscription failed or the socket closed unexpectedly. */
  error?(err: GatewayError): void;
  complete?(): void;
}

export interface Subscription {
  /** Resolves once the socket is connected and the subscribe message is on its way. */
  ready: Promise<void>;
  unsubscribe(): void;
}

export interface GatewayClient {
  readonly url: string;
  /** A generated document: result and variables typed by it. */
  request<R, V>(document: TypedDocument<R, V>, variables?: V): Promise<R>;
  /** A document as text (scripts, tests): the caller states the result type. */
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  subscribe<R, V>(document: TypedDocument<R, V>, variables: V, handlers: SubscriptionHandlers<R>): Subscription;
  subscribe<T>(query: string, variables: Record<string, unknown>, handlers: SubscriptionHandlers<T>): Subscription;
  /**
   * Called after the subscription socket reconnected (events may have been missed while it
   * was down: re-read the state). Returns an unregister function.
   */
  onReconnected(fn: () => void): () => void;
  /** Closes the subscription socket (requests need no cleanup). Idempotent. */
  close(): Promise<void>;
}

interface GraphQLErrorShape {
  message?: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

/** The first GraphQL error as a GatewayError (code from extensions.code). */
export function toGatewayError(errors: readonly GraphQLErrorShape[], status?: number): GatewayError {
  const first = errors[0] ?? {};
  const code = first.extensions?.code ?? 'GRAPHQL_ERROR';
  const more = errors.length > 1 ? ` (+${errors.length - 1} more)` : '';
  return new GatewayError(code, `${first.message ?? 'unknown error'}${more}`, {
    ...(first.path ? { path: first.path } : {}),
    ...(status !== undefined ? { status } : {}),
    errors: [...errors],
  });
}

/** ws(s):// URL of the subscription endpoint for an http(s):// GraphQL URL. */
export function websocketUrl(httpUrl: string): string {
  const u = new URL(httpUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.toString();
}

function unreachable(url: string, cause: unknown): GatewayError {
  const inner = (cause as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const reason = inner?.code ?? inner?.message ?? (cause instanceof Error ? cause.message : String(cause));
  return new GatewayError('UNREACHABLE', `cannot connect to the gateway at ${url} (${reason}); is it running? Start it with \`npm start\` in another terminal, or pass --url / GATEWAY_URL`);
}

export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const url = options.url;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const authorization: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  let ws: Client | undefined;
  let closed = false;
  let connections = 0;
  let connected = false;
  const reconnectListeners = new Set<() => void>();

  async function request<T>(document: string | TypedDocument<T, unknown>, variables: unknown = {}): Promise<T> {
    const query = String(document);
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...authorization },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
        throw new GatewayError('TIMEOUT', `no answer from ${url} within ${timeoutMs} ms`);
      }
      throw unreachable(url, err);
    }
    const text = await res.text();
    let body: { data?: T | null; errors?: GraphQLErrorShape[] } | undefined;
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = undefined;
    }
    if (body?.errors && body.errors.length > 0) throw toGatewayError(body.errors, res.status);
    if (!res.ok || !body) {
      throw new GatewayError(`HTTP_${res.status}`, `gateway answered ${res.status} ${res.statusText}: ${text.slice(0, 200)}`, { status: res.status });
    }
    if (body.data === undefined || body.data === null) throw new GatewayError('GRAPHQL_ERROR', 'response without data');
    return body.data;
  }

  function socket(): Client {
    if (closed) throw new GatewayError('CLOSED', 'client is closed');
    ws ??= createClient({
      url: websocketUrl(url),
      webSocketImpl: WebSocket,
      lazy: true,
      connectionParams: authorization,
      retryAttempts: 8,
      retryWait: (retries) => new Promise((r) => setTimeout(r, Math.min(4000, 250 * 2 ** retries))),
      // A gateway that is down fails at once; a socket that worked (or a gateway too busy to
      // answer connection_init in time, close code 4408) is retried and re-subscribed.
      shouldRetry: (event) => connections > 0 || (event as { code?: number } | undefined)?.code === 4408,
      on: {
        closed: () => {
          connected = false;
        },
        connected: () => {
          connected = true;
          connections += 1;
          if (connections > 1) for (const fn of reconnectListeners) fn();
        },
      },
    });
    return ws;
  }

  function subscribe<T>(document: string | TypedDocument<T, unknown>, variables: unknown, handlers: SubscriptionHandlers<T>): Subscription {
    const query = String(document);
    const client = socket();
    let settle: { resolve: () => void; reject: (e: GatewayError) => void } | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // Unhandled if nobody awaits `ready`; the error also goes to handlers.error.
    ready.catch(() => undefined);
    const offConnected = client.on('connected', () => settle?.resolve());
    // Already connected: the subscribe message goes out on the open socket right away.
    if (connected) settle?.resolve();
    const fail = (raw: unknown): void => {
      const err = subscriptionError(url, raw);
      settle?.reject(err);
      handlers.error?.(err);
    };
    const unsubscribe = client.subscribe<T>(
      { query, variables: variables as Record<string, unknown> },
      {
        next: (msg) => {
          if (msg.errors && msg.errors.length > 0) fail(msg.errors);
          else if (msg.data) handlers.next(msg.data);
        },
        error: fail,
        complete: () => handlers.complete?.(),
      },
    );
    return {
      ready,
      unsubscribe: () => {
        offConnected();
        unsubscribe();
      },
    };
  }

  let closing: Promise<void> | undefined;
  return {
    url,
    request,
    subscribe,
    onReconnected: (fn) => {
      reconnectListeners.add(fn);
      return () => reconnectListeners.delete(fn);
    },
    close: () => {
      closed = true;
      closing ??= ws ? Promise.resolve(ws.dispose()) : Promise.resolve();
      return closing;
    },
  };
}

function subscriptionError(url: string, raw: unknown): GatewayError {
  if (Array.isArray(raw)) return toGatewayError(raw as GraphQLErrorShape[]);
  if (raw instanceof GatewayError) return raw;
  if (raw instanceof Error) {
    if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH/.test(raw.message)) return unreachable(url, { cause: { code: raw.message } });
    return new GatewayError('SUBSCRIPTION_FAILED', raw.message);
  }
  const ev = raw as { code?: number; reason?: string; type?: string; message?: string; error?: { message?: string } } | undefined;
  // The gateway closes an unauthenticated socket with 4401 at connection_init.
  if (ev && ev.code === 4401) return new GatewayError('UNAUTHENTICATED', `subscription socket refused: ${ev.reason || 'Unauthorized'}`);
  if (ev && typeof ev.code === 'number') {
    return new GatewayError('SUBSCRIPTION_CLOSED', `subscription socket closed (${ev.code}${ev.reason ? ` ${ev.reason}` : ''})`);
  }
  const msg = ev?.error?.message ?? ev?.message ?? 'subscription socket error';
  if (/ECONNREFUSED/.test(msg)) return unreachable(url, { cause: { code: 'ECONNREFUSED' } });
  return new GatewayError('SUBSCRIPTION_FAILED', msg);
}

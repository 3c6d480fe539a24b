/**
 * GraphQL over the same origin: queries/mutations by fetch POST to /graphql, subscriptions by
 * graphql-ws on ws(s)://<host>/graphql. One socket for the whole app.
 */
import { createClient, type Client } from 'graphql-ws';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GqlError {
  message?: string;
  extensions?: { code?: string };
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    throw new ApiError('UNREACHABLE', `gateway unreachable: ${err instanceof Error ? err.message : String(err)}`);
  }
  let body: { data?: T | null; errors?: GqlError[] } | undefined;
  try {
    body = (await res.json()) as typeof body;
  } catch {
    body = undefined;
  }
  const first = body?.errors?.[0];
  if (first) throw new ApiError(first.extensions?.code ?? 'GRAPHQL_ERROR', first.message ?? 'unknown error');
  if (!res.ok || !body?.data) throw new ApiError(`HTTP_${res.status}`, `gateway answered ${res.status}`);
  return body.data;
}

/** connecting: socket opening; live: socket open (subscriptions flow); offline: closed, retrying. */
type ConnState = 'connecting' | 'live' | 'offline';
const listeners = new Set<(s: ConnState) => void>();
let state: ConnState = 'connecting';
function setState(s: ConnState): void {
  state = s;
  for (const l of listeners) l(s);
}
export function onConnectionState(fn: (s: ConnState) => void): void {
  listeners.add(fn);
  fn(state);
}

let client: Client | undefined;
let everConnected = false;
const reconnectListeners = new Set<() => void>();
/** After the socket came back (events may have been missed): callers re-read their data. */
export function onReconnect(fn: () => void): void {
  reconnectListeners.add(fn);
}
function ws(): Client {
  client ??= createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    // one socket for the app's lifetime, opened at start: the badge reports its real state
    lazy: false,
    keepAlive: 10_000,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    on: {
      connecting: () => setState('connecting'),
      connected: () => {
        setState('live');
        if (everConnected) for (const fn of reconnectListeners) fn();
        everConnected = true;
      },
      closed: () => setState('offline'),
    },
  });
  return client;
}

/** Subscribes; returns the unsubscribe function. Errors go to `onError` (default: console). */
/** Opens the app's socket (idempotent). */
export function connectLive(): void {
  ws();
}

export function subscribe<T>(query: string, variables: Record<string, unknown>, onData: (data: T) => void, onError?: (err: ApiError) => void): () => void {
  const unsubscribe = ws().subscribe<T>(
    { query, variables },
    {
      next: (msg) => {
        if (msg.data) onData(msg.data);
        const first = (msg.errors as GqlError[] | undefined)?.[0];
        if (first) (onError ?? console.error)(new ApiError(first.extensions?.code ?? 'GRAPHQL_ERROR', first.message ?? 'error'));
      },
      error: (e) => {
        const first = Array.isArray(e) ? (e[0] as GqlError | undefined) : undefined;
        const err = first ? new ApiError(first.extensions?.code ?? 'GRAPHQL_ERROR', first.message ?? 'error') : new ApiError('SUBSCRIPTION', 'subscription failed');
        (onError ?? console.error)(err);
      },
      complete: () => undefined,
    },
  );
  return () => unsubscribe();
}

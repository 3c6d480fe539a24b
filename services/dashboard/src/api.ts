/**
 * GraphQL over the same origin: queries/mutations by fetch POST to /graphql, subscriptions by
 * graphql-ws on ws(s)://<host>/graphql. One socket for the whole app.
 */
import type { TypedDocument } from '@trialgrid/graphql-types';
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

const TOKEN_KEY = 'trialgrid.token';

/** The API token this browser signed in with (the sign-in page stores it), or null. */
export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

const unauthenticatedListeners = new Set<() => void>();
/** Called when the gateway refuses the token (expired, revoked) over HTTP or the socket. */
export function onUnauthenticated(fn: () => void): void {
  unauthenticatedListeners.add(fn);
}
function unauthenticated(): void {
  for (const fn of unauthenticatedListeners) fn();
}

/**
 * Checks `token` with the gateway and signs this browser in: the gateway sets its session
 * cookie (for the queue board and artifact downloads) and the token is kept for GraphQL
 * requests and the subscription socket. Throws ApiError UNAUTHENTICATED for a bad token.
 */
export async function signIn(token: string): Promise<{ owner: string; role: string }> {
  const res = await fetch('/auth/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  const body = (await res.json().catch(() => ({}))) as { owner?: string; role?: string; message?: string };
  if (!res.ok) throw new ApiError(res.status === 401 ? 'UNAUTHENTICATED' : `HTTP_${res.status}`, body.message ?? `sign-in failed (${res.status})`);
  localStorage.setItem(TOKEN_KEY, token);
  resetSocket();
  connectLive();
  return { owner: body.owner ?? '', role: body.role ?? '' };
}

/** Forgets the token and the session cookie. */
export async function signOut(): Promise<void> {
  localStorage.removeItem(TOKEN_KEY);
  resetSocket();
  await fetch('/auth/session', { method: 'DELETE' }).catch(() => undefined);
}

function authHeader(): Record<string, string> {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Query or mutation over HTTP; ApiError with the GraphQL error code on failure. */
export async function gql<R, V>(document: TypedDocument<R, V>, variables?: V): Promise<R> {
  const query = document.toString();
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...authHeader() },
      body: JSON.stringify({ query, variables: variables ?? {} }),
    });
  } catch (err) {
    throw new ApiError('UNREACHABLE', `gateway unreachable: ${err instanceof Error ? err.message : String(err)}`);
  }
  let body: { data?: R | null; errors?: GqlError[] } | undefined;
  try {
    body = (await res.json()) as typeof body;
  } catch {
    body = undefined;
  }
  const first = body?.errors?.[0];
  if (first?.extensions?.code === 'UNAUTHENTICATED') unauthenticated();
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
/** A new token: the next subscription opens a new socket with it. */
function resetSocket(): void {
  const old = client;
  client = undefined;
  everConnected = false;
  void old?.dispose();
}

function ws(): Client {
  client ??= createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    // The gateway closes a socket without a valid token at connection_init (4401).
    connectionParams: authHeader,
    // one socket for the app's lifetime, opened at start: the badge reports its real state
    lazy: false,
    keepAlive: 10_000,
    retryAttempts: Infinity,
    shouldRetry: (e) => (e as { code?: number } | undefined)?.code !== 4401,
    on: {
      connecting: () => setState('connecting'),
      connected: () => {
        setState('live');
        if (everConnected) for (const fn of reconnectListeners) fn();
        everConnected = true;
      },
      closed: (e) => {
        if ((e as { code?: number } | undefined)?.code === 4401) unauthenticated();
        setState('offline');
      },
    },
  });
  return client;
}

/** Subscribes; returns the unsubscribe function. Errors go to `onError` (default: console). */
/** Opens the app's socket (idempotent). */
export function connectLive(): void {
  ws();
}

export function subscribe<R, V>(document: TypedDocument<R, V>, variables: V, onData: (data: R) => void, onError?: (err: ApiError) => void): () => void {
  const unsubscribe = ws().subscribe<R>(
    { query: document.toString(), variables: variables as Record<string, unknown> },
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

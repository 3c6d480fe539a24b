/**
 * The token check when Postgres cannot be reached (a real database URL on a port where nothing
 * listens, a real NATS): every way in answers "unavailable, try again" — never 401 (the token
 * is not at fault) and never 500. The chaos suite met the 500 when its first request during a
 * Postgres outage came after the 5 s token cache had expired.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createDatabase, type DatabaseHandle } from '@trialgrid/db';
import { silentLogger } from '@trialgrid/logger';
import { freePort, startNats, type NatsFixture } from '@trialgrid/testing';
import { gatewayConfig } from './config.js';
import { createGateway, WS_CLOSE, type Gateway } from './server.js';

let nats: NatsFixture;
let database: DatabaseHandle;
let gateway: Gateway;
let url: string;
let dir: string;
const token = 'tg_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

before(async () => {
  nats = await startNats();
  database = createDatabase({ url: `postgres://postgres@127.0.0.1:${await freePort()}/nothing`, max: 2 });
  dir = await mkdtemp(join(tmpdir(), 'tg-auth-outage-'));
  const config = gatewayConfig({ PORT: '0', TRIALGRID_PREFIX: nats.prefix, ARTIFACT_DIR: dir, DASHBOARD_DIR: join(dir, 'none'), COMMAND_TIMEOUT: '3s' });
  gateway = createGateway({ db: database.db, messaging: nats.messaging, logger: silentLogger(), config });
  ({ url } = await gateway.start());
});

after(async () => {
  await gateway?.stop();
  await database?.close().catch(() => undefined);
  await nats?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('GraphQL over HTTP: 503 SERVICE_UNAVAILABLE, the database address not named', async () => {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{"query":"{ experiments { totalCount } }"}' });
  assert.equal(res.status, 503);
  const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
  assert.equal(body.errors[0]?.extensions.code, 'SERVICE_UNAVAILABLE');
  assert.match(body.errors[0]?.message ?? '', /try again/);
  assert.doesNotMatch(JSON.stringify(body), /127\.0\.0\.1|ECONNREFUSED/);
});

test('the queue board and artifacts: 503, not 500', async () => {
  for (const path of ['/queues/api/queues', '/artifacts/x']) {
    const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    assert.equal(res.status, 503, path);
    const body = (await res.json()) as { error: { code: string } };
    assert.equal(body.error.code, 'SERVICE_UNAVAILABLE', path);
  }
});

test('a WebSocket connection is closed with 1013 (try again later), not 4401', async () => {
  // The graphql-transport-ws handshake by hand: connection_init with the token, then the close.
  const socket = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
  const closed = await new Promise<{ code: number; reason: string }>((resolve, reject) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    socket.on('error', reject);
  });
  assert.equal(closed.code, WS_CLOSE.TRY_AGAIN_LATER);
  assert.match(closed.reason, /try again/i);
});

/* GraphQL responses are untyped JSON here; the assertions are what check their shape. */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return */
/**
 * Who may do what, and what nobody may do, against a real gateway on real Postgres and NATS:
 * the role × operation matrix over HTTP and graphql-ws, the queue board, cross-origin sockets,
 * and each gateway limit with the attacking request from issue 13. The commands a mutation
 * sends are served by this test and recorded, so "denied" also means "no command was sent".
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  createApiToken,
  experiments,
  findRegisteredModel,
  insertExperimentWithTrials,
  listAuditEvents,
  modelEventsOf,
  registerModelVersion,
  setAlias,
  transitionStage,
  trials,
  type Database,
  type Role,
} from '@trialgrid/db';
import { silentLogger } from '@trialgrid/logger';
import { publishCore, serveCommand, type Messaging } from '@trialgrid/messaging';
import { startNats, startPostgres, type NatsFixture, type PostgresFixture } from '@trialgrid/testing';
import { OPERATION_ROLES } from './auth.js';
import { gatewayConfig } from './config.js';
import { createGateway, WS_CLOSE, type Gateway } from './server.js';

let pg: PostgresFixture;
let nats: NatsFixture;
let db: Database;
let m: Messaging;
let gateway: Gateway;
let url: string;
let artifactDir: string;
const stopServing: (() => void)[] = [];
const commandLog: { name: string; input: any }[] = [];
const tokens = {} as Record<Role, string>;
let expiredToken: string;

async function post(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

const bearer = (role: Role | 'none' | 'expired' | 'bogus'): Record<string, string> =>
  role === 'none' ? {} : { authorization: `Bearer ${role === 'expired' ? expiredToken : role === 'bogus' ? 'tg_bogus' : tokens[role]}` };

const gql = (role: Role | 'none' | 'expired' | 'bogus', query: string, variables: Record<string, unknown> = {}) => post({ query, variables }, bearer(role));

const codeOf = (r: { body: any }): string | undefined => r.body?.errors?.[0]?.extensions?.code;

const wsUrl = (): string => `${url.replace('http', 'ws')}/graphql`;

/** Runs one operation over graphql-ws with the role's token; resolves with the result or the close event. */
async function overWs(role: Role, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: any; errors?: any[]; closed?: { code: number; reason: string } }> {
  return new Promise((resolvePromise) => {
    let settled = false;
    const done = (v: { data?: any; errors?: any[]; closed?: { code: number; reason: string } }): void => {
      if (settled) return;
      settled = true;
      void client.dispose();
      resolvePromise(v);
    };
    const client = createClient({
      url: wsUrl(),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${tokens[role]}` },
      on: { closed: (e) => done({ closed: { code: (e as { code: number }).code, reason: (e as { reason: string }).reason } }) },
    });
    client.subscribe(
      { query, variables },
      {
        next: (r) => done(r as any),
        error: (e) => done(Array.isArray(e) ? { errors: e } : { closed: { code: (e as any)?.code ?? 0, reason: String((e as any)?.reason ?? e) } }),
        complete: () => undefined,
      },
    );
  });
}

async function seed(name: string, status: 'RUNNING' | 'FAILED' = 'RUNNING') {
  const res = await insertExperimentWithTrials(
    db,
    { name, searchSpace: { algorithm: 'EXPLICIT' } },
    [{ index: 0, name: `${name}-t0`, spec: { preset: 'baseline' }, params: { learning_rate: 0.001 } }],
  );
  await db.update(experiments).set({ status: 'RUNNING' }).where(eq(experiments.id, res.experiment.id));
  await db.update(trials).set({ status: status === 'FAILED' ? 'FAILED' : 'RUNNING' }).where(eq(trials.experimentId, res.experiment.id));
  return { experimentId: res.experiment.id, trialId: res.trials[0]!.id };
}

before(async () => {
  pg = await startPostgres();
  db = pg.db;
  nats = await startNats();
  m = nats.messaging;
  for (const role of ['viewer', 'editor', 'admin'] as const) {
    ({ token: tokens[role] } = await createApiToken(db, { name: `${role}-token`, owner: `${role}-user`, role, createdBy: 'test' }));
  }
  const short = await createApiToken(db, { name: 'short', owner: 'short-user', role: 'admin', createdBy: 'test', expiresAt: new Date(Date.now() + 1500) });
  expiredToken = short.token;
  artifactDir = await mkdtemp(join(tmpdir(), 'tg-sec-'));
  const config = gatewayConfig({
    PORT: '0',
    TRIALGRID_PREFIX: nats.prefix,
    ARTIFACT_DIR: artifactDir,
    COMMAND_TIMEOUT: '3s',
    DASHBOARD_DIR: join(artifactDir, 'none'),
    MAX_BODY_BYTES: String(64 * 1024),
    MAX_CONNECTIONS_PER_TOKEN: '3',
    MAX_SUBSCRIPTIONS_PER_CONNECTION: '2',
    ALLOWED_ORIGINS: 'https://ops.example.com',
  });
  gateway = createGateway({ db, messaging: m, logger: silentLogger(), config });
  ({ url } = await gateway.start());

  // The scheduler's and registry's side of the commands: record, then do what they would do.
  const record = (name: string) => (input: any) => {
    commandLog.push({ name, input });
  };
  const versionReply = (v: { id: string; modelName: string; version: number; stage: 'None' | 'Staging' | 'Production' | 'Archived'; aliases: string[] }) => ({
    id: v.id,
    versionId: v.id,
    modelName: v.modelName,
    version: v.version,
    stage: v.stage,
    aliases: v.aliases,
  });
  stopServing.push(
    serveCommand(m, 'experiment.create', async (input) => {
      record('experiment.create')(input);
      const { experiment } = await insertExperimentWithTrials(db, { name: input.name, searchSpace: {} }, []);
      return { experimentId: experiment.id, trialCount: 0 };
    }),
    serveCommand(m, 'experiment.cancel', async (input) => {
      record('experiment.cancel')(input);
      await db.update(experiments).set({ status: 'CANCELLED' }).where(eq(experiments.id, input.experimentId));
      return { experimentId: input.experimentId, status: 'CANCELLED' as const };
    }),
    serveCommand(m, 'trial.stop', async (input) => {
      record('trial.stop')(input);
      await db.update(trials).set({ status: 'STOPPED' }).where(eq(trials.id, input.trialId));
      return { trialId: input.trialId, status: 'STOPPED' as const, stopRequested: true };
    }),
    serveCommand(m, 'trial.retry', async (input) => {
      record('trial.retry')(input);
      await db.update(trials).set({ status: 'QUEUED' }).where(eq(trials.id, input.trialId));
      return { trialId: input.trialId, status: 'QUEUED' as const };
    }),
    serveCommand(m, 'model.transition', async (input) => {
      record('model.transition')(input);
      const out = await transitionStage(db, { modelName: input.modelName, version: input.version, stage: input.stage, archiveExisting: input.archiveExisting, actor: input.actor ?? 'registry', reason: null });
      return versionReply(out.version);
    }),
    serveCommand(m, 'model.setAlias', async (input) => {
      record('model.setAlias')(input);
      const v = await setAlias(db, { modelName: input.modelName, alias: input.alias, version: input.version, actor: input.actor ?? 'registry', reason: null });
      return versionReply(v);
    }),
  );
});

after(async () => {
  for (const s of stopServing) s();
  await gateway?.stop();
  await nats?.close();
  await pg?.close();
  await rm(artifactDir, { recursive: true, force: true });
});

describe('identity', () => {
  test('no token, a bogus token or an expired one: UNAUTHENTICATED (HTTP 401), nothing runs', async () => {
    const { experimentId } = await seed('unauth');
    const before = commandLog.length;
    await new Promise((r) => setTimeout(r, 1600)); // the short token has expired by now
    for (const who of ['none', 'bogus', 'expired'] as const) {
      const r = await gql(who, `mutation($id: ID!) { cancelExperiment(id: $id) { id } }`, { id: experimentId });
      assert.equal(r.status, 401, who);
      assert.equal(codeOf(r), 'UNAUTHENTICATED', who);
      const q = await gql(who, `{ experiments { totalCount } }`);
      assert.equal(codeOf(q), 'UNAUTHENTICATED', who);
    }
    const wrongScheme = await post({ query: '{ me { owner } }' }, { authorization: `Basic ${tokens.admin}` });
    assert.equal(codeOf(wrongScheme), 'UNAUTHENTICATED');
    assert.equal(commandLog.length, before, 'no command was sent');
    const [row] = await db.select().from(experiments).where(eq(experiments.id, experimentId));
    assert.equal(row?.status, 'RUNNING');
  });

  test('me names the token owner and role', async () => {
    const r = await gql('editor', '{ me { owner role tokenName } }');
    assert.deepEqual(r.body.data.me, { owner: 'editor-user', role: 'editor', tokenName: 'editor-token' });
  });

  test('every root field of the schema has a role', () => {
    for (const [root, type] of [['Query', gateway.schema.getQueryType()], ['Mutation', gateway.schema.getMutationType()], ['Subscription', gateway.schema.getSubscriptionType()]] as const) {
      for (const field of Object.keys(type!.getFields())) {
        assert.ok((OPERATION_ROLES[root] as Record<string, string>)[field], `${root}.${field} has no role in OPERATION_ROLES`);
      }
    }
  });

  test('an admin creates a token (secret shown once), lists it, revokes it; the revoked token stops working; both are audited', async () => {
    const created = await gql('admin', `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token apiToken { id name owner role prefix revokedAt } } }`, {
      i: { name: 'ci', owner: 'robot', role: 'viewer' },
    });
    const { token, apiToken } = created.body.data.createApiToken;
    assert.equal(apiToken.owner, 'robot');
    assert.equal(token.slice(0, 8), apiToken.prefix);
    const listed = await gql('admin', '{ apiTokens { id prefix lastUsedAt } }');
    assert.ok(listed.body.data.apiTokens.some((t: any) => t.id === apiToken.id));
    assert.ok(!JSON.stringify(listed.body).includes(token), 'the secret is never listed');
    const asRobot = await post({ query: '{ me { owner role } }' }, { authorization: `Bearer ${token}` });
    assert.deepEqual(asRobot.body.data.me, { owner: 'robot', role: 'viewer' });
    const revoked = await gql('admin', `mutation($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`, { id: apiToken.id });
    assert.ok(revoked.body.data.revokeApiToken.revokedAt);
    const after = await post({ query: '{ me { owner } }' }, { authorization: `Bearer ${token}` });
    assert.equal(codeOf(after), 'UNAUTHENTICATED');
    const audit = await listAuditEvents(db, { targetKind: 'token', targetId: apiToken.id });
    assert.deepEqual(audit.map((e) => [e.action, e.actor]), [['token.revoke', 'admin-user'], ['token.create', 'admin-user']]);
  });
});

describe('role × operation matrix', () => {
  type Outcome = 'ok' | 'FORBIDDEN';
  interface Case {
    name: string;
    /** Lowest role that may. */
    needs: Role;
    run(role: Role, over: 'http' | 'ws'): Promise<{ code: string | undefined; data: any }>;
    /** After a denied call: the state it would have changed is unchanged. */
    unchanged?(): Promise<void>;
  }

  const call = async (role: Role, over: 'http' | 'ws', query: string, variables: Record<string, unknown> = {}) => {
    if (over === 'http') {
      const r = await gql(role, query, variables);
      return { code: codeOf(r), data: r.body.data };
    }
    const r = await overWs(role, query, variables);
    return { code: r.errors?.[0]?.extensions?.code, data: r.data };
  };

  let target: { experimentId: string; trialId: string };
  let modelName: string;
  const cases: Case[] = [
    { name: 'query experiments', needs: 'viewer', run: (role, over) => call(role, over, '{ experiments { totalCount } }') },
    { name: 'query workers', needs: 'viewer', run: (role, over) => call(role, over, '{ workers { id } }') },
    {
      name: 'createExperiment',
      needs: 'editor',
      run: (role, over) => call(role, over, `mutation($i: CreateExperimentInput!) { createExperiment(input: $i) { id } }`, { i: { name: `m-${role}-${over}`, preset: 'DOCUMENTED_RUNS', epochs: 1 } }),
    },
    {
      name: 'cancelExperiment',
      needs: 'editor',
      run: (role, over) => call(role, over, `mutation($id: ID!) { cancelExperiment(id: $id) { id status } }`, { id: target.experimentId }),
      async unchanged() {
        const [row] = await db.select().from(experiments).where(eq(experiments.id, target.experimentId));
        assert.equal(row?.status, 'RUNNING');
      },
    },
    {
      name: 'stopTrial',
      needs: 'editor',
      run: (role, over) => call(role, over, `mutation($id: ID!) { stopTrial(id: $id) { id } }`, { id: target.trialId }),
      async unchanged() {
        const [row] = await db.select().from(trials).where(eq(trials.id, target.trialId));
        assert.equal(row?.status, 'RUNNING');
      },
    },
    { name: 'retryTrial', needs: 'editor', run: (role, over) => call(role, over, `mutation($id: ID!) { retryTrial(id: $id) { id } }`, { id: target.trialId }) },
    {
      name: 'transitionModelVersionStage',
      needs: 'admin',
      run: (role, over) => call(role, over, `mutation($n: String!) { transitionModelVersionStage(modelName: $n, version: 1, stage: Production) { stage } }`, { n: modelName }),
      async unchanged() {
        const history = await modelEventsOf(db, (await findRegisteredModel(db, modelName))!.id);
        assert.ok(!history.some((e) => e.kind === 'STAGE'), 'no stage change recorded');
      },
    },
    {
      name: 'setModelAlias',
      needs: 'admin',
      run: (role, over) => call(role, over, `mutation($n: String!) { setModelAlias(modelName: $n, alias: "blue", version: 1) { aliases } }`, { n: modelName }),
      async unchanged() {
        const history = await modelEventsOf(db, (await findRegisteredModel(db, modelName))!.id);
        assert.ok(!history.some((e) => e.kind === 'ALIAS_SET'), 'no alias change recorded');
      },
    },
    { name: 'apiTokens', needs: 'admin', run: (role, over) => call(role, over, '{ apiTokens { id } }') },
    { name: 'auditEvents', needs: 'admin', run: (role, over) => call(role, over, '{ auditEvents { id } }') },
    {
      name: 'createApiToken',
      needs: 'admin',
      run: (role, over) => call(role, over, `mutation { createApiToken(input: { name: "x", owner: "${role}-made", role: admin }) { token } }`),
    },
  ];

  const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

  for (const over of ['http', 'ws'] as const) {
    test(`over ${over}: each role may do what its rank allows; a denied call is FORBIDDEN and changes nothing`, async () => {
      const table: string[] = [];
      for (const role of ['viewer', 'editor', 'admin'] as const) {
        // Fresh targets per role, so an allowed call of a lower role does not hide a denied one.
        target = await seed(`matrix-${over}-${role}`);
        modelName = `Matrix_${over}_${role}`;
        await registerModelVersion(db, { modelName, trialId: target.trialId, experimentId: target.experimentId, artifactPath: 'x', metrics: {}, actor: 'test' });
        // Denied calls first, so their "unchanged" checks see the untouched state.
        const ordered = [...cases].sort((a, b) => RANK[b.needs] - RANK[a.needs]);
        for (const c of ordered) {
          const expected: Outcome = RANK[role] >= RANK[c.needs] ? 'ok' : 'FORBIDDEN';
          const before = commandLog.length;
          const r = await c.run(role, over);
          const got: string = r.code === undefined ? 'ok' : r.code;
          table.push(`${role.padEnd(6)} ${c.name.padEnd(28)} ${got}`);
          assert.equal(got, expected, `${role} ${c.name} over ${over}`);
          if (expected === 'FORBIDDEN') {
            assert.equal(commandLog.length, before, `${role} ${c.name}: no command sent`);
            await c.unchanged?.();
          }
        }
      }
      console.log(`# ${over}\n# ${table.join('\n# ')}`);
    });
  }

  test('a viewer may subscribe over graphql-ws', async () => {
    const { experimentId } = await seed('sub-viewer');
    const client = createClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${tokens.viewer}` } });
    const got = new Promise<any>((resolveNext, reject) => {
      client.subscribe({ query: `subscription($id: ID) { experimentUpdated(id: $id) { id } }`, variables: { id: experimentId } }, { next: resolveNext, error: reject, complete: () => undefined });
    });
    // The subscription is live once the gateway holds its NATS subscription; then a cancel by the editor is seen.
    await new Promise((r) => setTimeout(r, 300));
    const cancel = await gql('editor', `mutation($id: ID!) { cancelExperiment(id: $id) { id } }`, { id: experimentId });
    assert.equal(codeOf(cancel), undefined);
    await m.nc.flush();
    publishCore(m, m.subjects.updatesExperiment(experimentId), 'experiment.update', { experimentId, status: 'CANCELLED' });
    const first = await Promise.race([got, new Promise((_, rej) => setTimeout(() => rej(new Error('no event')), 5000))]);
    assert.equal(first.data.experimentUpdated.id, experimentId);
    await client.dispose();
  });
});

describe('audit', () => {
  test('stage, alias, cancel, stop and retry record the token owner as the actor', async () => {
    const { experimentId, trialId } = await seed('audit');
    const modelName = 'Audit_Model';
    await registerModelVersion(db, { modelName, trialId, experimentId, artifactPath: 'x', metrics: {}, actor: 'registry' });
    const staged = await gql('admin', `mutation { transitionModelVersionStage(modelName: "${modelName}", version: 1, stage: Production) { stage } }`);
    assert.equal(codeOf(staged), undefined, JSON.stringify(staged.body.errors));
    assert.equal(codeOf(await gql('admin', `mutation { setModelAlias(modelName: "${modelName}", alias: "blue", version: 1) { aliases } }`)), undefined);
    const history = await modelEventsOf(db, (await findRegisteredModel(db, modelName))!.id);
    const changes = history.filter((e) => e.kind !== 'REGISTERED').map((e) => `${e.kind} by ${e.actor}`);
    // Production also moves `champion` (the registry's rule); every change names the admin's owner.
    assert.deepEqual([...new Set(changes)].sort(), ['ALIAS_SET by admin-user', 'STAGE by admin-user']);
    assert.ok(history.some((e) => e.kind === 'ALIAS_SET' && e.alias === 'blue'));
    assert.equal(codeOf(await gql('editor', `mutation($id: ID!) { stopTrial(id: $id) { id } }`, { id: trialId })), undefined);
    assert.equal(codeOf(await gql('editor', `mutation($id: ID!) { retryTrial(id: $id) { id } }`, { id: trialId })), undefined);
    assert.equal(codeOf(await gql('editor', `mutation($id: ID!) { cancelExperiment(id: $id) { id } }`, { id: experimentId })), undefined);
    const onTrial = await listAuditEvents(db, { targetKind: 'trial', targetId: trialId });
    assert.deepEqual(onTrial.map((e) => [e.action, e.actor]), [['trial.retry', 'editor-user'], ['trial.stop', 'editor-user']]);
    const onExperiment = await listAuditEvents(db, { targetKind: 'experiment', targetId: experimentId });
    assert.deepEqual(onExperiment.map((e) => [e.action, e.actor]), [['experiment.cancel', 'editor-user']]);
  });
});

describe('queue board', () => {
  test('looking needs a viewer, retrying (one or all) an admin; without a token: 401 (a browser is sent to sign in)', async () => {
    const { trialId } = await seed('board', 'FAILED');
    const queue = encodeURIComponent(m.streams.trials);
    const list = `${url}/queues/api/queues?activeQueue=${queue}&status=failed&page=1&jobsPerPage=50`;
    assert.equal((await fetch(list)).status, 401);
    const browser = await fetch(`${url}/queues`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    assert.equal(browser.status, 303);
    assert.match(browser.headers.get('location') ?? '', /^\/#\/signin\?next=%2Fqueues/);
    assert.equal((await fetch(list, { headers: bearer('viewer') })).status, 200);

    const before = commandLog.length;
    // The attack from the issue: one PUT re-ran every failed trial.
    for (const path of [`${url}/queues/api/queues/${queue}/retry/failed`, `${url}/queues/api/queues/${queue}/${trialId}/retry`]) {
      assert.equal((await fetch(path, { method: 'PUT' })).status, 401);
      assert.equal((await fetch(path, { method: 'PUT', headers: bearer('viewer') })).status, 403);
      assert.equal((await fetch(path, { method: 'PUT', headers: bearer('editor') })).status, 403);
    }
    assert.equal(commandLog.length, before, 'nothing retried');
    const [still] = await db.select().from(trials).where(eq(trials.id, trialId));
    assert.equal(still?.status, 'FAILED');

    const ok = await fetch(`${url}/queues/api/queues/${queue}/${trialId}/retry`, { method: 'PUT', headers: bearer('admin') });
    assert.equal(ok.status, 204, await ok.text());
    const audit = await listAuditEvents(db, { targetKind: 'trial', targetId: trialId });
    assert.equal(audit[0]?.actor, 'admin-user');
    assert.equal((audit[0]?.details as { via?: string }).via, 'queue-board');
  });

  test('the session cookie works for looking; a change with it from a foreign origin is refused', async () => {
    const signIn = await fetch(`${url}/auth/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: tokens.admin }) });
    assert.equal(signIn.status, 200);
    const cookie = signIn.headers.get('set-cookie') ?? '';
    assert.match(cookie, /trialgrid_session=.*HttpOnly/i);
    assert.match(cookie, /SameSite=Strict/i);
    const session = cookie.split(';')[0]!;
    const queue = encodeURIComponent(m.streams.trials);
    assert.equal((await fetch(`${url}/queues/api/queues?activeQueue=${queue}&status=failed&page=1&jobsPerPage=5`, { headers: { cookie: session } })).status, 200);
    const { trialId } = await seed('board-cookie', 'FAILED');
    const before = commandLog.length;
    const evil = await fetch(`${url}/queues/api/queues/${queue}/${trialId}/retry`, { method: 'PUT', headers: { cookie: session, origin: 'http://evil.example' } });
    assert.equal(evil.status, 403);
    assert.equal(commandLog.length, before);
    const bad = await fetch(`${url}/auth/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'tg_nope' }) });
    assert.equal(bad.status, 401);
    const foreign = await fetch(`${url}/auth/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, body: JSON.stringify({ token: tokens.admin }) });
    assert.equal(foreign.status, 403);
  });
});

describe('WebSocket', () => {
  const openRaw = (headers: Record<string, string>): Promise<{ status?: number; socket?: WebSocket }> =>
    new Promise((resolveOpen) => {
      const socket = new WebSocket(wsUrl(), 'graphql-transport-ws', { headers });
      socket.on('open', () => resolveOpen({ socket }));
      socket.on('unexpected-response', (_req, res) => {
        resolveOpen({ status: res.statusCode ?? 0 });
        socket.terminate();
      });
      socket.on('error', () => resolveOpen({ status: -1 }));
    });

  test('a socket from another origin is refused at the upgrade (403), even with a valid token', async () => {
    const evil = await openRaw({ origin: 'http://evil.example', authorization: `Bearer ${tokens.admin}` });
    assert.equal(evil.status, 403);
    const own = await openRaw({ origin: url });
    assert.ok(own.socket, 'the gateway\'s own origin may connect');
    own.socket.close();
    const listed = await openRaw({ origin: 'https://ops.example.com' });
    assert.ok(listed.socket, 'an ALLOWED_ORIGINS origin may connect');
    listed.socket.close();
  });

  test('an unauthenticated socket is closed at connection_init (4401) and runs nothing', async () => {
    const { experimentId } = await seed('ws-unauth');
    const before = commandLog.length;
    for (const params of [{}, { authorization: 'Bearer tg_bogus' }, { token: tokens.viewer.slice(0, -1) }]) {
      const { socket } = await openRaw({});
      assert.ok(socket);
      const closed = new Promise<{ code: number; messages: string[] }>((resolveClose) => {
        const messages: string[] = [];
        socket.on('message', (d: Buffer) => messages.push(d.toString()));
        socket.on('close', (code) => resolveClose({ code, messages }));
      });
      socket.send(JSON.stringify({ type: 'connection_init', payload: params }));
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `mutation { cancelExperiment(id: "${experimentId}") { id } }` } }));
      const { code, messages } = await closed;
      assert.equal(code, WS_CLOSE.UNAUTHORIZED);
      assert.deepEqual(messages, [], 'no connection_ack, no result');
    }
    assert.equal(commandLog.length, before);
  });

  test('connections per token and subscriptions per connection are capped', async () => {
    const clients = Array.from({ length: 4 }, () =>
      createClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined, connectionParams: { authorization: `Bearer ${tokens.viewer}` } }),
    );
    const outcomes = await Promise.all(
      clients.map(
        (c) =>
          new Promise<string>((resolveOutcome) => {
            c.on('connected', () => resolveOutcome('connected'));
            c.on('closed', (e) => resolveOutcome(`closed ${(e as { code: number }).code}`));
          }),
      ),
    );
    assert.deepEqual([...outcomes].sort(), ['closed 4429', 'connected', 'connected', 'connected']);
    const live = clients[outcomes.indexOf('connected')]!;
    const results: string[] = [];
    await new Promise<void>((resolveAll) => {
      for (let i = 0; i < 3; i++) {
        live.subscribe(
          { query: 'subscription { trialUpdated { id } }' },
          {
            next: () => undefined,
            error: (e) => {
              results.push((e as any)[0]?.extensions?.code ?? 'error');
              resolveAll();
            },
            complete: () => undefined,
          },
        );
      }
    });
    assert.deepEqual(results, ['LIMIT_EXCEEDED']);
    for (const c of clients) void c.dispose();
  });
});

describe('limits, with the attacking requests from issue 13', () => {
  test('nested trial→experiment→trials six levels deep: LIMIT_EXCEEDED (depth), before any SQL', async () => {
    let inner = 'id';
    for (let i = 0; i < 6; i++) inner = `experiment { trials { nodes { ${inner} } } }`;
    const query = `query($id: ID!) { trial(id: $id) { ${inner} } }`;
    const r = await gql('viewer', query, { id: '00000000-0000-4000-8000-000000000000' });
    assert.equal(codeOf(r), 'LIMIT_EXCEEDED');
    assert.equal(r.body.errors[0].extensions.limit, 'depth');
    // Over the WebSocket too.
    const ws = await overWs('viewer', query, { id: '00000000-0000-4000-8000-000000000000' });
    assert.equal(ws.errors?.[0]?.extensions?.code, 'LIMIT_EXCEEDED');
  });

  test('shallow but wide: a list that multiplies past the cost limit is refused (lists count by size)', async () => {
    const r = await gql('viewer', `{ experiments(first: 1000) { nodes { trials(first: 1000) { nodes { id } } } } }`);
    assert.equal(codeOf(r), 'LIMIT_EXCEEDED');
    assert.equal(r.body.errors[0].extensions.limit, 'cost');
    const small = await gql('viewer', `{ experiments(first: 20) { nodes { trials(first: 20) { nodes { id } } } } }`);
    assert.equal(codeOf(small), undefined);
  });

  test('1,000 aliases: refused (tokens or aliases), 40 aliases too; 200 aliases of predict cannot multiply its image limit', async () => {
    const wide = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: experiments { totalCount }`).join(' ')} }`;
    const r = await gql('viewer', wide);
    assert.equal(codeOf(r), 'LIMIT_EXCEEDED');
    const forty = await gql('viewer', `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: me { owner }`).join(' ')} }`);
    assert.equal(codeOf(forty), 'LIMIT_EXCEEDED');
    assert.equal(forty.body.errors[0].extensions.limit, 'aliases');
    const image = Array.from({ length: 784 }, () => 0);
    const predicts = `query($im: [[Float!]!]!) { ${Array.from({ length: 200 }, (_, i) => `p${i}: predict(images: $im) { classes }`).join(' ')} }`;
    const p = await gql('viewer', predicts, { im: [image] });
    assert.equal(codeOf(p), 'LIMIT_EXCEEDED');
    // Two aliases of 1,000 images each: under the alias limit, over the cost limit.
    const two = await post({ query: 'query($im: [[Float!]!]!) { a: predict(images: $im) { classes } b: predict(images: $im) { classes } }', variables: { im: Array.from({ length: 1000 }, () => [0]) } }, bearer('viewer'));
    assert.equal(codeOf(two), 'LIMIT_EXCEEDED');
    assert.equal(two.body.errors[0].extensions.limit, 'cost');
  });

  test('one field repeated 700 times (quadratic in graphql-js validation) or 100 fragments: refused by the shape limits first, cheaply', async () => {
    const dup = `{ ${Array.from({ length: 700 }, () => 'experiments { nodes { id } }').join(' ')} }`;
    const r = await gql('viewer', dup);
    assert.equal(r.status, 400);
    assert.equal(codeOf(r), 'LIMIT_EXCEEDED');
    assert.equal(r.body.errors[0].extensions.limit, 'duplicates');
    // Without a token the request is turned away on its header alone (before the body is parsed).
    const anonymous = await post({ query: dup }, {});
    assert.equal(anonymous.status, 401);
    assert.equal(codeOf(anonymous), 'UNAUTHENTICATED');
    const unread = await post(`{"query": "${'x'.repeat(60 * 1024)}`, {});
    assert.equal(unread.status, 401, 'a body that is not even JSON is not looked at without a token');
    const fragments = `{ ${Array.from({ length: 100 }, (_, i) => `...F${i}`).join(' ')} } ${Array.from({ length: 100 }, (_, i) => `fragment F${i} on Query { me { owner } }`).join(' ')}`;
    const f = await gql('viewer', fragments);
    assert.equal(f.body.errors[0].extensions.limit, 'fragments');
    const ws = await overWs('viewer', dup, {});
    assert.equal(ws.errors?.[0]?.extensions?.code, 'LIMIT_EXCEEDED');
    // Ten copies are still fine (a query may repeat a field through fragments).
    assert.equal(codeOf(await gql('viewer', `{ ${Array.from({ length: 10 }, () => 'me { owner }').join(' ')} }`)), undefined);
  });

  test('request body over MAX_BODY_BYTES: 413 LIMIT_EXCEEDED; malformed JSON: 400 without echoing the body', async () => {
    const big = await post({ query: `{ me { owner } }`, variables: { pad: 'x'.repeat(70 * 1024) } }, bearer('viewer'));
    assert.equal(big.status, 413);
    assert.equal(codeOf(big), 'LIMIT_EXCEEDED');
    const secret = `{"query": "{ me { owner } }", "oops" SECRET-${'y'.repeat(500)}`;
    const bad = await post(secret, bearer('viewer'));
    assert.equal(bad.status, 400);
    assert.equal(codeOf(bad), 'BAD_REQUEST');
    assert.ok(!JSON.stringify(bad.body).includes('SECRET'), 'the body is not echoed');
  });

  test('a query that runs past REQUEST_TIMEOUT stops resolving with LIMIT_EXCEEDED (time)', async () => {
    const slow = createGateway({
      db,
      messaging: m,
      logger: silentLogger(),
      config: gatewayConfig({ PORT: '0', TRIALGRID_PREFIX: nats.prefix, ARTIFACT_DIR: artifactDir, DASHBOARD_DIR: join(artifactDir, 'none'), REQUEST_TIMEOUT: '1ms' }),
    });
    const { url: slowUrl } = await slow.start();
    try {
      await seed('budget');
      const res = await fetch(`${slowUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer('viewer') },
        body: JSON.stringify({ query: '{ experiments(first: 5) { nodes { id trials(first: 5) { nodes { id experiment { name } } } } } }' }),
      });
      const body = (await res.json()) as any;
      const codes = new Set((body.errors ?? []).map((e: any) => `${e.extensions?.code}/${e.extensions?.limit}`));
      assert.deepEqual([...codes], ['LIMIT_EXCEEDED/time']);
    } finally {
      await slow.stop();
    }
  });

  test('introspection and stack traces are off unless GATEWAY_DEV_MODE; headers: CSP with frame-ancestors, nosniff', async () => {
    const intro = await gql('admin', '{ __schema { queryType { name } } }');
    assert.equal(codeOf(intro), 'GRAPHQL_VALIDATION_FAILED');
    const parseError = await gql('admin', '{ experiments { ');
    assert.equal(parseError.body.errors[0].extensions.stacktrace, undefined);
    const validation = await gql('admin', '{ nope }');
    assert.equal(validation.body.errors[0].extensions.stacktrace, undefined);
    const res = await fetch(`${url}/healthz`);
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN');
  });
});

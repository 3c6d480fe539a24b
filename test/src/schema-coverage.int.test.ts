/**
 * Every field of every GraphQL object type is filled by the real services (issue 11 case 7).
 *
 * The test fills a fresh database only through the public API and the running services (a
 * dataset registered, two experiments trained by a real worker, one stopped and cancelled, the
 * registry's own registration plus a version registered by hand with a description, stage /
 * alias / policy / edit mutations, tokens made, used and revoked, predictions), while
 * subscriptions listen. It then asks the gateway for every field it has: the selection sets
 * are generated from `schema.graphql`, not written by hand, so a field added to the schema is
 * asked for automatically (the schema is the gateway's own executable schema). A field counts as filled when some instance has it non-null (and,
 * for lists and JSON objects, non-empty); every object type must be seen, and every field of
 * it filled at least once. So a field that the schema promises but no code path fills (as
 * `registerModelVersion`'s description was) fails here.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { getNamedType, isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { createGatewayClient, type GatewayClient, type Subscription } from '@trialgrid/cli';
import { TERMINAL_EXPERIMENT_STATUSES, type ExperimentStatus } from '@trialgrid/db';
import { buildSchema } from '@trialgrid/gateway';
import { mnistDir } from '@trialgrid/testing';
import { startStack, type Stack } from './stack.js';

const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);
/** Values for the optional arguments of nested fields: small lists keep the query under the cost limit. */
const NESTED_ARGS: Record<string, string> = { first: '3', maxPoints: '5', tail: '3', includeDead: 'true' };
/** Object nesting below a root field (the gateway allows 10 levels). */
const MAX_DEPTH = 7;

let stack: Stack;
let client: GatewayClient;
/** The executable schema the gateway serves (built from schema.graphql). */
const schema: GraphQLSchema = buildSchema();

/**
 * The selection set of every field of `type`, recursing into object fields whose type is not
 * already on the path (so cycles such as Trial.experiment.trials stop) down to `depth` levels.
 */
function selectAll(type: GraphQLObjectType, depth: number, path: ReadonlySet<string> = new Set([type.name])): string {
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
    const named = getNamedType(field.type);
    const args = field.args.filter((a) => NESTED_ARGS[a.name] !== undefined).map((a) => `${a.name}: ${NESTED_ARGS[a.name]}`);
    const call = args.length ? `${field.name}(${args.join(', ')})` : field.name;
    if (!isObjectType(named)) parts.push(call);
    else if (depth > 0 && !path.has(named.name)) parts.push(`${call} { ${selectAll(named, depth - 1, new Set([...path, named.name]))} }`);
  }
  return parts.join(' ');
}

/** `{ <sel> }` of a root field's type. */
function selectionOf(root: 'Query' | 'Mutation' | 'Subscription', field: string): string {
  const type = schema.getType(root) as GraphQLObjectType;
  const named = getNamedType(type.getFields()[field]!.type);
  assert.ok(isObjectType(named), `${root}.${field} returns an object`);
  return `{ ${selectAll(named, MAX_DEPTH)} }`;
}

/** Per object type, per field: whether some instance had it filled. */
const coverage = new Map<string, Map<string, boolean>>();

function filled(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** Records every object of a response (objects carry __typename since selectAll asks for it). */
function record(value: unknown): void {
  if (Array.isArray(value)) {
    for (const v of value) record(v);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const typename = (value as { __typename?: unknown }).__typename;
  if (typeof typename !== 'string') return; // a JSON scalar
  const fields = coverage.get(typename) ?? new Map<string, boolean>();
  coverage.set(typename, fields);
  for (const [key, v] of Object.entries(value)) {
    if (key === '__typename') continue;
    fields.set(key, (fields.get(key) ?? false) || filled(v));
    record(v);
  }
}

/** Records the objects under each root field of a result. */
function recordResult(data: unknown): void {
  for (const v of Object.values(data as Record<string, unknown>)) record(v);
}

async function ask<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const data = await client.request<T>(query, variables);
  recordResult(data);
  return data;
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function status(id: string): Promise<ExperimentStatus> {
  const d = await client.request<{ experiment: { status: ExperimentStatus } }>(`query($id: ID!) { experiment(id: $id) { status } }`, { id });
  return d.experiment.status;
}

before(async () => {
  // Every field at once multiplies list sizes far past the cost a client may spend (the data is small).
  stack = await startStack({ workers: 1, trainLimit: 300, testLimit: 100, gatewayEnv: { MAX_QUERY_COST: '100000000', MAX_QUERY_TOKENS: '100000' } });
  client = createGatewayClient({ url: stack.gatewayUrl, token: stack.token });
});

after(async () => {
  await client?.close();
  await stack?.stop();
});

test('the schema is generated into selections that reach every object type', () => {
  const objectTypes = Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && !t.name.startsWith('__') && !ROOTS.has(t.name));
  assert.ok(objectTypes.length >= 30, `${objectTypes.length} object types`);
  // Sanity of the generator: the experiment selection reaches deep fields.
  assert.match(selectionOf('Query', 'experiment'), /trials\(first: 3\) \{ __typename nodes \{ __typename .*metrics\(maxPoints: 5\)/);
});

test('a database filled through the services resolves every field of every object type', async () => {
  const subs: Subscription[] = [];
  const listen = (field: string, args: string, vars: Record<string, unknown>, params = ''): void => {
    const query = `subscription${params} { ${field}${args} ${selectionOf('Subscription', field)} }`;
    subs.push(client.subscribe<Record<string, unknown>>(query, vars, { next: (d) => recordResult(d), error: (e) => assert.fail(`${field}: ${String(e)}`) }));
  };
  try {
    listen('workerUpdated', '', {});
    listen('modelChanged', '', {});
    listen('experimentUpdated', '', {});
    await Promise.all(subs.map((s) => s.ready));

    // A dataset of the catalog (the MNIST files under another name, with a description).
    await ask(`mutation($input: RegisterDatasetInput!) { registerDataset(input: $input) ${selectionOf('Mutation', 'registerDataset')} }`, {
      input: { name: 'digits', directory: mnistDir(), description: 'MNIST digits, registered by the coverage test', classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] },
    });

    // Experiment A: three trials that differ in learning rate, trained to the end, with early stopping configured.
    const CREATE = `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) ${selectionOf('Mutation', 'createExperiment')} }`;
    const a = (
      await ask<{ createExperiment: { id: string } }>(CREATE, {
        input: {
          name: 'coverage A',
          dataset: 'digits',
          modelName: 'Coverage_Model',
          trainLimit: 300,
          testLimit: 100,
          epochs: 2,
          maxParallelTrials: 1,
          earlyStopping: { metric: 'val_accuracy', startStep: 1, minTrials: 5 },
          searchSpace: { algorithm: 'EXPLICIT', trials: [0.001, 0.003, 0.01].map((lr, i) => ({ name: `lr-${i}`, preset: 'baseline', learningRate: lr })) },
        },
      })
    ).createExperiment.id;
    listen('trialUpdated', '(experimentId: $id)', { id: a }, '($id: ID)');
    listen('metricLogged', '(experimentId: $id)', { id: a }, '($id: ID)');
    // A busy worker: its current trial, asked while a trial runs.
    const WORKERS = `{ workers(includeDead: true) ${selectionOf('Query', 'workers')} }`;
    await waitFor('a busy worker', async () => {
      const d = await ask<{ workers: { currentTrial: unknown }[] }>(WORKERS);
      return d.workers.some((w) => w.currentTrial !== null);
    });
    await waitFor('experiment A to finish', async () => TERMINAL_EXPERIMENT_STATUSES.includes(await status(a)), 240_000);
    assert.equal(await status(a), 'SUCCEEDED');

    // Experiment B: its running trial stopped, then the experiment cancelled.
    const b = (
      await ask<{ createExperiment: { id: string } }>(CREATE, {
        input: {
          name: 'coverage B',
          trainLimit: 300,
          testLimit: 100,
          epochs: 50,
          maxParallelTrials: 1,
          searchSpace: { algorithm: 'EXPLICIT', trials: [{ preset: 'baseline' }, { preset: 'baseline', seed: 7 }] },
        },
      })
    ).createExperiment.id;
    const running = await waitFor('a running trial of B', async () => {
      const d = await client.request<{ experiment: { trials: { nodes: { id: string; status: string; currentEpoch: number | null }[] } } }>(
        `query($id: ID!) { experiment(id: $id) { trials(first: 5, status: RUNNING) { nodes { id status currentEpoch } } } }`,
        { id: b },
      );
      return d.experiment.trials.nodes.find((t) => (t.currentEpoch ?? 0) >= 1);
    });
    await ask(`mutation($id: ID!) { stopTrial(id: $id) ${selectionOf('Mutation', 'stopTrial')} }`, { id: running.id });
    await waitFor('the stopped trial', async () => {
      const d = await client.request<{ trial: { status: string } }>(`query($id: ID!) { trial(id: $id) { status } }`, { id: running.id });
      return d.trial.status === 'STOPPED';
    });
    await ask(`mutation($id: ID!) { cancelExperiment(id: $id) ${selectionOf('Mutation', 'cancelExperiment')} }`, { id: b });
    await waitFor('experiment B cancelled', async () => (await status(b)) === 'CANCELLED');

    // The registry registered A's best trial by itself; register another trial by hand, with a description.
    const trialsOfA = (
      await client.request<{ experiment: { bestTrial: { id: string }; trials: { nodes: { id: string }[] } } }>(`query($id: ID!) { experiment(id: $id) { bestTrial { id } trials(first: 10) { nodes { id } } } }`, { id: a })
    ).experiment;
    await waitFor('the registry to register A', async () => {
      const d = await client.request<{ registeredModel: { versions: unknown[] } | null }>(`{ registeredModel(name: "Coverage_Model") { versions { version } } }`);
      return (d.registeredModel?.versions.length ?? 0) >= 1;
    }, 60_000);
    const other = trialsOfA.trials.nodes.find((t) => t.id !== trialsOfA.bestTrial.id)!;
    const registered = await ask<{ registerModelVersion: { version: number; description: string | null; tags: Record<string, unknown> } }>(
      `mutation($input: RegisterModelVersionInput!) { registerModelVersion(input: $input) ${selectionOf('Mutation', 'registerModelVersion')} }`,
      { input: { modelName: 'Coverage_Model', trialId: other.id, description: 'registered by hand: the second-best learning rate', tags: { source: 'coverage' } } },
    );
    // Case 7 itself: the description is stored and read back.
    assert.equal(registered.registerModelVersion.description, 'registered by hand: the second-best learning rate');
    assert.equal(registered.registerModelVersion.tags['source'], 'coverage');
    const v = registered.registerModelVersion.version;
    const again = await client.request<{ modelVersion: { description: string | null } }>(`{ modelVersion(modelName: "Coverage_Model", version: ${v}) { description } }`);
    assert.equal(again.modelVersion.description, 'registered by hand: the second-best learning rate');

    await ask(
      `mutation { transitionModelVersionStage(modelName: "Coverage_Model", version: ${v}, stage: Production, override: true, reason: "coverage: serve it") ${selectionOf('Mutation', 'transitionModelVersionStage')} }`,
    );
    await ask(`mutation { setModelAlias(modelName: "Coverage_Model", alias: "canary", version: ${v}) ${selectionOf('Mutation', 'setModelAlias')} }`);
    await ask(`mutation { updateModelVersion(modelName: "Coverage_Model", version: ${v}, description: "served", tags: { reviewed: "yes" }) ${selectionOf('Mutation', 'updateModelVersion')} }`);
    await ask(`mutation { updateRegisteredModel(name: "Coverage_Model", description: "digits for the coverage test", tags: { team: "contracts" }) ${selectionOf('Mutation', 'updateRegisteredModel')} }`);
    await ask(`mutation { setPromotionPolicy(modelName: "Coverage_Model", policy: { minTestAccuracy: 0.2 }, reason: "coverage") ${selectionOf('Mutation', 'setPromotionPolicy')} }`);

    // Tokens: one made with an expiry and used, one revoked.
    const made = await ask<{ createApiToken: { token: string; apiToken: { id: string } } }>(
      `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) ${selectionOf('Mutation', 'createApiToken')} }`,
      { input: { name: 'coverage viewer', owner: 'coverage', role: 'viewer', expiresAt: new Date(Date.now() + 86_400_000).toISOString() } },
    );
    const viewer = createGatewayClient({ url: stack.gatewayUrl, token: made.createApiToken.token });
    try {
      recordResult(await viewer.request(`{ me ${selectionOf('Query', 'me')} }`));
    } finally {
      await viewer.close();
    }
    const doomed = await ask<{ createApiToken: { apiToken: { id: string } } }>(`mutation { createApiToken(input: { name: "revoked", owner: "coverage", role: viewer }) { apiToken { id } } }`);
    await ask(`mutation($id: ID!) { revokeApiToken(id: $id) ${selectionOf('Mutation', 'revokeApiToken')} }`, { id: doomed.createApiToken.apiToken.id });

    // Now every query, with every field.
    const image = Array.from({ length: 784 }, (_, i) => ((i * 37) % 255) / 255);
    const trialIds = [...trialsOfA.trials.nodes.map((t) => t.id), running.id];
    const queries: [string, Record<string, unknown>][] = [
      [`query { experiments(first: 5) ${selectionOf('Query', 'experiments')} }`, {}],
      [`query($id: ID!) { experiment(id: $id) ${selectionOf('Query', 'experiment')} }`, { id: a }],
      [`query($id: ID!) { experiment(id: $id) ${selectionOf('Query', 'experiment')} }`, { id: b }],
      ...trialIds.map((id): [string, Record<string, unknown>] => [`query($id: ID!) { trial(id: $id) ${selectionOf('Query', 'trial')} }`, { id }]),
      [`query($ids: [ID!]!) { compareTrials(ids: $ids) ${selectionOf('Query', 'compareTrials')} }`, { ids: trialIds }],
      [`query { registeredModels ${selectionOf('Query', 'registeredModels')} }`, {}],
      [`query { registeredModel(name: "Coverage_Model") ${selectionOf('Query', 'registeredModel')} }`, {}],
      [`query { modelVersion(modelName: "Coverage_Model", version: ${v}) ${selectionOf('Query', 'modelVersion')} }`, {}],
      [WORKERS, {}],
      [`query { datasets ${selectionOf('Query', 'datasets')} }`, {}],
      [`query { dataset(name: "digits") ${selectionOf('Query', 'dataset')} }`, {}],
      [`query($images: [[Float!]!]!) { predict(images: $images, modelName: "Coverage_Model") ${selectionOf('Query', 'predict')} }`, { images: [image, image] }],
      [`query { me ${selectionOf('Query', 'me')} }`, {}],
      [`query { apiTokens ${selectionOf('Query', 'apiTokens')} }`, {}],
      [`query { auditEvents(first: 20) ${selectionOf('Query', 'auditEvents')} }`, {}],
    ];
    for (const [q, vars] of queries) await ask(q, vars);
  } finally {
    for (const s of subs) s.unsubscribe();
  }

  const unseen: string[] = [];
  const unfilled: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || ROOTS.has(type.name)) continue;
    const fields = coverage.get(type.name);
    if (!fields) {
      unseen.push(type.name);
      continue;
    }
    for (const name of Object.keys(type.getFields())) if (!fields.get(name)) unfilled.push(`${type.name}.${name}`);
  }
  assert.deepEqual(unseen, [], 'object types never returned by the API');
  assert.deepEqual(unfilled, [], 'fields never filled (null, or an empty list / object, in every instance)');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aliasesByVersion,
  getModelByAliasOrStage,
  getModelVersion,
  getOrCreateRegisteredModel,
  getRegisteredModel,
  modelEventsOf,
  modelVersionsByModel,
  registerModelVersion,
  searchRegisteredModels,
  setAlias,
  setPromotionPolicy,
  transitionStage,
  updateModel,
  DEFAULT_PROMOTION_POLICY,
  type ModelVersionView,
} from './index.js';
import { sampleExperiment, isCode, useFreshDatabase } from './test-support.js';

/** A model's audit trail, oldest first, as the API reads it. */
async function historyOf(name: string) {
  return modelEventsOf(t.db, (await getRegisteredModel(t.db, name)).id);
}

/** A model's versions, newest first, with their aliases, as the API reads them. */
async function versionsOf(name: string) {
  const model = await getRegisteredModel(t.db, name);
  const versions = (await modelVersionsByModel(t.db, [model.id])).get(model.id) ?? [];
  const aliases = await aliasesByVersion(t.db, versions.map((v) => v.id));
  return versions.reverse().map((v) => ({ ...v, aliases: aliases.get(v.id) ?? [] }));
}

const t = useFreshDatabase();

test('getOrCreateRegisteredModel is idempotent, also concurrently', async () => {
  const models = await Promise.all(Array.from({ length: 5 }, () => getOrCreateRegisteredModel(t.db, 'Same_Model')));
  assert.equal(new Set(models.map((m) => m.id)).size, 1);
  await assert.rejects(getOrCreateRegisteredModel(t.db, ' '), isCode('INVALID_INPUT'));
});

test('registerModelVersion numbers versions 1..n and records REGISTERED', async () => {
  const { experiment, trials } = await sampleExperiment(t.db, 'reg', 2);
  const v1 = await registerModelVersion(t.db, {
    modelName: 'Mnist_Best_Model',
    trialId: trials[0]!.id,
    experimentId: experiment.id,
    artifactPath: 'models/a',
    tags: { dataset: 'mnist' },
    metrics: { test_accuracy: 0.97 },
    actor: 'registry',
  });
  assert.equal(v1.created, true);
  assert.equal(v1.version.version, 1);
  assert.equal(v1.version.stage, 'None');
  assert.equal(v1.version.modelName, 'Mnist_Best_Model');
  assert.deepEqual(v1.version.metrics, { test_accuracy: 0.97 });
  const v2 = await registerModelVersion(t.db, { modelName: 'Mnist_Best_Model', trialId: trials[1]!.id, artifactPath: 'models/b' });
  assert.equal(v2.version.version, 2);

  // Opt-in idempotency per trial: a redelivered registration returns the existing version.
  const again = await registerModelVersion(t.db, { modelName: 'Mnist_Best_Model', trialId: trials[0]!.id, artifactPath: 'models/a', reuseExistingForTrial: true });
  assert.equal(again.created, false);
  assert.equal(again.version.version, 1);

  const history = await historyOf('Mnist_Best_Model');
  assert.deepEqual(history.map((e) => [e.kind, e.toValue, e.version, e.actor]), [
    ['REGISTERED', '1', 1, 'registry'],
    ['REGISTERED', '2', 2, 'system'],
  ]);
  await assert.rejects(
    registerModelVersion(t.db, { modelName: 'Mnist_Best_Model', trialId: '00000000-0000-4000-8000-000000000000', artifactPath: 'x' }),
    isCode('NOT_FOUND'),
  );
});

test('concurrent registerModelVersion calls get distinct, gap-free versions', async () => {
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) => registerModelVersion(t.db, { modelName: 'Concurrent_Model', artifactPath: `models/${i}` })),
  );
  const numbers = results.map((r) => r.version.version).sort((a, b) => a - b);
  assert.deepEqual(numbers, Array.from({ length: 12 }, (_, i) => i + 1));
  const versions = await versionsOf('Concurrent_Model');
  assert.deepEqual(versions.map((v) => v.version), numbers.slice().reverse());
});

test('promoting to Production archives the previous Production version and writes history', async () => {
  const name = 'Promote_Model';
  for (let i = 0; i < 3; i++) await registerModelVersion(t.db, { modelName: name, artifactPath: `m/${i}` });
  const p1 = await transitionStage(t.db, { modelName: name, version: 1, stage: 'Production', archiveExisting: true, actor: 'alice', reason: 'first' });
  assert.equal(p1.version.stage, 'Production');
  assert.equal(p1.changed, true);
  assert.deepEqual(p1.archived, []);

  await transitionStage(t.db, { modelName: name, version: 2, stage: 'Staging' });
  const p2 = await transitionStage(t.db, { modelName: name, version: 2, stage: 'Production', archiveExisting: true, actor: 'bob', reason: 'better' });
  assert.equal(p2.version.stage, 'Production');
  assert.deepEqual(p2.archived.map((v) => [v.version, v.stage]), [[1, 'Archived']]);
  assert.equal((await getModelVersion(t.db, name, 1)).stage, 'Archived');

  // Production holds one version: promoting archives the holder even without archiveExisting.
  const p3 = await transitionStage(t.db, { modelName: name, version: 3, stage: 'Production' });
  assert.deepEqual(p3.archived.map((v) => v.version), [2]);
  assert.equal((await getModelVersion(t.db, name, 2)).stage, 'Archived');
  assert.equal((await getModelByAliasOrStage(t.db, name, { stage: 'Production' }))?.version, 3);
  assert.equal(await getModelByAliasOrStage(t.db, name, { stage: 'Staging' }), null);

  // Same stage again: no change, no event.
  const same = await transitionStage(t.db, { modelName: name, version: 3, stage: 'Production' });
  assert.equal(same.changed, false);

  const stageEvents = (await historyOf(name)).filter((e) => e.kind === 'STAGE');
  assert.deepEqual(stageEvents.map((e) => [e.version, e.fromValue, e.toValue, e.actor]), [
    [1, 'None', 'Production', 'alice'],
    [2, 'None', 'Staging', 'system'],
    [2, 'Staging', 'Production', 'bob'],
    [1, 'Production', 'Archived', 'bob'],
    [3, 'None', 'Production', 'system'],
    [2, 'Production', 'Archived', 'system'],
  ]);
  assert.equal(stageEvents[2]!.reason, 'better');
  await assert.rejects(transitionStage(t.db, { modelName: name, version: 99, stage: 'Staging' }), isCode('NOT_FOUND'));
  await assert.rejects(transitionStage(t.db, { modelName: 'Nope_Model', version: 1, stage: 'Staging' }), isCode('NOT_FOUND'));
  await assert.rejects(transitionStage(t.db, { modelName: name, version: 1, stage: 'Live' as 'Production' }), isCode('INVALID_INPUT'));
});

test('aliases: set, move, resolve, with history; champion cannot be set by hand', async () => {
  const name = 'Alias_Model';
  for (let i = 0; i < 2; i++) await registerModelVersion(t.db, { modelName: name, artifactPath: `m/${i}` });
  const a = await setAlias(t.db, { modelName: name, alias: 'canary', version: 1, actor: 'alice' });
  assert.deepEqual(a.aliases, ['canary']);
  await setAlias(t.db, { modelName: name, alias: 'canary', version: 2, actor: 'bob' });
  await setAlias(t.db, { modelName: name, alias: 'canary', version: 2 }); // no-op
  const resolved = await getModelByAliasOrStage(t.db, name, { alias: 'canary' });
  assert.equal(resolved?.version, 2);
  assert.deepEqual(resolved?.aliases, ['canary']);
  assert.deepEqual((await getModelVersion(t.db, name, 1)).aliases, []);

  assert.equal(await getModelByAliasOrStage(t.db, name, { alias: 'stable' }), null);
  await assert.rejects(setAlias(t.db, { modelName: name, alias: '1bad alias', version: 1 }), isCode('INVALID_INPUT'));
  await assert.rejects(setAlias(t.db, { modelName: name, alias: 'x', version: 7 }), isCode('NOT_FOUND'));
  await assert.rejects(setAlias(t.db, { modelName: name, alias: 'champion', version: 1 }), isCode('INVALID_INPUT'));

  const events = (await historyOf(name)).filter((e) => e.kind !== 'REGISTERED');
  assert.deepEqual(events.map((e) => [e.kind, e.alias, e.fromValue, e.toValue, e.actor]), [
    ['ALIAS_SET', 'canary', null, '1', 'alice'],
    ['ALIAS_SET', 'canary', '1', '2', 'bob'],
  ]);
});

/** The invariant: champion names exactly the Production version (or nothing when there is none). */
async function assertChampionIsProduction(name: string): Promise<ModelVersionView[]> {
  const versions = await versionsOf(name);
  const production = versions.filter((v) => v.stage === 'Production');
  const champions = versions.filter((v) => v.aliases.includes('champion'));
  assert.ok(production.length <= 1, 'at most one Production version');
  assert.deepEqual(champions.map((v) => v.version), production.map((v) => v.version), 'champion follows Production');
  return versions;
}

test('champion follows Production through promote, re-promote, demote and archive', async () => {
  const name = 'Champion_Model';
  for (let i = 0; i < 3; i++) await registerModelVersion(t.db, { modelName: name, artifactPath: `m/${i}` });
  await assertChampionIsProduction(name);
  await transitionStage(t.db, { modelName: name, version: 1, stage: 'Production', actor: 'alice' });
  assert.deepEqual((await assertChampionIsProduction(name)).find((v) => v.version === 1)?.aliases, ['champion']);
  // `trialgrid promote <model> 2`: v2 Production, v1 Archived, champion on v2 (the bug: it stayed on v1)
  const p2 = await transitionStage(t.db, { modelName: name, version: 2, stage: 'Production', actor: 'bob' });
  assert.equal(p2.championChanged, true);
  let versions = await assertChampionIsProduction(name);
  assert.deepEqual(versions.map((v) => [v.version, v.stage, v.aliases]), [[3, 'None', []], [2, 'Production', ['champion']], [1, 'Archived', []]]);
  assert.equal((await getModelByAliasOrStage(t.db, name, { alias: 'champion' }))?.version, 2);
  // back to the archived v1
  await transitionStage(t.db, { modelName: name, version: 1, stage: 'Production' });
  versions = await assertChampionIsProduction(name);
  assert.equal(versions.find((v) => v.version === 1)?.stage, 'Production');
  // demoting the Production version to Staging removes the champion: nothing loads an unpromoted model
  await transitionStage(t.db, { modelName: name, version: 1, stage: 'Staging', actor: 'carol', reason: 'regression found' });
  versions = await assertChampionIsProduction(name);
  assert.equal(await getModelByAliasOrStage(t.db, name, { alias: 'champion' }), null);
  // a version that is not Production leaving its stage does not touch the champion
  await transitionStage(t.db, { modelName: name, version: 3, stage: 'Production' });
  await transitionStage(t.db, { modelName: name, version: 2, stage: 'None' });
  await assertChampionIsProduction(name);
  await transitionStage(t.db, { modelName: name, version: 3, stage: 'Archived' });
  await assertChampionIsProduction(name);

  const aliasEvents = (await historyOf(name)).filter((e) => e.alias === 'champion');
  assert.deepEqual(aliasEvents.map((e) => [e.kind, e.fromValue, e.toValue, e.actor]), [
    ['ALIAS_SET', null, '1', 'alice'],
    ['ALIAS_SET', '1', '2', 'bob'],
    ['ALIAS_SET', '2', '1', 'system'],
    ['ALIAS_REMOVED', '1', null, 'carol'],
    ['ALIAS_SET', null, '3', 'system'],
    ['ALIAS_REMOVED', '3', null, 'system'],
  ]);
});

test('concurrent promotions of different versions leave one Production version and the champion on it', async () => {
  const name = 'Race_Model';
  for (let i = 0; i < 6; i++) await registerModelVersion(t.db, { modelName: name, artifactPath: `m/${i}` });
  await Promise.all([1, 2, 3, 4, 5, 6].map((version) => transitionStage(t.db, { modelName: name, version, stage: 'Production' })));
  const versions = await assertChampionIsProduction(name);
  assert.equal(versions.filter((v) => v.stage === 'Production').length, 1);
});

test('description and tags of a model and of a version are editable, with UPDATED history; search finds them', async () => {
  const name = 'Editable_Model';
  await registerModelVersion(t.db, { modelName: name, artifactPath: 'm/0', tags: { trial_id: 'x' }, description: 'first cut' });
  assert.equal((await getModelVersion(t.db, name, 1)).description, 'first cut');
  const m = await updateModel(t.db, { modelName: name, description: 'Digit classifier for the scanner', tags: { team: 'vision', owner: 'ana' }, actor: 'ana' });
  assert.equal(m.model.description, 'Digit classifier for the scanner');
  assert.deepEqual(m.model.tags, { team: 'vision', owner: 'ana' });
  await updateModel(t.db, { modelName: name, tags: { owner: null } });
  const v = await updateModel(t.db, { modelName: name, version: 1, description: null, tags: { reviewed: 'yes' } });
  assert.equal(v.version?.description, null);
  assert.deepEqual(v.version?.tags, { trial_id: 'x', reviewed: 'yes' });
  await assert.rejects(updateModel(t.db, { modelName: name, tags: { 'bad key!': 'x' } }), isCode('INVALID_INPUT'));
  await assert.rejects(updateModel(t.db, { modelName: name, version: 9, description: 'x' }), isCode('NOT_FOUND'));
  await assert.rejects(updateModel(t.db, { modelName: name, description: 'x'.repeat(5001) }), isCode('INVALID_INPUT'));
  const updates = (await historyOf(name)).filter((e) => e.kind === 'UPDATED');
  assert.deepEqual(updates.map((e) => [e.version, e.reason, e.actor]), [
    [null, 'changed description, tag team, tag owner', 'ana'],
    [null, 'changed tag owner', 'system'],
    [1, 'changed description, tag reviewed', 'system'],
  ]);

  assert.deepEqual((await searchRegisteredModels(t.db, 'SCANNER')).map((r) => r.name), [name], 'description, case-insensitive');
  assert.deepEqual((await searchRegisteredModels(t.db, 'vision')).map((r) => r.name), [name], 'tag value');
  assert.deepEqual((await searchRegisteredModels(t.db, 'editable_')).map((r) => r.name), [name], 'name; _ is literal');
  assert.deepEqual(await searchRegisteredModels(t.db, '100%'), []);
  assert.ok((await searchRegisteredModels(t.db, '')).length >= 2);
});

test('a new promotion policy re-judges every version and records which verdicts flipped', async () => {
  const name = 'Policy_Model';
  const judge = (v: { metrics: unknown }, p: typeof DEFAULT_PROMOTION_POLICY) => {
    const acc = (v.metrics as { test_accuracy: number }).test_accuracy;
    return { passed: acc >= p.minTestAccuracy, checks: [], policy: { ...p }, evaluatedAt: new Date(0).toISOString() };
  };
  const model = await getOrCreateRegisteredModel(t.db, name);
  assert.deepEqual(model.promotionPolicy, { ...DEFAULT_PROMOTION_POLICY }, 'a new model gets the seed policy');
  for (const acc of [0.92, 0.995]) {
    await registerModelVersion(t.db, { modelName: name, artifactPath: `m/${acc}`, metrics: { test_accuracy: acc }, gate: judge({ metrics: { test_accuracy: acc } }, DEFAULT_PROMOTION_POLICY) });
  }
  const out = await setPromotionPolicy(t.db, { modelName: name, policy: { ...DEFAULT_PROMOTION_POLICY, minTestAccuracy: 0.9 }, judge, actor: 'ana', reason: 'pilot' });
  assert.deepEqual(out.flipped, [1]);
  assert.equal(out.model.promotionPolicy.minTestAccuracy, 0.9);
  assert.equal((await getModelVersion(t.db, name, 1)).gate?.passed, true);
  const events = (await historyOf(name)).filter((e) => e.kind === 'GATE' || e.kind === 'POLICY');
  assert.deepEqual(events.map((e) => [e.kind, e.version, e.toValue]), [['GATE', 1, 'failed'], ['GATE', 2, 'passed'], ['POLICY', null, null], ['GATE', 1, 'passed']]);
});

test('unknown model lookups are NOT_FOUND', async () => {
  await assert.rejects(getModelVersion(t.db, 'Unknown_Model', 1), isCode('NOT_FOUND'));
  await assert.rejects(getModelByAliasOrStage(t.db, 'Unknown_Model', { alias: 'x' }), isCode('NOT_FOUND'));
});

/** An AppError INVALID_INPUT whose details name `field` (what the gateway turns into BAD_USER_INPUT). */
const invalidField =
  (field: string) =>
  (err: unknown): boolean =>
    (err as { code?: string }).code === 'INVALID_INPUT' && (err as { details?: { field?: unknown } }).details?.field === field;

test("the registry's text inputs follow the contracts' model rules: INVALID_INPUT naming the field, nothing written", async () => {
  const name = 'Rules_Model';
  await getOrCreateRegisteredModel(t.db, name);
  // Postgres text cannot hold U+0000: each of these used to reach the database and fail there.
  await assert.rejects(getOrCreateRegisteredModel(t.db, 'nul\u0000name'), invalidField('modelName'));
  await assert.rejects(registerModelVersion(t.db, { modelName: 'nul\u0000name', artifactPath: 'm/0' }), invalidField('modelName'));
  await assert.rejects(updateModel(t.db, { modelName: name, description: 'a\u0000b' }), invalidField('description'));
  await assert.rejects(searchRegisteredModels(t.db, 'a\u0000b'), invalidField('search'));
  await assert.rejects(searchRegisteredModels(t.db, 'x'.repeat(257)), invalidField('search'));
  assert.deepEqual((await searchRegisteredModels(t.db, ` ${'x'.repeat(255)} `)).length, 0, 'trimmed before the bound');
  // The description bound holds at registration too (it used to hold only for updates).
  await assert.rejects(registerModelVersion(t.db, { modelName: name, artifactPath: 'm/0', description: 'x'.repeat(5001) }), invalidField('description'));
  await assert.rejects(setAlias(t.db, { modelName: name, alias: '-x', version: 1 }), invalidField('alias'));
  await assert.rejects(transitionStage(t.db, { modelName: name, version: 1, stage: 'Live' as 'Production' }), invalidField('stage'));
  assert.deepEqual(await versionsOf(name), [], 'no version was written');
  // The name is stored as the rule yields it (trimmed), so the same model is found either way.
  const spaced = await registerModelVersion(t.db, { modelName: `  ${name} `, artifactPath: 'm/1' });
  assert.equal(spaced.version.modelName, name);
  assert.equal((await getOrCreateRegisteredModel(t.db, ` ${name}`)).name, name);
});

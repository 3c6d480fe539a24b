import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  getModelByAliasOrStage,
  getModelVersion,
  getModelVersions,
  getOrCreateRegisteredModel,
  listRegisteredModels,
  modelHistory,
  registerModelVersion,
  removeAlias,
  setAlias,
  transitionStage,
} from './index.js';
import { sampleExperiment, isCode, useFreshDatabase } from './test-support.js';

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

  const history = await modelHistory(t.db, 'Mnist_Best_Model');
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
  const versions = await getModelVersions(t.db, 'Concurrent_Model');
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

  // Without archiveExisting two versions may share Production; the lookup picks the highest.
  await transitionStage(t.db, { modelName: name, version: 3, stage: 'Production' });
  assert.equal((await getModelVersion(t.db, name, 2)).stage, 'Production');
  assert.equal((await getModelByAliasOrStage(t.db, name, { stage: 'Production' }))?.version, 3);
  assert.equal(await getModelByAliasOrStage(t.db, name, { stage: 'Staging' }), null);

  // Same stage again: no change, no event.
  const same = await transitionStage(t.db, { modelName: name, version: 3, stage: 'Production' });
  assert.equal(same.changed, false);

  const stageEvents = (await modelHistory(t.db, name)).filter((e) => e.kind === 'STAGE');
  assert.deepEqual(stageEvents.map((e) => [e.version, e.fromValue, e.toValue, e.actor]), [
    [1, 'None', 'Production', 'alice'],
    [2, 'None', 'Staging', 'system'],
    [2, 'Staging', 'Production', 'bob'],
    [1, 'Production', 'Archived', 'bob'],
    [3, 'None', 'Production', 'system'],
  ]);
  assert.equal(stageEvents[2]!.reason, 'better');
  await assert.rejects(transitionStage(t.db, { modelName: name, version: 99, stage: 'Staging' }), isCode('NOT_FOUND'));
  await assert.rejects(transitionStage(t.db, { modelName: 'Nope_Model', version: 1, stage: 'Staging' }), isCode('NOT_FOUND'));
  await assert.rejects(transitionStage(t.db, { modelName: name, version: 1, stage: 'Live' as 'Production' }), isCode('INVALID_INPUT'));
});

test('aliases: set, move, resolve, remove, with history', async () => {
  const name = 'Alias_Model';
  for (let i = 0; i < 2; i++) await registerModelVersion(t.db, { modelName: name, artifactPath: `m/${i}` });
  const a = await setAlias(t.db, { modelName: name, alias: 'champion', version: 1, actor: 'alice' });
  assert.deepEqual(a.aliases, ['champion']);
  await setAlias(t.db, { modelName: name, alias: 'champion', version: 2, actor: 'bob' });
  await setAlias(t.db, { modelName: name, alias: 'champion', version: 2 }); // no-op
  const resolved = await getModelByAliasOrStage(t.db, name, { alias: 'champion' });
  assert.equal(resolved?.version, 2);
  assert.deepEqual(resolved?.aliases, ['champion']);
  assert.deepEqual((await getModelVersion(t.db, name, 1)).aliases, []);

  await removeAlias(t.db, { modelName: name, alias: 'champion', actor: 'carol' });
  assert.equal(await getModelByAliasOrStage(t.db, name, { alias: 'champion' }), null);
  await assert.rejects(removeAlias(t.db, { modelName: name, alias: 'champion' }), isCode('NOT_FOUND'));
  await assert.rejects(setAlias(t.db, { modelName: name, alias: '1bad alias', version: 1 }), isCode('INVALID_INPUT'));
  await assert.rejects(setAlias(t.db, { modelName: name, alias: 'x', version: 7 }), isCode('NOT_FOUND'));

  const events = (await modelHistory(t.db, name)).filter((e) => e.kind !== 'REGISTERED');
  assert.deepEqual(events.map((e) => [e.kind, e.alias, e.fromValue, e.toValue, e.actor]), [
    ['ALIAS_SET', 'champion', null, '1', 'alice'],
    ['ALIAS_SET', 'champion', '1', '2', 'bob'],
    ['ALIAS_REMOVED', 'champion', '2', null, 'carol'],
  ]);
});

test('listRegisteredModels summarises versions per stage; unknown model lookups are NOT_FOUND', async () => {
  const name = 'Summary_Model';
  for (let i = 0; i < 3; i++) await registerModelVersion(t.db, { modelName: name, artifactPath: `m/${i}` });
  await transitionStage(t.db, { modelName: name, version: 2, stage: 'Production' });
  const summary = (await listRegisteredModels(t.db)).find((m) => m.name === name)!;
  assert.equal(summary.versionCount, 3);
  assert.equal(summary.latestVersion, 3);
  assert.deepEqual(summary.latestByStage, { None: 3, Production: 2 });
  const names = (await listRegisteredModels(t.db)).map((m) => m.name);
  assert.deepEqual(names, [...names].sort());
  await assert.rejects(getModelVersions(t.db, 'Unknown_Model'), isCode('NOT_FOUND'));
  await assert.rejects(getModelByAliasOrStage(t.db, 'Unknown_Model', { alias: 'x' }), isCode('NOT_FOUND'));
  await assert.rejects(modelHistory(t.db, 'Unknown_Model'), isCode('NOT_FOUND'));
});

/**
 * The `trialgrid` CLI (the built binary, as a child process) against the whole stack running
 * in-process: submit / ls / watch / show / compare / models / promote / cancel with --json,
 * and the failure paths (GraphQL error codes, exit 1; usage errors, exit 2).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken } from '@trialgrid/db';
import { repoRoot } from '@trialgrid/testing';
import { startStack, type Stack } from './stack.js';

const CLI = join(repoRoot(), 'services', 'cli', 'dist', 'main.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(stack: Stack, args: string[], timeoutMs = 60_000, token: string = stack.token): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args, '--url', stack.gatewayUrl], { timeout: timeoutMs, env: { ...process.env, GATEWAY_URL: '', TRIALGRID_TOKEN: token, TRIALGRID_STATE_DIR: '/nonexistent' } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function json<T>(r: Run): T {
  assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

let stack: Stack;
let dir: string;
let experimentId = '';
let trialIds: string[] = [];

before(async () => {
  stack = await startStack({ workers: 1, trainLimit: 500, testLimit: 200 });
  dir = await mkdtemp(join(tmpdir(), 'tg-cli-e2e-'));
});
after(async () => {
  await stack?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('submit --json creates the experiment from a file', async () => {
  const file = join(dir, 'exp.json');
  const input = stack.quickInput('cli-e2e', {
    epochs: 2,
    modelName: 'Cli_E2E_Model',
    searchSpace: { algorithm: 'EXPLICIT', trials: [{ name: 'lr_1e-3', preset: 'baseline', learningRate: 0.001 }, { name: 'lr_3e-3', preset: 'baseline', learningRate: 0.003 }] },
  });
  await writeFile(file, JSON.stringify(input));
  const e = json<{ id: string; name: string; trials: { totalCount: number; nodes: { id: string; name: string }[] } }>(await cli(stack, ['submit', file, '--json']));
  assert.equal(e.name, 'cli-e2e');
  assert.equal(e.trials.totalCount, 2);
  assert.deepEqual(e.trials.nodes.map((t) => t.name).sort(), ['lr_1e-3', 'lr_3e-3']);
  experimentId = e.id;
  trialIds = e.trials.nodes.map((t) => t.id);
});

test('watch (started while the experiment runs) follows it to the end and exits 0', async () => {
  const r = await cli(stack, ['watch', experimentId], 120_000);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /lr_1e-3 +SUCCEEDED/);
  assert.match(r.stdout, /experiment \S+ SUCCEEDED/);
});

test('ls --json lists it', async () => {
  const list = json<{ totalCount: number; nodes: { id: string; status: string }[] }>(await cli(stack, ['ls', '--json']));
  assert.ok(list.nodes.some((n) => n.id === experimentId));
});

test('show --json has both trials with final metrics; human output is a table', async () => {
  const e = json<{ status: string; trials: { nodes: { status: string; finalMetrics: Record<string, number> }[] } }>(await cli(stack, ['show', experimentId, '--json']));
  assert.equal(e.status, 'SUCCEEDED');
  for (const t of e.trials.nodes) {
    assert.equal(t.status, 'SUCCEEDED');
    assert.equal(typeof t.finalMetrics['test_accuracy'], 'number');
  }
  const trial = json<{ id: string; status: string; artifacts: { url: string }[]; metrics: { key: string; points: unknown[] }[] }>(await cli(stack, ['show', '--trial', trialIds[0]!, '--json']));
  assert.equal(trial.id, trialIds[0]);
  assert.ok(trial.artifacts.length > 0);
  assert.equal(trial.metrics.find((m) => m.key === 'val_accuracy')?.points.length, 2);
  const human = await cli(stack, ['show', experimentId]);
  assert.equal(human.code, 0);
  assert.match(human.stdout, /^status +SUCCEEDED/m);
  assert.match(human.stdout, /#\s+trial\s+status\s+epoch/);
});

test('compare --json and as a table', async () => {
  const c = json<{ paramKeys: string[]; metricKeys: string[]; trials: { id: string }[] }>(await cli(stack, ['compare', ...trialIds, '--json']));
  assert.deepEqual(c.trials.map((t) => t.id).sort(), [...trialIds].sort());
  assert.ok(c.paramKeys.includes('learning_rate'));
  assert.ok(c.metricKeys.includes('test_accuracy'));
  const table = await cli(stack, ['compare', ...trialIds]);
  assert.equal(table.code, 0);
  assert.match(table.stdout, /^trial +experiment +data +status +learning_rate +test_accuracy/m);
  assert.match(table.stdout, /train 500 \/ test 200 images +SUCCEEDED +0\.001 +\d+\.\d\d %/, 'data limits and accuracy as a percentage');
  assert.match(table.stdout, / KB /, 'sizes in KB, not raw bytes');
});

test('models and promote', async () => {
  // The registry registers the best trial when the experiment finishes.
  let model: { versions: { version: number; stage: string }[] } | undefined;
  for (let i = 0; i < 30 && !model?.versions.length; i++) {
    const r = await cli(stack, ['models', 'Cli_E2E_Model', '--json']);
    if (r.code === 0) model = JSON.parse(r.stdout) as typeof model;
    if (!model?.versions.length) await new Promise((res) => setTimeout(res, 1000));
  }
  assert.ok(model?.versions.length, 'registry registered a version');
  const v = model.versions[0]!;
  // a quick run fails the seed's production gate: registered, not promoted
  assert.equal(v.stage, 'None');
  const table = await cli(stack, ['models', 'Cli_E2E_Model']);
  assert.match(table.stdout, /production gate: test accuracy >= 99\.00 %, latency < 100 ms, size < 10\.00 MB/);
  assert.match(table.stdout, /failed: test_accuracy 0\.\d+ < 0\.99/);
  assert.match(table.stdout, /mnist test\[0:\d+\]/, 'the evaluation set is shown');
  const staged = json<{ version: number; stage: string }>(await cli(stack, ['promote', 'Cli_E2E_Model', String(v.version), '--stage', 'staging', '--json']));
  assert.equal(staged.stage, 'Staging');
  const refused = await cli(stack, ['promote', 'Cli_E2E_Model', String(v.version)]);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /CONFLICT.*fails the production gate/s);
  const noReason = await cli(stack, ['promote', 'Cli_E2E_Model', String(v.version), '--override']);
  assert.notEqual(noReason.code, 0);
  assert.match(noReason.stderr, /--override needs --reason/);
  const prod = await cli(stack, ['promote', 'Cli_E2E_Model', String(v.version), '--override', '--reason', 'cli test']);
  assert.equal(prod.code, 0, prod.stderr);
  assert.match(prod.stdout, new RegExp(`Cli_E2E_Model version ${v.version} is now Production \\(aliases: champion\\)`));
  const history = await cli(stack, ['models', 'Cli_E2E_Model']);
  assert.match(history.stdout, /override of the production gate .*: cli test/);
  // The model history names the token's owner (the stack's admin token belongs to `e2e`).
  const after = json<{ history: { kind: string; toValue: string | null; actor: string }[] }>(await cli(stack, ['models', 'Cli_E2E_Model', '--json']));
  assert.ok(after.history.some((e) => e.kind === 'STAGE' && e.toValue === 'Staging' && e.actor === 'e2e'), JSON.stringify(after.history));
  assert.ok(after.history.some((e) => e.kind === 'STAGE' && e.toValue === 'Production' && e.actor === 'e2e'), JSON.stringify(after.history));
  assert.ok(after.history.some((e) => e.kind === 'REGISTERED' && e.actor === 'registry'), 'the automatic registration records the service');

  // A viewer may look but not promote; without a token nothing works and the CLI says how to get one.
  const { token: viewer } = await createApiToken(stack.db, { name: 'cli-viewer', owner: 'viewer-user', role: 'viewer', createdBy: 'test' });
  assert.equal((await cli(stack, ['models', 'Cli_E2E_Model', '--json'], 60_000, viewer)).code, 0);
  const denied = await cli(stack, ['promote', 'Cli_E2E_Model', String(v.version), '--stage', 'archived'], 60_000, viewer);
  assert.equal(denied.code, 1);
  assert.match(denied.stderr, /^trialgrid promote: FORBIDDEN: .*admin/m);
  const anonymous = await cli(stack, ['ls'], 60_000, '');
  assert.equal(anonymous.code, 1);
  assert.match(anonymous.stderr, /UNAUTHENTICATED/);
  assert.match(anonymous.stderr, /TRIALGRID_TOKEN/);
  // A token that was sent and refused: the hint says which one, not how to send one.
  const wrong = await cli(stack, ['ls'], 60_000, 'tg_wrongwrongwrongwrongwrongwrong');
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /UNAUTHENTICATED/);
  assert.match(wrong.stderr, /refused the token from TRIALGRID_TOKEN/);
});

test('cancel --json cancels a running experiment', async () => {
  const file = join(dir, 'long.yaml');
  await writeFile(file, `name: cli-cancel\ntrainLimit: 500\ntestLimit: 200\nepochs: 3\nmaxParallelTrials: 1\nsearchSpace:\n  algorithm: GRID\n  base: { preset: baseline }\n  parameters:\n    - name: learningRate\n      values: [0.001, 0.002, 0.003]\n`);
  const e = json<{ id: string }>(await cli(stack, ['submit', file, '--json']));
  const c = json<{ id: string; status: string }>(await cli(stack, ['cancel', e.id, '--json']));
  assert.equal(c.id, e.id);
  assert.equal(c.status, 'CANCELLED');
});

test('failures: GraphQL error code and exit 1; usage errors exit 2', async () => {
  const missing = await cli(stack, ['show', randomUUID()]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^trialgrid show: NOT_FOUND: experiment .* not found/m);

  const bad = join(dir, 'bad.yaml');
  await writeFile(bad, 'name: bad\nsearchSpace:\n  algorithm: EXPLICIT\n  trials:\n    - learningRate: -1\n');
  const invalid = await cli(stack, ['submit', bad, '--json']);
  assert.equal(invalid.code, 1);
  // The CLI validates the file with the contracts' rules before sending anything.
  assert.match(invalid.stderr, /^trialgrid submit: INVALID_FILE: .*learningRate/m);
  assert.equal((JSON.parse(invalid.stdout) as { error: { code: string } }).error.code, 'INVALID_FILE');

  const usage = await cli(stack, ['promote', 'Cli_E2E_Model']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /missing argument/);
});

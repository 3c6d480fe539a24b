import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli.js';
import { createGatewayClient, GatewayError, toGatewayError, websocketUrl } from './client.js';
import { parseDemoArgs } from './demo.js';
import { compareTable } from './commands/trials.js';

function capture(): { io: Parameters<typeof runCli>[2]; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: (t) => (out += t), stderr: (t) => (err += t), tty: false }, out: () => out, err: () => err };
}

/** A port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

test('usage errors exit 2 with the usage text on stderr', async () => {
  const c = capture();
  assert.equal(await runCli(['nope'], {}, c.io), 2);
  assert.match(c.err(), /unknown command "nope"[\s\S]*usage: trialgrid <command>/);
  assert.equal(c.out(), '');
});

test('help exits 0', async () => {
  const c = capture();
  assert.equal(await runCli(['help', 'submit'], {}, c.io), 0);
  assert.match(c.out(), /usage: trialgrid submit/);
});

test('an unreachable gateway is a clear failure (exit 1, code UNREACHABLE, --json error object)', async () => {
  const port = await freePort();
  const c = capture();
  const code = await runCli(['ls', '--json'], { GATEWAY_URL: `http://127.0.0.1:${port}/graphql` }, c.io);
  assert.equal(code, 1);
  assert.match(c.err(), new RegExp(`trialgrid ls: UNREACHABLE: cannot connect to the gateway at http://127.0.0.1:${port}/graphql \\(ECONNREFUSED\\); is it running\\?`));
  assert.equal(JSON.parse(c.out()).error.code, 'UNREACHABLE');
});

test('a bad file fails before any request', async () => {
  const c = capture();
  assert.equal(await runCli(['submit', '/nonexistent/exp.yaml', '--url', 'http://127.0.0.1:1/graphql'], {}, c.io), 1);
  assert.match(c.err(), /INVALID_FILE: \/nonexistent\/exp\.yaml: no such file/);
});

test('a flag value the rules refuse is a usage error against the flag, not the file (exit 2, before any request)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-cli-'));
  const file = join(dir, 'exp.yaml');
  writeFileSync(file, 'name: flags\nsearchSpace:\n  algorithm: GRID\n  base: { preset: baseline }\n  parameters:\n    - name: learningRate\n      values: [0.001]\n');
  for (const [flag, value] of [['--train-limit', '0'], ['--epochs', '0'], ['--epochs', '100000']] as const) {
    const c = capture();
    assert.equal(await runCli(['submit', file, flag, value, '--url', 'http://127.0.0.1:1/graphql'], {}, c.io), 2, `${flag} ${value}`);
    assert.match(c.err(), new RegExp(`^trialgrid: ${flag}: `), `${flag} ${value}: ${c.err()}`);
    assert.doesNotMatch(c.err(), new RegExp(file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the file is not blamed');
  }
  // The same fault written in the file is the file's.
  writeFileSync(file, 'name: flags\nepochs: 0\nsearchSpace: { algorithm: EXPLICIT, trials: [{ preset: baseline }] }\n');
  const c = capture();
  assert.equal(await runCli(['submit', file, '--url', 'http://127.0.0.1:1/graphql'], {}, c.io), 1);
  assert.match(c.err(), /exp\.yaml: epochs/);
});

test('subscriptions against an unreachable gateway reject ready', async () => {
  const port = await freePort();
  const client = createGatewayClient({ url: `http://127.0.0.1:${port}/graphql` });
  const errors: GatewayError[] = [];
  const sub = client.subscribe('subscription { experimentUpdated { id } }', {}, { next: () => undefined, error: (e) => errors.push(e) });
  await assert.rejects(sub.ready, (e: unknown) => e instanceof GatewayError);
  assert.equal(errors.length, 1);
  sub.unsubscribe();
  await client.close();
});

test('GraphQL errors map to code + message', () => {
  const e = toGatewayError([{ message: 'learningRate must be > 0', extensions: { code: 'BAD_USER_INPUT' } }, { message: 'x' }], 200);
  assert.equal(e.code, 'BAD_USER_INPUT');
  assert.equal(e.message, 'learningRate must be > 0 (+1 more)');
  assert.equal(toGatewayError([{ message: 'boom' }]).code, 'GRAPHQL_ERROR');
  assert.equal(websocketUrl('https://h:1/graphql'), 'wss://h:1/graphql');
  assert.equal(websocketUrl('http://h/graphql'), 'ws://h/graphql');
});

test('demo arguments', () => {
  const o = parseDemoArgs(['--train-limit', '500', '--epochs', '1', '--json'], { GATEWAY_URL: 'http://g:1/graphql' });
  assert.ok(!('help' in o));
  assert.equal(o.trainLimit, 500);
  assert.equal(o.epochs, 1);
  assert.equal(o.json, true);
  assert.equal(o.url, 'http://g:1/graphql');
  assert.equal(o.registryWaitMs, 30_000);
  assert.throws(() => parseDemoArgs(['--epochs', '0']), /--epochs must be >= 1/);
  assert.throws(() => parseDemoArgs(['--fast']), /fast/);
});

test('compare table shows the params that differ and the final metrics', () => {
  const row = (name: string, lr: number, acc: number) => ({
    id: name,
    experimentId: 'e1',
    index: 0,
    name,
    status: 'SUCCEEDED' as const,
    paramMap: { learning_rate: lr, batch_size: 128 },
    currentEpoch: 2,
    latestMetrics: {},
    finalMetrics: { test_accuracy: acc, training_seconds: 75 },
    attempt: 1,
    error: null,
    startedAt: null,
    finishedAt: null,
    experiment: { name: 'grid', options: name === 'a' ? { trainLimit: 2000, testLimit: 1000 } : {} },
  });
  const out = compareTable({ paramKeys: ['batch_size', 'learning_rate'], metricKeys: ['training_seconds', 'test_accuracy'], trials: [row('a', 0.001, 0.98), row('b', 0.01, 0.97)] });
  // the data each run saw is a column: accuracies on different test sets are not comparable
  assert.equal(
    out,
    [
      'trial  experiment  data                             status     learning_rate  test_accuracy  training_seconds',
      '-----  ----------  -------------------------------  ---------  -------------  -------------  ----------------',
      'a      grid        train 2,000 / test 1,000 images  SUCCEEDED          0.001        98.00 %        1 min 15 s',
      'b      grid        full MNIST (60,000 / 10,000)     SUCCEEDED           0.01        97.00 %        1 min 15 s',
    ].join('\n'),
  );
});

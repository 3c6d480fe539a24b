import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { AppError, notFound } from '@trialgrid/errors';
import { connectMessaging, type Messaging } from './connection.js';
import { COMMAND_QUEUE, commandRequestBytes, maxPayloadBytes, sendCommand, sendUncheckedCommand, serveCommand } from './commands.js';
import { NATS_URL } from './test-helpers.js';

async function rejectsWith(p: Promise<unknown>, code: string, message?: RegExp): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof AppError, `expected AppError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return err;
  }
  assert.fail(`expected ${code}`);
}

describe('commands over core NATS (real NATS)', () => {
  const prefix = `t_${randomBytes(5).toString('hex')}`;
  let server: Messaging;
  let server2: Messaging;
  let client: Messaging;
  const stops: (() => void)[] = [];

  before(async () => {
    server = await connectMessaging({ servers: NATS_URL, prefix, name: 'cmd-server-1' });
    server2 = await connectMessaging({ servers: NATS_URL, prefix, name: 'cmd-server-2' });
    client = await connectMessaging({ servers: NATS_URL, prefix, name: 'cmd-client' });
  });
  after(async () => {
    for (const s of stops) s();
    await Promise.all([server.close(), server2.close(), client.close()]);
  });

  it('returns the handler data; checks the request at the server and the reply at the sender', async () => {
    stops.push(serveCommand(server, 'trial.stop', ({ trialId, reason }) => ({ trialId, status: 'STOPPED', stopRequested: reason !== 'keep' })));
    await server.nc.flush();
    assert.deepEqual(await sendCommand(client, 'trial.stop', { trialId: 't1' }), { trialId: 't1', status: 'STOPPED', stopRequested: true });
    assert.equal((await sendCommand(client, 'trial.stop', { trialId: 't2', reason: 'keep' })).stopRequested, false);
    // A request a typed caller cannot write is refused by the server, naming the field.
    const err = await rejectsWith(sendUncheckedCommand(client, 'trial.stop', { trialId: '' }), 'INVALID_INPUT');
    assert.equal(err.details?.['field'], 'trialId');
    const nul = await rejectsWith(sendUncheckedCommand(client, 'trial.stop', { trialId: 'a\u0000b' }), 'INVALID_INPUT', /NUL/);
    assert.equal(nul.details?.['field'], 'trialId');
    // A server whose reply breaks the table is DATA_CORRUPT at the sender.
    stops.push(serveCommand(server, 'trial.retry', ({ trialId }) => ({ trialId, status: 'DONE' }) as unknown as { trialId: string; status: 'QUEUED' }));
    await server.nc.flush();
    await rejectsWith(sendCommand(client, 'trial.retry', { trialId: 't3' }), 'DATA_CORRUPT', /unexpected data/);
  });

  it('carries AppError codes and details; hides unknown errors as INTERNAL', async () => {
    stops.push(
      serveCommand(server, 'model.transition', ({ modelName }) => {
        if (modelName === 'missing') throw notFound('model', modelName);
        if (modelName === 'conflict') throw new AppError('CONFLICT', 'version 3 is already in production', { details: { version: 3 } });
        throw new Error('db password=hunter2 leaked in a stack');
      }),
    );
    await server.nc.flush();
    const req = (modelName: string) => ({ modelName, version: 1, stage: 'Production' as const });
    const nf = await rejectsWith(sendCommand(client, 'model.transition', req('missing')), 'NOT_FOUND', /model missing not found/);
    assert.deepEqual(nf.details, { what: 'model', id: 'missing' });
    const cf = await rejectsWith(sendCommand(client, 'model.transition', req('conflict')), 'CONFLICT');
    assert.deepEqual(cf.details, { version: 3 });
    const internal = await rejectsWith(sendCommand(client, 'model.transition', req('crash')), 'INTERNAL');
    assert.doesNotMatch(internal.message, /hunter2/);
  });

  it('answers no-responders with UNAVAILABLE naming the service, and slow handlers with TIMEOUT', async () => {
    await rejectsWith(sendCommand(client, 'model.predict', { modelName: 'x', images: [] }), 'UNAVAILABLE', /registry/);
    await rejectsWith(sendCommand(client, 'experiment.cancel', { experimentId: 'x' }), 'UNAVAILABLE', /scheduler/);
    stops.push(
      serveCommand(server, 'experiment.cancel', async ({ experimentId }) => {
        await new Promise((r) => setTimeout(r, 500));
        return { experimentId, status: 'CANCELLED' };
      }),
    );
    await server.nc.flush();
    await rejectsWith(sendCommand(client, 'experiment.cancel', { experimentId: 'x' }, { timeoutMs: 100 }), 'TIMEOUT', /scheduler/);
  });

  it('shares requests across instances in the queue group, each handled once', async () => {
    const handledBy: string[] = [];
    stops.push(serveCommand(server, 'experiment.create', ({ name }) => (handledBy.push('a'), { experimentId: name, trialCount: 1 })));
    stops.push(serveCommand(server2, 'experiment.create', ({ name }) => (handledBy.push('b'), { experimentId: name, trialCount: 1 })));
    await Promise.all([server.nc.flush(), server2.nc.flush()]);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, n) => sendCommand(client, 'experiment.create', { name: `e${n}`, preset: 'DOCUMENTED_RUNS' })),
    );
    assert.deepEqual(results.map((r) => r.experimentId), Array.from({ length: 40 }, (_, n) => `e${n}`));
    assert.equal(handledBy.length, 40);
    assert.ok(handledBy.includes('a') && handledBy.includes('b'), `both instances served: ${handledBy.join('')}`);
    assert.equal(COMMAND_QUEUE, 'trialgrid-commands');
  });

  it('a request or a reply over max_payload is INVALID_INPUT naming the limit (not UNAVAILABLE, not a timeout)', async () => {
    const limit = maxPayloadBytes(client);
    assert.equal(limit, client.nc.info?.max_payload);
    let served = 0;
    stops.push(
      serveCommand(server, 'model.predict', ({ images, modelName }) => {
        served++;
        // One reply row per image, as wide as the request asks: 'wide' makes the reply outgrow the limit.
        const width = modelName === 'wide' ? Math.ceil(limit / 4) : 1; // "0.125," is 6 bytes
        return { classes: images.map(() => 0), probabilities: images.map(() => Array.from({ length: width }, () => 0.125)), modelName, version: 1, latencyMs: 1 };
      }),
    );
    await server.nc.flush();
    // Just over the limit on the wire (zeros, as 670 all-zero MNIST images were).
    const zeros = (n: number) => Array.from({ length: n }, () => Array.from({ length: 784 }, () => 0));
    let n = 1;
    while (commandRequestBytes({ images: zeros(n), modelName: 'm' }) <= limit) n *= 2;
    const big = { images: zeros(n), modelName: 'm' };
    const tooBig = await rejectsWith(sendCommand(client, 'model.predict', big), 'INVALID_INPUT', new RegExp(`over the NATS message limit of ${limit} bytes`));
    assert.equal(tooBig.details?.['maxPayloadBytes'], limit);
    assert.equal(tooBig.details?.['sizeBytes'], commandRequestBytes(big));
    assert.equal(served, 0, 'refused before sending');
    // The reply side: the server answers with the reason instead of letting the sender time out.
    const wide = await rejectsWith(sendCommand(client, 'model.predict', { images: zeros(1), modelName: 'wide' }, { timeoutMs: 5_000 }), 'INVALID_INPUT', /the reply to model\.predict is \d+ bytes/);
    assert.equal(wide.details?.['maxPayloadBytes'], limit);
    assert.equal(served, 1);
  });
});

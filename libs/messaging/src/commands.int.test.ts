import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError, notFound } from '@trialgrid/errors';
import { connectMessaging, type Messaging } from './connection.js';
import { COMMAND_QUEUE, sendCommand, serveCommand } from './commands.js';
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

  it('returns the handler data and validates the input', async () => {
    const input = z.object({ trialId: z.string().min(1), reason: z.string().default('user') });
    stops.push(serveCommand(server, 'trial.stop', input, ({ trialId, reason }) => ({ trialId, reason, stopped: true })));
    await server.nc.flush();
    assert.deepEqual(await sendCommand(client, 'trial.stop', { trialId: 't1' }), { trialId: 't1', reason: 'user', stopped: true });
    const out = await sendCommand(client, 'trial.stop', { trialId: 't2', reason: 'x' }, { outputSchema: z.object({ stopped: z.boolean() }) });
    assert.equal(out.stopped, true);
    const err = await rejectsWith(sendCommand(client, 'trial.stop', { trialId: '' }), 'INVALID_INPUT');
    assert.ok(Array.isArray(err.details?.['issues']));
    await rejectsWith(
      sendCommand(client, 'trial.stop', { trialId: 't3' }, { outputSchema: z.object({ other: z.string() }) }),
      'DATA_CORRUPT',
    );
  });

  it('carries AppError codes and details; hides unknown errors as INTERNAL', async () => {
    stops.push(
      serveCommand(server, 'model.transition', z.object({ modelName: z.string(), kind: z.enum(['missing', 'conflict', 'crash']) }), ({ modelName, kind }) => {
        if (kind === 'missing') throw notFound('model', modelName);
        if (kind === 'conflict') throw new AppError('CONFLICT', 'version 3 is already in production', { details: { version: 3 } });
        throw new Error('db password=hunter2 leaked in a stack');
      }),
    );
    await server.nc.flush();
    const nf = await rejectsWith(sendCommand(client, 'model.transition', { modelName: 'mnist', kind: 'missing' }), 'NOT_FOUND', /model mnist not found/);
    assert.deepEqual(nf.details, { what: 'model', id: 'mnist' });
    const cf = await rejectsWith(sendCommand(client, 'model.transition', { modelName: 'mnist', kind: 'conflict' }), 'CONFLICT');
    assert.deepEqual(cf.details, { version: 3 });
    const internal = await rejectsWith(sendCommand(client, 'model.transition', { modelName: 'mnist', kind: 'crash' }), 'INTERNAL');
    assert.doesNotMatch(internal.message, /hunter2/);
  });

  it('answers no-responders with UNAVAILABLE naming the service, and slow handlers with TIMEOUT', async () => {
    await rejectsWith(sendCommand(client, 'model.predict', { modelName: 'x' }), 'UNAVAILABLE', /registry/);
    await rejectsWith(sendCommand(client, 'experiment.cancel', { id: 'x' }), 'UNAVAILABLE', /scheduler/);
    stops.push(
      serveCommand(server, 'experiment.cancel', z.unknown(), async () => {
        await new Promise((r) => setTimeout(r, 500));
        return null;
      }),
    );
    await server.nc.flush();
    await rejectsWith(sendCommand(client, 'experiment.cancel', {}, { timeoutMs: 100 }), 'TIMEOUT', /scheduler/);
  });

  it('shares requests across instances in the queue group, each handled once', async () => {
    const handledBy: string[] = [];
    const input = z.object({ n: z.number() });
    stops.push(serveCommand(server, 'trial.retry', input, ({ n }) => (handledBy.push('a'), n)));
    stops.push(serveCommand(server2, 'trial.retry', input, ({ n }) => (handledBy.push('b'), n)));
    await Promise.all([server.nc.flush(), server2.nc.flush()]);
    const results = await Promise.all(Array.from({ length: 40 }, (_, n) => sendCommand<number>(client, 'trial.retry', { n })));
    assert.deepEqual(results, Array.from({ length: 40 }, (_, n) => n));
    assert.equal(handledBy.length, 40);
    assert.ok(handledBy.includes('a') && handledBy.includes('b'), `both instances served: ${handledBy.join('')}`);
    assert.equal(COMMAND_QUEUE, 'trialgrid-commands');
  });
});

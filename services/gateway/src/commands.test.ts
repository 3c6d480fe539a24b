/**
 * The gateway's command payloads at the type level: every command that records who asked
 * (the registry's changes) must carry `actor`, so a resolver that forgets it does not compile.
 * The `@ts-expect-error` lines fail this file's build if a payload without `actor` ever
 * becomes acceptable again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMAND_NAMES, COMMANDS } from '@trialgrid/messaging';
import type { Commands, GatewayPayload } from './commands.js';

test('registry changes need the actor; other commands do not take one', () => {
  const sent: { name: string; payload: unknown }[] = [];
  const send: Commands['send'] = (name, payload) => {
    sent.push({ name, payload });
    return Promise.reject(new Error('not sent: type check only'));
  };
  const attempts = [
    // @ts-expect-error: model.transition without actor
    () => send('model.transition', { modelName: 'm', version: 1, stage: 'Production' }),
    // @ts-expect-error: model.setAlias without actor
    () => send('model.setAlias', { modelName: 'm', alias: 'a', version: 1 }),
    // @ts-expect-error: model.edit without actor
    () => send('model.edit', { modelName: 'm', description: 'd', setDescription: true }),
    // @ts-expect-error: model.setPolicy without actor
    () => send('model.setPolicy', { modelName: 'm', policy: {} }),
    // @ts-expect-error: model.register without actor
    () => send('model.register', { modelName: 'm', trialId: 't' }),
    () => send('model.transition', { modelName: 'm', version: 1, stage: 'Production', actor: 'alice' }),
    () => send('experiment.cancel', { experimentId: 'e' }),
    () => send('model.predict', { modelName: 'm', images: [[0]] }),
    // @ts-expect-error: trial.state is a worker's command (the gateway's NATS user may not send it)
    () => send('trial.state', { trialId: 't' }),
  ];
  for (const attempt of attempts) void attempt().catch(() => undefined);
  assert.equal(sent.length, attempts.length);

  // The commands typed as needing an actor are exactly those whose request schema has one.
  const withActor = COMMAND_NAMES.filter((n) => 'actor' in (COMMANDS[n].request as unknown as { shape: Record<string, unknown> }).shape);
  assert.deepEqual(withActor.sort(), ['model.edit', 'model.register', 'model.setAlias', 'model.setPolicy', 'model.transition']);
  const needsActor: GatewayPayload<'model.setPolicy'> = { modelName: 'm', policy: {}, actor: 'alice' };
  assert.equal(needsActor.actor, 'alice');
});

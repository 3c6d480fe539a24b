import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@trialgrid/errors';
import { decode, decodeAny, decodeEnvelope, encode } from './envelope.js';

const enc = new TextEncoder();
const dec = new TextDecoder();
const log = { trialId: 't1', level: 'info', message: 'epoch 1 done' } as const;

function invalidInput(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError, `expected AppError, got ${String(err)}`);
    assert.equal(err.code, 'INVALID_INPUT');
    return err;
  }
  assert.fail('expected a throw');
}

describe('envelope', () => {
  it('encodes { v, type, id, ts, data } and decodes it back', () => {
    const bytes = encode('trial.log', log);
    const raw = JSON.parse(dec.decode(bytes)) as Record<string, unknown>;
    assert.equal(raw['v'], 1);
    assert.equal(raw['type'], 'trial.log');
    assert.match(String(raw['id']), /^[0-9a-f-]{36}$/);
    assert.ok(!Number.isNaN(Date.parse(String(raw['ts']))));
    assert.deepEqual(decode('trial.log', bytes), log);
    const env = decodeEnvelope('trial.log', bytes);
    assert.equal(env.id, raw['id']);
  });

  it('gives each message a fresh id', () => {
    const a = decodeEnvelope('trial.log', encode('trial.log', log)).id;
    const b = decodeEnvelope('trial.log', encode('trial.log', log)).id;
    assert.notEqual(a, b);
  });

  it('applies schema defaults on decode', () => {
    const bytes = enc.encode(
      JSON.stringify({ v: 1, type: 'trial.started', id: 'x', ts: new Date().toISOString(), data: { trialId: 't', workerId: 'w', delivery: 1, backend: 'cpu' } }),
    );
    assert.equal(decode('trial.started', bytes).resumedFromEpoch, 0);
  });

  it('refuses to encode invalid data', () => {
    const err = invalidInput(() => encode('trial.log', { trialId: '', level: 'info', message: 'x' }));
    assert.ok(Array.isArray(err.details?.['issues']));
  });

  it('rejects bytes that are not JSON', () => {
    invalidInput(() => decode('trial.log', enc.encode('{not json')));
    invalidInput(() => decode('trial.log', new Uint8Array([0xff, 0xfe, 0x00])));
  });

  it('rejects a wrong envelope version or missing fields', () => {
    invalidInput(() => decode('trial.log', enc.encode(JSON.stringify({ v: 2, type: 'trial.log', id: 'x', ts: 't', data: log }))));
    invalidInput(() => decode('trial.log', enc.encode(JSON.stringify({ v: 1, type: 'trial.log', data: log }))));
    invalidInput(() => decode('trial.log', enc.encode(JSON.stringify(log))));
  });

  it('rejects a different type than expected', () => {
    const err = invalidInput(() => decode('trial.started', encode('trial.log', log)));
    assert.equal(err.details?.['actual'], 'trial.log');
  });

  it('rejects a body that does not match the schema, with the zod issues', () => {
    const bytes = enc.encode(JSON.stringify({ v: 1, type: 'trial.log', id: 'x', ts: 't', data: { trialId: 't1', level: 'loud', message: 3 } }));
    const err = invalidInput(() => decode('trial.log', bytes));
    const issues = err.details?.['issues'] as { path: unknown[] }[];
    assert.deepEqual(issues.map((i) => i.path[0]).sort(), ['level', 'message']);
  });

  it('decodeAny accepts any of the listed types and narrows on type', () => {
    const msg = decodeAny(['trial.log', 'trial.stop'], encode('trial.stop', { trialId: 't', reason: 'user' }));
    assert.equal(msg.type, 'trial.stop');
    if (msg.type === 'trial.stop') assert.equal(msg.data.reason, 'user');
    invalidInput(() => decodeAny(['trial.log'], encode('trial.stop', { trialId: 't', reason: 'user' })));
    invalidInput(() => decodeAny(['trial.log'], enc.encode(JSON.stringify({ v: 1, type: 'no.such', id: 'x', ts: 't', data: {} }))));
  });
});

/**
 * The versioned envelope every trialgrid message travels in: `{ v, type, id, ts, data }`.
 * `decode` checks both the envelope and the body schema of the expected type, so a consumer
 * never sees unvalidated data.
 *
 * ```ts
 * const bytes = encode('trial.log', { trialId: 't1', level: 'info', message: 'epoch 1' });
 * const log = decode('trial.log', bytes); // TrialLog
 * ```
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '@trialgrid/errors';
import { ENVELOPE_VERSION, MESSAGE_SCHEMAS, type MessageOf, type MessageType } from './contracts.js';

export interface Envelope<T extends MessageType = MessageType> {
  v: typeof ENVELOPE_VERSION;
  type: T;
  /** Unique per encode() call; also a sensible JetStream msgID when nothing better exists. */
  id: string;
  /** ISO timestamp of encoding. */
  ts: string;
  data: MessageOf<T>;
}

/** A decoded message of one of several types, discriminated on `type`. */
export type AnyMessage<T extends MessageType = MessageType> = {
  [K in T]: { type: K; id: string; ts: string; data: MessageOf<K> };
}[T];

const envelopeSchema = z.object({
  v: z.literal(ENVELOPE_VERSION),
  type: z.string().min(1),
  id: z.string().min(1),
  ts: z.string().min(1),
  data: z.unknown(),
});

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function isMessageType(type: string): type is MessageType {
  return Object.prototype.hasOwnProperty.call(MESSAGE_SCHEMAS, type);
}

/** Wrap `data` in an envelope and serialise it. Validates `data` first so bad bodies never leave. */
export function encode<T extends MessageType>(type: T, data: MessageOf<T>, options: { id?: string } = {}): Uint8Array {
  const schema = MESSAGE_SCHEMAS[type];
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', `refusing to send an invalid ${type} message`, {
      details: { type, issues: parsed.error.issues },
    });
  }
  const envelope: Envelope<T> = {
    v: ENVELOPE_VERSION,
    type,
    id: options.id ?? randomUUID(),
    ts: new Date().toISOString(),
    data: parsed.data as MessageOf<T>,
  };
  return encoder.encode(JSON.stringify(envelope));
}

function parseEnvelope(bytes: Uint8Array): z.infer<typeof envelopeSchema> {
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(bytes));
  } catch (err) {
    throw new AppError('INVALID_INPUT', 'message is not valid UTF-8 JSON', { cause: err, details: { size: bytes.byteLength } });
  }
  const env = envelopeSchema.safeParse(raw);
  if (!env.success) {
    throw new AppError('INVALID_INPUT', 'message is not a trialgrid envelope', { details: { issues: env.error.issues } });
  }
  return env.data;
}

function parseBody<T extends MessageType>(type: T, data: unknown): MessageOf<T> {
  const body = MESSAGE_SCHEMAS[type].safeParse(data);
  if (!body.success) {
    throw new AppError('INVALID_INPUT', `message body does not match the ${type} schema`, {
      details: { type, issues: body.error.issues },
    });
  }
  return body.data as MessageOf<T>;
}

/** Decode and validate a message that must be of `type`; returns its data. Throws AppError INVALID_INPUT. */
export function decode<T extends MessageType>(type: T, bytes: Uint8Array): MessageOf<T> {
  return decodeEnvelope(type, bytes).data;
}

/** Like decode() but returns the whole envelope (id and ts included). */
export function decodeEnvelope<T extends MessageType>(type: T, bytes: Uint8Array): Envelope<T> {
  const env = parseEnvelope(bytes);
  if (env.type !== type) {
    throw new AppError('INVALID_INPUT', `expected a ${type} message, got ${env.type}`, { details: { expected: type, actual: env.type } });
  }
  return { v: ENVELOPE_VERSION, type, id: env.id, ts: env.ts, data: parseBody(type, env.data) };
}

/** Decode a message whose type must be one of `types` (e.g. the several event kinds on one stream). */
export function decodeAny<T extends MessageType>(types: readonly T[], bytes: Uint8Array): AnyMessage<T> {
  const env = parseEnvelope(bytes);
  const type = env.type;
  if (!isMessageType(type) || !(types as readonly string[]).includes(type)) {
    throw new AppError('INVALID_INPUT', `unexpected message type ${type}`, { details: { expected: types, actual: type } });
  }
  const t = type as T;
  return { type: t, id: env.id, ts: env.ts, data: parseBody(t, env.data) };
}

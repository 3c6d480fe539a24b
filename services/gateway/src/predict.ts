/**
 * `predict` of any size up to MAX_PREDICT_IMAGES: the images go to the registry as one or
 * more `model.predict` commands, each small enough for one NATS message (the server's
 * max_payload, 1 MiB by default). A 1000-image request of 784 full-precision values is about
 * 15 MB of JSON, 670 all-zero images about 1 MB: both are split, never refused for their size.
 *
 * Parts are cut from the real encoded size of each image (its JSON, as the command sends it),
 * so images of any H·W·C split correctly. The first part resolves the alias or the Production
 * stage; every later part is pinned to the version that answered it, so a promotion in the
 * middle cannot mix two models in one answer. The reply of a part must fit in a message too:
 * after the first reply, later parts also hold at most as many images as a reply of that
 * model's class count can carry.
 */
import { MAX_PREDICT_IMAGES, type PredictReply } from '@trialgrid/contracts';
import { invalidInput } from '@trialgrid/errors';
import { commandRequestBytes } from '@trialgrid/messaging';
import pLimit from 'p-limit';
import type { Commands } from './commands.js';

/** Parts sent to the registry at once after the first (the registry runs them one after another; this keeps it busy). */
const PARALLEL_PARTS = 3;

/**
 * Longest JSON text of one probability: a double in [0, 1] prints as at most 23 characters
 * (`0.` + 17 significant digits, or `d.dddddddddddddddde-ddd`), plus its comma.
 */
const PROBABILITY_BYTES = 24;

/** Bytes of `JSON.stringify(value)` in UTF-8. */
function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

/**
 * Where the part that starts at `start` ends (exclusive): as many images as fit in `budgetBytes`
 * with `overheadBytes` of other fields, and at most `maxCount`. Each image costs its JSON size
 * plus a comma. Returns `start` when not even image `start` fits.
 *
 * @param sizes JSON byte size of each image, in order.
 */
export function partEnd(sizes: readonly number[], start: number, overheadBytes: number, budgetBytes: number, maxCount = Number.POSITIVE_INFINITY): number {
  let used = overheadBytes;
  let end = start;
  while (end < sizes.length && end - start < maxCount) {
    const next = used + sizes[end]! + (end > start ? 1 : 0);
    if (next > budgetBytes) break;
    used = next;
    end++;
  }
  return end;
}

/**
 * Splits images into consecutive parts `[start, end)` that each fit `budgetBytes` as a request
 * with `overheadBytes` of other fields (see partEnd). Throws INVALID_INPUT naming the image
 * when one image alone does not fit.
 */
export function splitBySize(sizes: readonly number[], overheadBytes: number, budgetBytes: number, maxCount = Number.POSITIVE_INFINITY): [number, number][] {
  const parts: [number, number][] = [];
  for (let start = 0; start < sizes.length; ) {
    const end = partEnd(sizes, start, overheadBytes, budgetBytes, maxCount);
    if (end === start) throw tooLarge(start, sizes[start]!, overheadBytes, budgetBytes);
    parts.push([start, end]);
    start = end;
  }
  return parts;
}

function tooLarge(i: number, bytes: number, overheadBytes: number, budgetBytes: number) {
  return invalidInput(`images.${i} alone is ${bytes + overheadBytes} bytes as a request, over the NATS message limit of ${budgetBytes} bytes (max_payload)`, {
    field: `images.${i}`,
    sizeBytes: bytes + overheadBytes,
    maxPayloadBytes: budgetBytes,
  });
}

/**
 * Most images whose predictions fit in one reply of `budgetBytes`, for a model of `classes`
 * classes: each image costs its class index and its probabilities at their longest.
 */
export function repliesPerMessage(classes: number, budgetBytes: number, overheadBytes: number): number {
  const perImage = classes * PROBABILITY_BYTES + 2 /* [] */ + 1 /* , */ + String(classes).length + 1 /* , */;
  return Math.max(1, Math.floor((budgetBytes - overheadBytes) / perImage));
}

export interface PredictArgs {
  images: readonly (readonly number[])[];
  modelName: string;
  alias?: string | null | undefined;
}

/**
 * Classifies up to MAX_PREDICT_IMAGES images with one model version, in as many
 * `model.predict` commands as the message limit needs. `latencyMs` is the sum of the parts'
 * server-side inference times. Throws INVALID_INPUT for no images, too many, images of
 * different sizes, or one image that alone is over the limit; the registry's errors otherwise.
 *
 * A model with so many classes that the reply to the first part is over the limit is refused
 * by the registry with INVALID_INPUT naming the limit (libs/messaging checks every reply).
 */
export async function predictInParts(commands: Commands, args: PredictArgs): Promise<PredictReply> {
  const { images, modelName } = args;
  const maxPayload = commands.maxPayloadBytes();
  if (images.length === 0) throw invalidInput('give at least one image', { field: 'images' });
  if (images.length > MAX_PREDICT_IMAGES) throw invalidInput(`at most ${MAX_PREDICT_IMAGES} images per request, got ${images.length}`, { field: 'images' });
  // Every image the same size; the registry checks that size against the model's input shape
  // (784 values for an MNIST model, H·W·C for a model of another dataset).
  const size = images[0]!.length;
  images.forEach((img, i) => {
    if (img.length !== size) throw invalidInput(`images.${i} has ${img.length} values, images.0 has ${size}: every image must have the model's H·W·C values`, { field: `images.${i}` });
  });

  const base = { modelName, ...(args.alias ? { alias: args.alias } : {}) };
  // Room for the other fields, the largest pin a later part adds included.
  const overhead = commandRequestBytes({ ...base, version: Number.MAX_SAFE_INTEGER, images: [] });
  const sizes = images.map(jsonBytes);

  const firstEnd = partEnd(sizes, 0, overhead, maxPayload);
  if (firstEnd === 0) throw tooLarge(0, sizes[0]!, overhead, maxPayload);
  const first = await commands.send('model.predict', { ...base, images: images.slice(0, firstEnd) as number[][] });
  if (firstEnd === images.length) return first;

  const classes = first.probabilities[0]?.length ?? 1;
  const replyOverhead = jsonBytes({ ok: true, data: { ...first, classes: [], probabilities: [], latencyMs: Number.MAX_VALUE } });
  const maxCount = repliesPerMessage(classes, maxPayload, replyOverhead);
  const rest = splitBySize(sizes.slice(firstEnd), overhead, maxPayload, maxCount).map(([s, e]): [number, number] => [s + firstEnd, e + firstEnd]);
  const limit = pLimit(PARALLEL_PARTS);
  const replies = await Promise.all(
    rest.map(([s, e]) => limit(() => commands.send('model.predict', { modelName, version: first.version, images: images.slice(s, e) as number[][] }))),
  );
  const out: PredictReply = { ...first, classes: [...first.classes], probabilities: [...first.probabilities] };
  for (const r of replies) {
    out.classes.push(...r.classes);
    out.probabilities.push(...r.probabilities);
    out.latencyMs += r.latencyMs;
  }
  return out;
}

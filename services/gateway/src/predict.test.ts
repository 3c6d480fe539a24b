import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@trialgrid/errors';
import { commandRequestBytes } from '@trialgrid/messaging';
import { partEnd, repliesPerMessage, splitBySize } from './predict.js';

const MIB = 1024 * 1024;

/** Deterministic values in [0, 1] at full double precision (the worst case for JSON size). */
function noisy(n: number, values: number, seed: number): number[][] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 0.999 + 0.0001;
  return Array.from({ length: n }, () => Array.from({ length: values }, next));
}

const zeros = (n: number, values: number) => Array.from({ length: n }, () => Array.from({ length: values }, () => 0));

/** Checks what the gateway relies on: parts in order, covering every image once, each under the budget as the real command, each as full as it can be. */
function checkParts(images: number[][], budget: number): [number, number][] {
  const base = { modelName: 'Mnist_Best_Model', version: Number.MAX_SAFE_INTEGER };
  const overhead = commandRequestBytes({ ...base, images: [] });
  const sizes = images.map((img) => Buffer.byteLength(JSON.stringify(img)));
  const parts = splitBySize(sizes, overhead, budget);
  let next = 0;
  for (const [s, e] of parts) {
    assert.equal(s, next);
    assert.ok(e > s);
    const bytes = commandRequestBytes({ ...base, images: images.slice(s, e) });
    assert.ok(bytes <= budget, `part [${s}, ${e}) is ${bytes} bytes, over ${budget}`);
    if (e < images.length) assert.ok(commandRequestBytes({ ...base, images: images.slice(s, e + 1) }) > budget, `part [${s}, ${e}) could hold one more image`);
    next = e;
  }
  assert.equal(next, images.length);
  return parts;
}

test('670 all-zero MNIST images (just over 1 MiB as one request) go in two parts under 1 MiB', () => {
  const images = zeros(670, 784);
  assert.ok(commandRequestBytes({ modelName: 'Mnist_Best_Model', images }) > MIB, 'the case of the issue is over the limit as one message');
  assert.equal(checkParts(images, MIB).length, 2);
});

test('1000 MNIST-sized images at full precision (~15 MB) split into 1 MiB parts; the number of parts follows the size', () => {
  const images = noisy(1000, 784, 7);
  const total = commandRequestBytes({ images });
  const parts = checkParts(images, MIB);
  assert.ok(parts.length >= Math.ceil(total / MIB) && parts.length <= Math.ceil(total / MIB) + 1, `${parts.length} parts for ${total} bytes`);
});

test('images of any H·W·C: 32×32×3 colour images, and mixed zero / noisy images, split by their real encoded size', () => {
  checkParts(noisy(300, 32 * 32 * 3, 3), MIB);
  const mixed = noisy(400, 784, 11).map((img, i) => (i % 3 === 0 ? img.map(() => 0) : img));
  checkParts(mixed, 256 * 1024);
  // Small budgets and tiny images, down to one image per part.
  const tiny = noisy(50, 4, 5);
  const one = Buffer.byteLength(JSON.stringify(tiny[0]));
  const overhead = commandRequestBytes({ modelName: 'Mnist_Best_Model', version: Number.MAX_SAFE_INTEGER, images: [] });
  assert.deepEqual(splitBySize([one, one, one], overhead, overhead + one), [[0, 1], [1, 2], [2, 3]]);
});

test('maxCount caps a part (the reply of a part must fit a message too)', () => {
  assert.deepEqual(splitBySize([10, 10, 10, 10, 10], 0, 1000, 2), [[0, 2], [2, 4], [4, 5]]);
  assert.equal(partEnd([10, 10, 10], 1, 0, 1000, 5), 3);
  assert.equal(partEnd([10, 10, 10], 0, 0, 21), 2, 'two images and their comma: 21 bytes');
  assert.equal(partEnd([10, 10, 10], 0, 0, 20), 1);
});

test('an image that alone is over the limit: INVALID_INPUT naming the image and the limit', () => {
  assert.throws(
    () => splitBySize([100, 5000, 100], 50, 1000),
    (err: unknown) =>
      err instanceof AppError &&
      err.code === 'INVALID_INPUT' &&
      err.details?.['field'] === 'images.1' &&
      err.details['maxPayloadBytes'] === 1000 &&
      /images\.1 alone is 5050 bytes as a request, over the NATS message limit of 1000 bytes/.test(err.message),
  );
});

test('repliesPerMessage: that many predictions at their longest fit one reply, one more might not', () => {
  for (const classes of [2, 10, 100, 1000]) {
    const overhead = Buffer.byteLength(JSON.stringify({ ok: true, data: { classes: [], probabilities: [], modelName: 'Mnist_Best_Model', version: 12, latencyMs: Number.MAX_VALUE } }));
    const n = repliesPerMessage(classes, MIB, overhead);
    const worst = 1.2345678901234567e-123; // 23 characters, the longest a probability prints
    const reply = { ok: true, data: { classes: Array.from({ length: n }, () => classes - 1), probabilities: Array.from({ length: n }, () => Array.from({ length: classes }, () => worst)), modelName: 'Mnist_Best_Model', version: 12, latencyMs: Number.MAX_VALUE } };
    assert.ok(Buffer.byteLength(JSON.stringify(reply)) <= MIB, `${n} replies of ${classes} classes`);
    assert.ok(n >= 1);
  }
  assert.equal(repliesPerMessage(10, 100, 1000), 1, 'at least one image per part');
});

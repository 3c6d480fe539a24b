import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { AppError } from '@trialgrid/errors';
import { datasetFingerprint, downloadDataset, IDX_FILES, inspectIdxDirectory, loadDataset, MNIST_GZ_SHA256 } from './dataset.js';
import { testDataDir } from './test-data.js';

const dataDir = testDataDir();

function idxImages(n: number, rows = 28, cols = 28, fill = (i: number) => i % 256): Buffer {
  const b = Buffer.alloc(16 + n * rows * cols);
  b.writeUInt32BE(0x803, 0);
  b.writeUInt32BE(n, 4);
  b.writeUInt32BE(rows, 8);
  b.writeUInt32BE(cols, 12);
  for (let i = 0; i < n * rows * cols; i++) b[16 + i] = fill(i);
  return b;
}

function idxLabels(n: number): Buffer {
  const b = Buffer.alloc(8 + n);
  b.writeUInt32BE(0x801, 0);
  b.writeUInt32BE(n, 4);
  for (let i = 0; i < n; i++) b[8 + i] = i % 10;
  return b;
}

async function syntheticDir(files: Partial<Record<keyof typeof IDX_FILES, Buffer>> = {}, gzip = true): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tg-ml-idx-'));
  const all = { trainImages: idxImages(20), trainLabels: idxLabels(20), testImages: idxImages(5), testLabels: idxLabels(5), ...files };
  for (const [role, bytes] of Object.entries(all)) {
    const base = IDX_FILES[role as keyof typeof IDX_FILES];
    await writeFile(path.join(dir, gzip ? `${base}.gz` : base), gzip ? gzipSync(bytes) : bytes);
  }
  return dir;
}

async function rejectsWith(p: Promise<unknown>, code: string, fileFragment?: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof AppError, `expected AppError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (fileFragment !== undefined) assert.ok(err.message.includes(fileFragment), `message "${err.message}" should name ${fileFragment}`);
    return true;
  });
}

const tmpDirs: string[] = [];
after(async () => {
  for (const d of tmpDirs) await rm(d, { recursive: true, force: true });
});

describe('loadDataset on MNIST', () => {
  test('reads the real files with checksums, subsets, scaling and labels', async () => {
    const data = await loadDataset({ dir: dataDir, trainLimit: 1000, testLimit: 300 });
    assert.equal(data.name, 'mnist');
    assert.equal(data.trainImages.length, 1000 * 784);
    assert.equal(data.trainLabels.length, 1000);
    assert.equal(data.testImages.length, 300 * 784);
    assert.deepEqual(data.imageShape, [28, 28, 1]);
    assert.equal(data.numClasses, 10);
    // The first MNIST training labels are 5 0 4 1 9 2 1 3 1 4.
    assert.deepEqual([...data.trainLabels.slice(0, 10)], [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    assert.deepEqual([...data.testLabels.slice(0, 5)], [7, 2, 1, 0, 4]);
    let min = Infinity;
    let max = -Infinity;
    for (const v of data.trainImages) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assert.equal(min, 0);
    assert.equal(max, 1);
  });
});

describe('loadDataset validation (synthetic IDX files)', () => {
  test('gzip and raw files load alike', async () => {
    const gz = await syntheticDir();
    const raw = await syntheticDir({}, false);
    tmpDirs.push(gz, raw);
    const a = await loadDataset({ dir: gz, name: 'synthetic' });
    const b = await loadDataset({ dir: raw });
    assert.equal(a.name, 'synthetic');
    assert.equal(a.trainLabels.length, 20);
    assert.deepEqual(a.trainImages, b.trainImages);
    assert.equal(a.trainImages[1], Math.fround(1 / 255));
  });

  test('missing file → NOT_FOUND', async () => {
    const dir = await syntheticDir();
    tmpDirs.push(dir);
    await rm(path.join(dir, `${IDX_FILES.testLabels}.gz`));
    await rejectsWith(loadDataset({ dir }), 'NOT_FOUND', IDX_FILES.testLabels);
  });

  test('truncated gzip → DATA_CORRUPT naming the file', async () => {
    const dir = await syntheticDir();
    tmpDirs.push(dir);
    const file = path.join(dir, `${IDX_FILES.trainImages}.gz`);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 40));
    await rejectsWith(loadDataset({ dir }), 'DATA_CORRUPT', IDX_FILES.trainImages);
  });

  test('truncated raw file (length ≠ header) → DATA_CORRUPT', async () => {
    const dir = await syntheticDir({ testImages: idxImages(5).subarray(0, 16 + 4 * 784) }, false);
    tmpDirs.push(dir);
    await rejectsWith(loadDataset({ dir }), 'DATA_CORRUPT', IDX_FILES.testImages);
  });

  test('wrong magic, wrong dimensions, label/image count mismatch, bad label → DATA_CORRUPT', async () => {
    const badMagic = idxLabels(20);
    badMagic.writeUInt32BE(0x803, 0);
    const badLabel = idxLabels(20);
    badLabel[8 + 3] = 11;
    for (const [files, name] of [
      [{ trainLabels: badMagic }, IDX_FILES.trainLabels],
      [{ trainImages: idxImages(20, 32, 32) }, IDX_FILES.trainImages],
      [{ trainLabels: idxLabels(19) }, IDX_FILES.trainLabels],
      [{ trainLabels: badLabel }, IDX_FILES.trainLabels],
    ] as const) {
      const dir = await syntheticDir(files);
      tmpDirs.push(dir);
      await rejectsWith(loadDataset({ dir }), 'DATA_CORRUPT', name);
    }
  });

  test('SHA256SUMS mismatch → DATA_CORRUPT; verifyChecksums: false skips it', async () => {
    const dir = await syntheticDir();
    tmpDirs.push(dir);
    await writeFile(path.join(dir, 'SHA256SUMS'), `${'0'.repeat(64)}  ${IDX_FILES.testImages}.gz\n`);
    await rejectsWith(loadDataset({ dir }), 'DATA_CORRUPT', IDX_FILES.testImages);
    const data = await loadDataset({ dir, verifyChecksums: false });
    assert.equal(data.testLabels.length, 5);
  });
});

/** An idx4 image file: N×H×W×C unsigned bytes, channels last. */
function idx4Images(n: number, h: number, w: number, c: number, fill = (i: number) => (i * 7) % 256): Buffer {
  const b = Buffer.alloc(20 + n * h * w * c);
  b.writeUInt32BE(0x804, 0);
  b.writeUInt32BE(n, 4);
  b.writeUInt32BE(h, 8);
  b.writeUInt32BE(w, 12);
  b.writeUInt32BE(c, 16);
  for (let i = 0; i < n * h * w * c; i++) b[20 + i] = fill(i);
  return b;
}

function labelsOf(values: number[]): Buffer {
  const b = Buffer.alloc(8 + values.length);
  b.writeUInt32BE(0x801, 0);
  b.writeUInt32BE(values.length, 4);
  values.forEach((v, i) => (b[8 + i] = v));
  return b;
}

describe('IDX datasets of any image size, channel count and class count', () => {
  test('idx4 (H×W×C) images load channels-last with the shape from the header; labels checked against numClasses', async () => {
    const trainLabels = labelsOf(Array.from({ length: 12 }, (_, i) => i % 3));
    const dir = await syntheticDir({ trainImages: idx4Images(12, 9, 7, 3), trainLabels, testImages: idx4Images(4, 9, 7, 3), testLabels: labelsOf([0, 1, 2, 1]) }, false);
    tmpDirs.push(dir);
    const data = await loadDataset({ dir, numClasses: 3 });
    assert.deepEqual(data.imageShape, [9, 7, 3]);
    assert.equal(data.numClasses, 3);
    assert.equal(data.trainImages.length, 12 * 9 * 7 * 3);
    // Pixel i of the file is value (i*7)%256, scaled to [0, 1], in file order (channels last).
    assert.equal(data.trainImages[5], Math.fround(((5 * 7) % 256) / 255));
    assert.deepEqual([...data.testLabels], [0, 1, 2, 1]);
    await rejectsWith(loadDataset({ dir, numClasses: 3, imageShape: [7, 9, 3] }), 'DATA_CORRUPT', IDX_FILES.trainImages);
    await rejectsWith(loadDataset({ dir, numClasses: 2 }), 'DATA_CORRUPT', IDX_FILES.trainLabels);
    const found = await inspectIdxDirectory(dir);
    assert.deepEqual(found.imageShape, [9, 7, 3]);
    assert.equal(found.numClasses, 3);
    assert.equal(found.trainCount, 12);
    assert.equal(found.testCount, 4);
    assert.deepEqual(Object.keys(found.checksums).sort(), Object.values(IDX_FILES).sort());
    assert.equal(found.fingerprint, datasetFingerprint(found.checksums));
  });

  test('idx3 images of another size load; train and test of different sizes are refused', async () => {
    const dir = await syntheticDir({ trainImages: idxImages(20, 12, 10), testImages: idxImages(5, 12, 10) });
    tmpDirs.push(dir);
    assert.deepEqual((await loadDataset({ dir })).imageShape, [12, 10, 1]);
    const mixed = await syntheticDir({ trainImages: idxImages(20, 12, 10), testImages: idxImages(5, 10, 12) });
    tmpDirs.push(mixed);
    await rejectsWith(loadDataset({ dir: mixed }), 'DATA_CORRUPT', IDX_FILES.testImages);
    await rejectsWith(inspectIdxDirectory(mixed), 'DATA_CORRUPT', IDX_FILES.testImages);
  });

  test("the fingerprint depends on the files' names and checksums only; mnist's is the catalog's (migration 0004)", () => {
    assert.equal(datasetFingerprint(MNIST_GZ_SHA256), 'sha256:52c775580c9fa4604bfd4317939ac07a53490475ea3e65316ecedbed3f70fad1');
    const reordered = Object.fromEntries(Object.entries(MNIST_GZ_SHA256).reverse().map(([k, v]) => [k, v.toUpperCase()]));
    assert.equal(datasetFingerprint(reordered), datasetFingerprint(MNIST_GZ_SHA256));
    assert.notEqual(datasetFingerprint({ ...MNIST_GZ_SHA256, 'train-images-idx3-ubyte.gz': '0'.repeat(64) }), datasetFingerprint(MNIST_GZ_SHA256));
  });
});

describe('downloadDataset', () => {
  let server: Server;
  let base: string;
  let served: string;

  before(async () => {
    // The mirror serves the real MNIST .gz files (symlinked from the shared copy into a tmp dir).
    served = await mkdtemp(path.join(tmpdir(), 'tg-ml-mirror-'));
    tmpDirs.push(served);
    for (const f of Object.keys(MNIST_GZ_SHA256)) await symlink(path.join(dataDir, f), path.join(served, f));
    server = createServer((req, res) => {
      const m = /^\/mnist\/([\w.-]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
      if (m === null) {
        res.writeHead(404).end();
        return;
      }
      readFile(path.join(served, m[1]!)).then(
        (bytes) => res.writeHead(200, { 'content-type': 'application/gzip' }).end(bytes),
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mnist/`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('downloads, verifies and the result loads', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-ml-dl-'));
    tmpDirs.push(dir);
    await downloadDataset({ mirror: base, dir });
    const names = (await readdir(dir)).sort();
    assert.deepEqual(names, Object.keys(MNIST_GZ_SHA256).sort());
    for (const f of names) {
      const sum = createHash('sha256').update(await readFile(path.join(dir, f))).digest('hex');
      assert.equal(sum, MNIST_GZ_SHA256[f]);
    }
    const data = await loadDataset({ dir, trainLimit: 10, testLimit: 10 });
    assert.equal(data.trainLabels[0], 5);
    // A second call finds the files valid and downloads nothing.
    let calls = 0;
    await downloadDataset({ mirror: base, dir, fetchImpl: (...args) => (calls++, fetch(...args)) });
    assert.equal(calls, 0);
  });

  test('a corrupted file is rejected and nothing is left behind', async () => {
    const bad = path.join(served, 't10k-labels-idx1-ubyte.gz');
    const original = await readFile(bad);
    await rm(bad);
    const corrupted = Buffer.from(original);
    corrupted[100] = corrupted[100]! ^ 0xff;
    await writeFile(bad, corrupted);
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-ml-dl-'));
    tmpDirs.push(dir);
    try {
      await rejectsWith(downloadDataset({ mirror: base, dir }), 'DATA_CORRUPT', 't10k-labels-idx1-ubyte.gz');
      const left = await readdir(dir);
      assert.ok(!left.includes('t10k-labels-idx1-ubyte.gz'), 'corrupt file must not be written');
      assert.ok(left.every((f) => !f.endsWith('.tmp')), `no temp files: ${left.join(',')}`);
    } finally {
      await rm(bad);
      await symlink(path.join(dataDir, 't10k-labels-idx1-ubyte.gz'), bad);
    }
  });

  test('HTTP errors → UNAVAILABLE', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-ml-dl-'));
    tmpDirs.push(dir);
    await rejectsWith(downloadDataset({ mirror: `${base}missing/`, dir, checksums: { ...MNIST_GZ_SHA256 } }), 'UNAVAILABLE');
  });
});

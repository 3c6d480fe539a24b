import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { IDX_FILES } from '@trialgrid/contracts';
import { AppError, errorMessage } from '@trialgrid/errors';
import type { Dataset, DatasetOptions } from './types.js';

/** The four files of an IDX dataset in MNIST's layout, by role (see @trialgrid/contracts). */
export { IDX_FILES };

/** SHA-256 of the original MNIST .gz files (the bytes yann.lecun.com served). */
export const MNIST_GZ_SHA256: Readonly<Record<string, string>> = {
  'train-images-idx3-ubyte.gz': '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
  'train-labels-idx1-ubyte.gz': '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
  't10k-images-idx3-ubyte.gz': '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
  't10k-labels-idx1-ubyte.gz': 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
};

/** Classes assumed when a caller states none: MNIST's ten digits. */
const DEFAULT_CLASSES = 10;
/** idx3 ubyte (N×H×W, one channel) and idx4 ubyte (N×H×W×C) image files; idx1 ubyte labels. */
const IMAGES3_MAGIC = 0x00000803;
const IMAGES4_MAGIC = 0x00000804;
const LABELS_MAGIC = 0x00000801;

const shapeText = (shape: readonly number[]): string => shape.join('×');

const corrupt = (file: string, why: string, cause?: unknown): AppError =>
  new AppError('DATA_CORRUPT', `${file}: ${why}`, { details: { file }, ...(cause === undefined ? {} : { cause }) });

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function readChecksums(dir: string): Promise<Map<string, string> | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, 'SHA256SUMS'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-fA-F]{64})\s+\*?(.+)$/.exec(line.trim());
    if (m) sums.set(m[2]!.trim(), m[1]!.toLowerCase());
  }
  return sums;
}

/** Reads `<base>.gz` or `<base>`, verifies its checksum when listed, returns the raw IDX bytes. */
async function readIdxFile(dir: string, base: string, sums: Map<string, string> | undefined): Promise<{ name: string; bytes: Buffer }> {
  for (const name of [`${base}.gz`, base]) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(dir, name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new AppError('UNAVAILABLE', `cannot read ${name}: ${errorMessage(err)}`, { cause: err });
    }
    const expected = sums?.get(name);
    if (expected !== undefined && sha256(bytes) !== expected) throw corrupt(name, 'SHA-256 does not match SHA256SUMS');
    if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        bytes = gunzipSync(bytes);
      } catch (err) {
        throw corrupt(name, `gzip stream is truncated or corrupt (${errorMessage(err)})`, err);
      }
    }
    return { name, bytes };
  }
  throw new AppError('NOT_FOUND', `${base}(.gz) not found in ${dir}`, { details: { what: 'dataset file', file: base, dir } });
}

/** The header of an IDX image file: image count, [height, width, channels], where the pixels start. */
export interface IdxImageHeader {
  count: number;
  shape: [number, number, number];
  /** Byte offset of the first pixel (16 for idx3, 20 for idx4). */
  offset: number;
}

/**
 * Reads the header of an idx3 (N×H×W, one channel) or idx4 (N×H×W×C, channels last) ubyte
 * image file and checks the file length against it. Throws DATA_CORRUPT naming the file.
 */
export function parseImageHeader(name: string, bytes: Uint8Array): IdxImageHeader {
  if (bytes.length < 16) throw corrupt(name, `file is ${bytes.length} bytes, shorter than the IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic !== IMAGES3_MAGIC && magic !== IMAGES4_MAGIC) {
    throw corrupt(name, `magic 0x${magic.toString(16).padStart(8, '0')} is not 0x00000803 or 0x00000804 (idx3/idx4 ubyte images)`);
  }
  const four = magic === IMAGES4_MAGIC;
  if (four && bytes.length < 20) throw corrupt(name, `file is ${bytes.length} bytes, shorter than the idx4 header`);
  const n = view.getUint32(4);
  const shape: [number, number, number] = [view.getUint32(8), view.getUint32(12), four ? view.getUint32(16) : 1];
  if (shape.some((d) => d < 1)) throw corrupt(name, `image shape ${shapeText(shape)} has an empty dimension`);
  const offset = four ? 20 : 16;
  const expected = offset + n * shape[0] * shape[1] * shape[2];
  if (bytes.length !== expected) throw corrupt(name, `${bytes.length} bytes, the header promises ${expected} (${n} images of ${shapeText(shape)})`);
  return { count: n, shape, offset };
}

/**
 * Parses an idx3/idx4 image file into [0,1] floats (N×H×W×C, channels last); `limit` keeps
 * the first N images; `expectShape` [height, width, channels], when given, must match.
 */
export function parseImages(
  name: string,
  bytes: Uint8Array,
  limit?: number,
  expectShape?: readonly [number, number, number],
): { count: number; images: Float32Array; shape: [number, number, number] } {
  const header = parseImageHeader(name, bytes);
  if (expectShape !== undefined && shapeText(header.shape) !== shapeText(expectShape)) {
    throw corrupt(name, `images are ${shapeText(header.shape)}, expected ${shapeText(expectShape)}`);
  }
  const count = limit === undefined ? header.count : Math.min(header.count, limit);
  const images = new Float32Array(count * header.shape[0] * header.shape[1] * header.shape[2]);
  for (let i = 0; i < images.length; i++) images[i] = bytes[header.offset + i]! / 255;
  return { count, images, shape: header.shape };
}

/** Parses an idx1 label file; `limit` keeps the first N labels; every label must be below `numClasses` (default 10). */
export function parseLabels(name: string, bytes: Uint8Array, limit?: number, numClasses = DEFAULT_CLASSES): Uint8Array {
  if (bytes.length < 8) throw corrupt(name, `file is ${bytes.length} bytes, shorter than the IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic !== LABELS_MAGIC) throw corrupt(name, `magic 0x${magic.toString(16).padStart(8, '0')} is not 0x00000801 (idx1 ubyte labels)`);
  const n = view.getUint32(4);
  if (bytes.length !== 8 + n) throw corrupt(name, `${bytes.length} bytes, the header promises ${8 + n} (${n} labels)`);
  const labels = bytes.slice(8, 8 + (limit === undefined ? n : Math.min(n, limit)));
  const bad = labels.findIndex((l) => l >= numClasses);
  if (bad >= 0) throw corrupt(name, `label ${labels[bad]} at index ${bad} is not a class 0..${numClasses - 1}`);
  return new Uint8Array(labels);
}

/**
 * Loads the four IDX files of an MNIST-layout dataset from `dir`, gzip or raw: images of any
 * H×W (idx3, one channel) or H×W×C (idx4), labels below `numClasses` (default 10). The image
 * shape is read from the files; train and test must agree, and match `imageShape` when given.
 * Everything is validated before anything is returned: a dataset is either whole or an error
 * (`NOT_FOUND` for a missing file, `DATA_CORRUPT` naming the file).
 */
export async function loadDataset(opts: DatasetOptions): Promise<Dataset> {
  const sums = opts.verifyChecksums === false ? undefined : await readChecksums(opts.dir);
  for (const limit of [opts.trainLimit, opts.testLimit]) {
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
      throw new AppError('INVALID_INPUT', 'trainLimit/testLimit must be positive integers', { details: { limit } });
    }
  }
  const [ti, tl, vi, vl] = await Promise.all([
    readIdxFile(opts.dir, IDX_FILES.trainImages, sums),
    readIdxFile(opts.dir, IDX_FILES.trainLabels, sums),
    readIdxFile(opts.dir, IDX_FILES.testImages, sums),
    readIdxFile(opts.dir, IDX_FILES.testLabels, sums),
  ]);
  const numClasses = opts.numClasses ?? DEFAULT_CLASSES;
  const train = parseImages(ti.name, ti.bytes, opts.trainLimit, opts.imageShape);
  const trainLabels = parseLabels(tl.name, tl.bytes, opts.trainLimit, numClasses);
  const test = parseImages(vi.name, vi.bytes, opts.testLimit, opts.imageShape);
  const testLabels = parseLabels(vl.name, vl.bytes, opts.testLimit, numClasses);
  if (shapeText(train.shape) !== shapeText(test.shape)) {
    throw corrupt(ti.name, `training images are ${shapeText(train.shape)} but ${vi.name} holds ${shapeText(test.shape)}`);
  }
  if (train.count !== trainLabels.length) throw corrupt(tl.name, `${trainLabels.length} labels for ${train.count} training images`);
  if (test.count !== testLabels.length) throw corrupt(vl.name, `${testLabels.length} labels for ${test.count} test images`);
  return {
    name: opts.name ?? 'mnist',
    trainImages: train.images,
    trainLabels,
    testImages: test.images,
    testLabels,
    imageShape: train.shape,
    numClasses,
  };
}

export interface DownloadOptions {
  /** Base URL; the file names are appended (`${mirror}/train-images-idx3-ubyte.gz`). */
  mirror: string;
  dir: string;
  fetchImpl?: typeof fetch;
  /**
   * Expected SHA-256 per file name; every file named here is downloaded. Defaults to the
   * four original MNIST .gz files.
   */
  checksums?: Readonly<Record<string, string>>;
}

/**
 * Downloads every file named in `checksums` (default: MNIST's four .gz files) from a mirror,
 * verifies each SHA-256 and moves it into place with a rename, so `dir` never holds a partial
 * or unverified file. Files already present with the right checksum are kept (and so
 * re-verified by each call). Errors: UNAVAILABLE (network, HTTP), DATA_CORRUPT (checksum).
 */
export async function downloadDataset(opts: DownloadOptions): Promise<void> {
  const fetchImpl = opts.fetchImpl ?? fetch;
  const checksums = opts.checksums ?? MNIST_GZ_SHA256;
  await mkdir(opts.dir, { recursive: true });
  const base = opts.mirror.endsWith('/') ? opts.mirror : `${opts.mirror}/`;
  for (const file of Object.keys(checksums)) {
    if (file.includes('/') || file.includes('\\') || file.startsWith('.')) {
      throw new AppError('INVALID_INPUT', `${file} is not a plain file name`, { details: { file } });
    }
    const expected = checksums[file]?.toLowerCase();
    if (expected === undefined) throw new AppError('INVALID_INPUT', `no checksum known for ${file}`, { details: { file } });
    const target = path.join(opts.dir, file);
    try {
      if (sha256(await readFile(target)) === expected) continue;
    } catch {
      // absent or unreadable: download it
    }
    const url = new URL(file, base).toString();
    let res: Response;
    try {
      res = await fetchImpl(url);
    } catch (err) {
      throw new AppError('UNAVAILABLE', `download of ${url} failed: ${errorMessage(err)}`, { cause: err });
    }
    if (!res.ok) throw new AppError('UNAVAILABLE', `download of ${url} failed: HTTP ${res.status}`, { details: { url, status: res.status } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const actual = sha256(bytes);
    if (actual !== expected) {
      throw new AppError('DATA_CORRUPT', `${file} from ${url}: SHA-256 ${actual} does not match ${expected}`, { details: { file, url } });
    }
    const tmp = path.join(opts.dir, `.${file}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(tmp, bytes);
      await rename(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }
}

/** The test split of an IDX dataset, with a fingerprint of exactly the bytes it holds. */
export interface TestSplit {
  images: Float32Array;
  labels: Uint8Array;
  count: number;
  /**
   * 'sha256:<hex>' over the image count (uint32 BE), then the raw pixel bytes and the label
   * bytes of the images kept: two runs evaluated on the same images have the same fingerprint.
   */
  fingerprint: string;
}

/**
 * Reads only the test files (t10k) of an MNIST-layout dataset, the first `limit` images when
 * given — what a trial with `testLimit` was evaluated on. Same errors as loadDataset.
 */
export async function loadTestSplit(opts: { dir: string; limit?: number | undefined; verifyChecksums?: boolean; numClasses?: number }): Promise<TestSplit> {
  if (opts.limit !== undefined && !(Number.isInteger(opts.limit) && opts.limit > 0)) {
    throw new AppError('INVALID_INPUT', 'limit must be a positive integer', { details: { limit: opts.limit } });
  }
  const sums = opts.verifyChecksums === false ? undefined : await readChecksums(opts.dir);
  const [vi, vl] = await Promise.all([readIdxFile(opts.dir, IDX_FILES.testImages, sums), readIdxFile(opts.dir, IDX_FILES.testLabels, sums)]);
  const test = parseImages(vi.name, vi.bytes, opts.limit);
  const labels = parseLabels(vl.name, vl.bytes, opts.limit, opts.numClasses);
  if (test.count !== labels.length) throw corrupt(vl.name, `${labels.length} labels for ${test.count} test images`);
  const offset = parseImageHeader(vi.name, vi.bytes).offset;
  const header = Buffer.alloc(4);
  header.writeUInt32BE(test.count);
  const hash = createHash('sha256')
    .update(header)
    .update(vi.bytes.subarray(offset, offset + test.images.length))
    .update(labels);
  return { images: test.images, labels, count: test.count, fingerprint: `sha256:${hash.digest('hex')}` };
}

/**
 * The fingerprint of a dataset: 'sha256:<hex>' over its files' "name sha256" lines, sorted by
 * name, one per line — the same bytes give the same fingerprint wherever they are stored.
 * `checksums` maps each stored file name (raw or .gz) to its SHA-256 (hex).
 */
export function datasetFingerprint(checksums: Readonly<Record<string, string>>): string {
  const lines = Object.entries(checksums)
    .map(([file, sum]) => `${file} ${sum.toLowerCase()}`)
    .sort();
  return `sha256:${sha256(Buffer.from(`${lines.join('\n')}\n`))}`;
}

/** What a directory of IDX files holds, as the dataset catalog records it. */
export interface IdxInspection {
  /** SHA-256 of each of the four files as stored (`train-images-idx3-ubyte.gz` or raw). */
  checksums: Record<string, string>;
  fingerprint: string;
  imageShape: [number, number, number];
  /** Largest label seen + 1. */
  numClasses: number;
  trainCount: number;
  testCount: number;
}

/**
 * Reads and validates the four IDX files of `dir` (as loadDataset does, up to 256 classes) and
 * returns their checksums, fingerprint, image shape, class count (largest label + 1) and split
 * sizes. Errors: NOT_FOUND (a file is missing), DATA_CORRUPT (naming the file).
 */
export async function inspectIdxDirectory(dir: string): Promise<IdxInspection> {
  const sums = await readChecksums(dir);
  const files = await Promise.all([
    readIdxFile(dir, IDX_FILES.trainImages, sums),
    readIdxFile(dir, IDX_FILES.trainLabels, sums),
    readIdxFile(dir, IDX_FILES.testImages, sums),
    readIdxFile(dir, IDX_FILES.testLabels, sums),
  ]);
  const checksums: Record<string, string> = {};
  for (const f of files) checksums[f.name] = sha256(await readFile(path.join(dir, f.name)));
  const [ti, tl, vi, vl] = files;
  const train = parseImageHeader(ti.name, ti.bytes);
  const test = parseImageHeader(vi.name, vi.bytes);
  if (shapeText(train.shape) !== shapeText(test.shape)) {
    throw corrupt(ti.name, `training images are ${shapeText(train.shape)} but ${vi.name} holds ${shapeText(test.shape)}`);
  }
  const trainLabels = parseLabels(tl.name, tl.bytes, undefined, 256);
  const testLabels = parseLabels(vl.name, vl.bytes, undefined, 256);
  if (train.count !== trainLabels.length) throw corrupt(tl.name, `${trainLabels.length} labels for ${train.count} training images`);
  if (test.count !== testLabels.length) throw corrupt(vl.name, `${testLabels.length} labels for ${test.count} test images`);
  let max = 0;
  for (const l of trainLabels) if (l > max) max = l;
  for (const l of testLabels) if (l > max) max = l;
  return { checksums, fingerprint: datasetFingerprint(checksums), imageShape: train.shape, numClasses: max + 1, trainCount: train.count, testCount: test.count };
}

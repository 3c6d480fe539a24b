import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '@trialgrid/errors';
import { createArtifactStore } from './artifacts.js';

async function withStore(fn: (root: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'tg-artifacts-'));
  try {
    await fn(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

test('writeJson writes atomically and reports size and sha256 of the bytes on disk', () =>
  withStore(async (root) => {
    const store = createArtifactStore({ root });
    const rel = `${store.trialPath('e1', 't1')}/confusion_matrix.json`;
    assert.equal(rel, 'experiments/e1/trials/t1/confusion_matrix.json');
    const ref = await store.writeJson(rel, { a: [1, 2, 3] });
    const bytes = await readFile(join(root, rel));
    assert.equal(ref.sizeBytes, bytes.byteLength);
    assert.equal(ref.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.deepEqual(JSON.parse(bytes.toString('utf8')), { a: [1, 2, 3] });
    assert.deepEqual(await store.describe(rel), ref);
    // no temp files left beside it
    assert.deepEqual(await readdir(join(root, 'experiments/e1/trials/t1')), ['confusion_matrix.json']);
  }));

test('writeDir replaces a directory in one step and describes it (size = sum, digest over sorted files)', () =>
  withStore(async (root) => {
    const store = createArtifactStore({ root });
    const first = await store.writeDir('m/model', async (tmp) => {
      await writeFile(join(tmp, 'model.json'), '{"v":1}');
      await writeFile(join(tmp, 'weights.bin'), new Uint8Array(100));
    });
    assert.equal(first.sizeBytes, 107);
    const second = await store.writeDir('m/model', async (tmp) => {
      await writeFile(join(tmp, 'model.json'), '{"v":2}');
    });
    assert.equal(second.sizeBytes, 7);
    assert.notEqual(second.sha256, first.sha256);
    assert.deepEqual(await readdir(join(root, 'm/model')), ['model.json']);
    assert.deepEqual(await readdir(join(root, 'm')), ['model']);
  }));

test('a failing writeDir leaves the previous contents and no temp folder', () =>
  withStore(async (root) => {
    const store = createArtifactStore({ root });
    await store.writeDir('d', async (tmp) => writeFile(join(tmp, 'a'), 'old'));
    await assert.rejects(
      store.writeDir('d', async (tmp) => {
        await writeFile(join(tmp, 'a'), 'new');
        throw new Error('disk full');
      }),
      /disk full/,
    );
    assert.equal(await readFile(join(root, 'd', 'a'), 'utf8'), 'old');
    assert.deepEqual(await readdir(root), ['d']);
  }));

test('paths outside the store are refused', () =>
  withStore(async (root) => {
    const store = createArtifactStore({ root });
    for (const bad of ['../x', 'a/../../x', '/etc/passwd']) {
      assert.throws(() => store.resolve(bad), (err: unknown) => err instanceof AppError && err.code === 'INVALID_INPUT', bad);
    }
    await assert.rejects(store.describe('missing.json'), (err: unknown) => err instanceof AppError && err.code === 'NOT_FOUND');
    assert.equal(await store.exists('missing.json'), false);
  }));

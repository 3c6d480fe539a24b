/**
 * The artifact store: a directory tree under one root (ARTIFACT_DIR). Paths handed out and
 * recorded in Postgres are relative to the root, so the store can move without rewriting rows.
 *
 * Layout:
 *   trials/<trialId>/checkpoint/                          resumable training state
 *   experiments/<experimentId>/trials/<trialId>/model/    TF.js layers model (model.json + weights)
 *   experiments/<experimentId>/trials/<trialId>/*.json    confusion matrix, training curves
 *
 * ```ts
 * const store = createArtifactStore({ root: '/var/lib/trialgrid/artifacts' });
 * const ref = await store.writeJson(`${store.trialPath(expId, trialId)}/confusion_matrix.json`, matrix);
 * ```
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { AppError } from '@trialgrid/errors';

export interface ArtifactStoreOptions {
  /** Root directory; created on first write. */
  root: string;
}

/** What was written: path relative to the root, total bytes, content digest. */
export interface StoredArtifact {
  path: string;
  sizeBytes: number;
  sha256: string;
}

export interface ArtifactStore {
  readonly root: string;
  /** Absolute path of a store-relative path; refuses paths that escape the root. */
  resolve(relPath: string): string;
  /** Store-relative folder of a trial's artifacts. */
  trialPath(experimentId: string, trialId: string): string;
  /** Store-relative folder of a trial's checkpoint (independent of the experiment, see layout). */
  checkpointPath(trialId: string): string;
  /** Writes a file atomically (temp file + rename), returning size and sha256. */
  writeFile(relPath: string, data: Uint8Array | string): Promise<StoredArtifact>;
  writeJson(relPath: string, value: unknown): Promise<StoredArtifact>;
  /**
   * Fills a directory atomically: `fill` writes into a fresh temporary folder which then
   * replaces `relPath` in one rename, so readers never see a half-written model.
   */
  writeDir(relPath: string, fill: (tmpDir: string) => Promise<void>): Promise<StoredArtifact>;
  /** Size and digest of a stored file or directory (directories: digest over sorted entries). */
  describe(relPath: string): Promise<StoredArtifact>;
  exists(relPath: string): Promise<boolean>;
  remove(relPath: string): Promise<void>;
}

function tmpSuffix(): string {
  return `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Regular files under `dir`, relative, sorted (so digests do not depend on readdir order). */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

export function createArtifactStore(options: ArtifactStoreOptions): ArtifactStore {
  const root = resolve(options.root);

  const toAbs = (relPath: string): string => {
    if (isAbsolute(relPath)) throw new AppError('INVALID_INPUT', `artifact path must be relative: ${relPath}`);
    const abs = resolve(root, normalize(relPath));
    if (abs !== root && !abs.startsWith(root + sep)) {
      throw new AppError('INVALID_INPUT', `artifact path escapes the store: ${relPath}`);
    }
    return abs;
  };

  const describe = async (relPath: string): Promise<StoredArtifact> => {
    const abs = toAbs(relPath);
    const info = await stat(abs).catch((err: unknown) => {
      throw new AppError('NOT_FOUND', `artifact ${relPath} not found`, { cause: err });
    });
    if (info.isFile()) return { path: relPath, sizeBytes: info.size, sha256: await sha256File(abs) };
    const files = await listFiles(abs);
    const digest = createHash('sha256');
    let size = 0;
    for (const f of files) {
      size += (await stat(join(abs, f))).size;
      digest.update(`${f}\0${await sha256File(join(abs, f))}\n`);
    }
    return { path: relPath, sizeBytes: size, sha256: digest.digest('hex') };
  };

  const writeFileAtomic = async (relPath: string, data: Uint8Array | string): Promise<StoredArtifact> => {
    const abs = toAbs(relPath);
    await mkdir(dirname(abs), { recursive: true });
    const tmp = abs + tmpSuffix();
    try {
      await writeFile(tmp, data);
      await rename(tmp, abs);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    return { path: relPath, sizeBytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
  };

  return {
    root,
    resolve: toAbs,
    trialPath: (experimentId, trialId) => `experiments/${experimentId}/trials/${trialId}`,
    checkpointPath: (trialId) => `trials/${trialId}/checkpoint`,
    writeFile: writeFileAtomic,
    writeJson: (relPath, value) => writeFileAtomic(relPath, `${JSON.stringify(value, null, 2)}\n`),
    async writeDir(relPath, fill) {
      const abs = toAbs(relPath);
      await mkdir(dirname(abs), { recursive: true });
      const tmp = abs + tmpSuffix();
      const old = abs + tmpSuffix();
      await mkdir(tmp, { recursive: true });
      try {
        await fill(tmp);
        // rename() cannot replace a non-empty directory: move the old one aside first.
        const hadOld = await rename(abs, old).then(
          () => true,
          () => false,
        );
        await rename(tmp, abs);
        if (hadOld) await rm(old, { recursive: true, force: true });
      } catch (err) {
        await rm(tmp, { recursive: true, force: true });
        throw err;
      }
      return describe(relPath);
    },
    describe,
    async exists(relPath) {
      return stat(toAbs(relPath)).then(
        () => true,
        () => false,
      );
    },
    async remove(relPath) {
      await rm(toAbs(relPath), { recursive: true, force: true });
    },
  };
}

/** Store-relative form of an absolute path inside the store (for refs built from tool output). */
export function relativeToStore(store: ArtifactStore, absPath: string): string {
  return relative(store.root, absPath).split(sep).join('/');
}

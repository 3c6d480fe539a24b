/**
 * dataset.register: adds a named dataset to the catalog. A directory is read here (all four
 * IDX files validated, checksums computed, image shape and class count taken from the files,
 * a declared shape or class count checked against them); a URL is recorded with the
 * checksums, shape and class count it was registered with, and is verified by each worker
 * when it downloads the files. Nothing is written unless every check passes.
 *
 * Errors: INVALID_INPUT (details.field) for bad input or files that contradict it, CONFLICT
 * for a name already registered.
 */
import { stat } from 'node:fs/promises';
import { defaultClassNames, invalidField, parseRegisterDatasetInput, type CommandReplyData, type CommandRequest, type DatasetLocation } from '@trialgrid/contracts';
import { findDataset, insertDataset } from '@trialgrid/db';
import { conflict, errorMessage, isAppError } from '@trialgrid/errors';
import { datasetFingerprint, inspectIdxDirectory } from '@trialgrid/ml/dataset';
import type { SchedulerContext } from './context.js';

export async function registerDataset(ctx: SchedulerContext, raw: CommandRequest<'dataset.register'>): Promise<CommandReplyData<'dataset.register'>> {
  const input = parseRegisterDatasetInput(raw);
  if (await findDataset(ctx.db, input.name)) throw conflict(`dataset ${input.name} is already registered`, { name: input.name });
  let location: DatasetLocation;
  let imageShape: [number, number, number];
  let numClasses: number;
  let fingerprint: string;
  let counts: { trainCount: number | null; testCount: number | null } = { trainCount: null, testCount: null };
  if (input.directory !== undefined) {
    const dir = input.directory;
    const isDir = await stat(dir).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDir) throw invalidField('directory', `${dir} is not a directory the scheduler can read`);
    let found: Awaited<ReturnType<typeof inspectIdxDirectory>>;
    try {
      found = await inspectIdxDirectory(dir);
    } catch (err) {
      // A missing or corrupt file is the caller's input that is wrong: say which.
      if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'DATA_CORRUPT')) throw invalidField('directory', errorMessage(err), { cause: err.code });
      throw err;
    }
    if (input.imageShape !== undefined && input.imageShape.join('×') !== found.imageShape.join('×')) {
      throw invalidField('imageShape', `imageShape ${input.imageShape.join('×')} but the files hold ${found.imageShape.join('×')} images`);
    }
    if (input.numClasses !== undefined && input.numClasses < found.numClasses) {
      throw invalidField('numClasses', `numClasses ${input.numClasses} but the files have labels up to ${found.numClasses - 1}`);
    }
    location = { kind: 'directory', path: dir };
    imageShape = found.imageShape;
    numClasses = input.numClasses ?? input.classNames?.length ?? found.numClasses;
    if (numClasses < found.numClasses) throw invalidField('classNames', `${numClasses} class names but the files have labels up to ${found.numClasses - 1}`);
    if (numClasses < 2) throw invalidField('numClasses', 'a dataset needs at least 2 classes');
    fingerprint = found.fingerprint;
    counts = { trainCount: found.trainCount, testCount: found.testCount };
  } else {
    const checksums = input.checksums ?? {};
    location = { kind: 'url', url: input.url!, checksums };
    imageShape = input.imageShape!;
    numClasses = input.numClasses!;
    fingerprint = datasetFingerprint(checksums);
  }
  const classNames = input.classNames ?? defaultClassNames(numClasses);
  if (classNames.length !== numClasses) throw invalidField('classNames', `${classNames.length} class names for ${numClasses} classes`);
  const row = await insertDataset(ctx.db, {
    name: input.name,
    format: input.format,
    location,
    imageShape,
    numClasses,
    classNames,
    fingerprint,
    ...counts,
    description: input.description ?? null,
  });
  ctx.log.info({ dataset: row.name, imageShape, numClasses, fingerprint, location: location.kind }, 'dataset registered');
  return { id: row.id, name: row.name, fingerprint: row.fingerprint };
}

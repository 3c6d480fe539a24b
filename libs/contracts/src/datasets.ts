/**
 * Datasets as named, registered objects: what `registerDataset` accepts, what the catalog
 * (Postgres `datasets`) holds, and what a trial dispatch carries so that a worker can find,
 * verify and load the data. `mnist` is built in (its location is the worker's DATA_DIR /
 * DATA_MIRROR); every other dataset names a directory or a URL with SHA-256 checksums.
 *
 * ```ts
 * parseRegisterDatasetInput({ name: 'shapes', directory: '/data/shapes', classNames: ['circle', 'square', 'cross'] });
 * defaultModelName('fashion-mnist'); // 'Fashion_Mnist_Best_Model'
 * ```
 */
import { z } from 'zod';
import { dropNulls, invalidField, zodToAppError } from './issues.js';
import { storableText } from './text.js';

export const DATASET_FORMATS = ['IDX'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** The dataset every installation has; its files are the worker's DATA_DIR. */
export const BUILTIN_DATASET = 'mnist';

/**
 * The four files of an IDX dataset (MNIST's layout), by role. Each may be stored gzipped
 * (`<name>.gz`). Images are idx3 (N×H×W, one channel) or idx4 (N×H×W×C) unsigned bytes;
 * labels are idx1 unsigned bytes.
 */
export const IDX_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/**
 * Bounds of a dataset. Labels are one unsigned byte in IDX, so at most 256 classes; image
 * sides up to 1024 and 64 channels keep one float32 image under 256 MB (the engine's model
 * size limit bounds what can actually be trained).
 */
export const DATASET_LIMITS = {
  side: { min: 1, max: 1024 },
  channels: { min: 1, max: 64 },
  classes: { min: 2, max: 256 },
  className: { max: 64 },
} as const;

/** A dataset name: lower-case letters, digits, `.`, `_` or `-`, starting with a letter or digit, at most 64. */
export const DATASET_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const datasetNameRule = z.string({ error: 'dataset must be a string' }).regex(DATASET_NAME_PATTERN, {
  error: 'dataset name must be lower-case letters, digits, ".", "_" or "-" (starting with a letter or digit, at most 64)',
});

const D = DATASET_LIMITS;
const side = z.number().int().min(D.side.min).max(D.side.max, { error: `image height and width must be integers in ${D.side.min}..${D.side.max}` });
const channels = z.number().int().min(D.channels.min).max(D.channels.max, { error: `channels must be an integer in ${D.channels.min}..${D.channels.max}` });
export const imageShapeRule = z.tuple([side, side, channels], { error: 'imageShape must be [height, width, channels]' });
export const numClassesRule = z
  .number()
  .int()
  .min(D.classes.min, { error: `numClasses must be an integer in ${D.classes.min}..${D.classes.max}` })
  .max(D.classes.max, { error: `numClasses must be an integer in ${D.classes.min}..${D.classes.max} (IDX labels are one byte)` });
const sha256Rule = z.string().regex(/^[0-9a-fA-F]{64}$/, { error: 'a checksum must be 64 hex digits (SHA-256)' }).transform((s) => s.toLowerCase());
const classNameRule = storableText.trim().min(1, { error: 'a class name must not be empty' }).max(D.className.max, { error: `a class name is at most ${D.className.max} characters` });

/** Where a worker finds the files of a dataset. */
export const datasetLocationSchema = z.discriminatedUnion('kind', [
  /** The worker's DATA_DIR (and DATA_MIRROR): only `mnist`. */
  z.object({ kind: z.literal('builtin') }),
  /** A directory every worker can read. */
  z.object({ kind: z.literal('directory'), path: z.string().min(1) }),
  /** A base URL; the worker downloads `<url>/<file>` into its cache, verifying each SHA-256. */
  z.object({ kind: z.literal('url'), url: z.string().url(), checksums: z.record(z.string(), z.string()) }),
]);
export type DatasetLocation = z.infer<typeof datasetLocationSchema>;

/** One catalog entry as the scheduler pins it to an experiment and the dispatch carries it. */
export const datasetRefSchema = z.object({
  name: z.string().min(1),
  format: z.enum(DATASET_FORMATS),
  location: datasetLocationSchema,
  imageShape: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]),
  numClasses: z.number().int().positive(),
  classNames: z.array(z.string()),
  /** 'sha256:<hex>' over the sorted "file sha256" lines of the dataset's files (see libs/ml datasetFingerprint). */
  fingerprint: z.string().min(1),
});
export type DatasetRef = z.infer<typeof datasetRefSchema>;

/** What `registerDataset` (GraphQL) / `dataset.register` (NATS) / `trialgrid dataset register` accept. */
export const registerDatasetInputSchema = z.strictObject({
  name: datasetNameRule,
  format: z.enum(DATASET_FORMATS, { error: `format must be one of ${DATASET_FORMATS.join(', ')}` }).default('IDX'),
  /** A directory the scheduler and every worker can read (absolute path). */
  directory: storableText.min(1).optional(),
  /** Base URL of the files; needs `checksums`, `imageShape` and `numClasses`. */
  url: z.string().url({ error: 'url must be an absolute URL' }).optional(),
  /** SHA-256 per file name (`train-images-idx3-ubyte.gz`, ...). */
  checksums: z.record(z.string().min(1), sha256Rule).optional(),
  /** [height, width, channels]; read from the files of a directory, checked when given. */
  imageShape: imageShapeRule.optional(),
  /** Read from the labels of a directory (largest label + 1) when not given. */
  numClasses: numClassesRule.optional(),
  /** One name per class, in label order; default '0', '1', ... */
  classNames: z.array(classNameRule).optional(),
  description: storableText.max(5000).optional(),
});
export type RegisterDatasetInput = z.infer<typeof registerDatasetInputSchema>;

/** The four file names a URL dataset's checksums must cover (each raw or `.gz`). */
export function idxFileNames(): string[] {
  return Object.values(IDX_FILES);
}

/**
 * Parses and checks a registerDataset input: exactly one of `directory` / `url`; a URL needs a
 * checksum for each of the four files (raw or `.gz` name), `imageShape` and `numClasses`;
 * `classNames` has `numClasses` distinct entries. Throws AppError INVALID_INPUT (details.field).
 */
export function parseRegisterDatasetInput(raw: unknown): RegisterDatasetInput {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalidField('(root)', 'dataset input must be a JSON object');
  const parsed = registerDatasetInputSchema.safeParse(dropNulls(raw));
  if (!parsed.success) throw zodToAppError(parsed.error);
  const input = parsed.data;
  if ((input.directory === undefined) === (input.url === undefined)) throw invalidField('directory', 'give exactly one location: directory or url');
  if (input.directory !== undefined && !input.directory.startsWith('/')) throw invalidField('directory', 'directory must be an absolute path');
  if (input.url !== undefined) {
    if (!/^https?:/.test(input.url)) throw invalidField('url', 'url must be http or https');
    const sums = input.checksums ?? {};
    for (const base of idxFileNames()) {
      if (sums[`${base}.gz`] === undefined && sums[base] === undefined) throw invalidField('checksums', `a url dataset needs the SHA-256 of ${base}.gz (or ${base})`, { file: base });
    }
    if (input.imageShape === undefined) throw invalidField('imageShape', 'a url dataset needs imageShape [height, width, channels]');
    if (input.numClasses === undefined) throw invalidField('numClasses', 'a url dataset needs numClasses');
  }
  if (input.classNames !== undefined) {
    if (input.numClasses !== undefined && input.classNames.length !== input.numClasses) {
      throw invalidField('classNames', `${input.classNames.length} class names for ${input.numClasses} classes`);
    }
    if (new Set(input.classNames).size !== input.classNames.length) throw invalidField('classNames', 'class names must be distinct');
  }
  if (input.name === BUILTIN_DATASET) throw invalidField('name', `${BUILTIN_DATASET} is built in and cannot be registered again`);
  return input;
}

/** The class names of a dataset without any: '0', '1', ..., String(n - 1). */
export function defaultClassNames(numClasses: number): string[] {
  return Array.from({ length: numClasses }, (_, i) => String(i));
}

/**
 * The registered model name an experiment gets unless it names one: the dataset name's words
 * capitalised and joined by `_`, then `_Best_Model` — the seed's `Mnist_Best_Model` for `mnist`,
 * `Fashion_Mnist_Best_Model` for `fashion-mnist`.
 */
export function defaultModelName(dataset: string): string {
  const words = dataset.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  const stem = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('_');
  return `${stem || 'Dataset'}_Best_Model`;
}

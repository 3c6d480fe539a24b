/**
 * Loading a CreateExperimentInput from a JSON or YAML file, with errors that name the file,
 * the line and the offending field, and the command-line overrides (--name, --epochs, ...).
 * The checks are the server's own (libs/sweep planExperiment over the contracts' rules), run
 * before anything is sent: a file the CLI accepts is one the gateway and the scheduler accept.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { BUILTIN_DATASET, EXPERIMENT_INPUT_FIELDS, type CreateExperimentInput, type DataShape } from '@trialgrid/contracts';
import type { CreateExperimentInput as CreateExperimentVariables } from '@trialgrid/graphql-types';
import { isAppError } from '@trialgrid/errors';
import { planExperiment } from '@trialgrid/sweep';
import { parseDocument } from 'yaml';

/** A problem with an input file (exit code 1, message names the file). */
export class InputFileError extends Error {
  constructor(
    readonly file: string,
    /** What is wrong, without the file name. */
    readonly detail: string,
    /** The input field at fault (dotted path), when one is. */
    readonly field?: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'InputFileError';
  }
}

/** Top-level fields of the GraphQL CreateExperimentInput (from the contracts). */
export { EXPERIMENT_INPUT_FIELDS };

/** The input as written (defaults are applied by the server), with its name known. */
export type ExperimentInput = Partial<Record<keyof CreateExperimentInput, unknown>> & { name: string };

/**
 * The largest search space the CLI plans locally. The server's own limit (MAX_GRID_TRIALS,
 * at most 100000 in the scheduler) may be lower; that one is checked by the server.
 */
const CLI_MAX_TRIALS = 100_000;

/** Parses file text by extension (.json / .yaml / .yml; anything else: JSON, then YAML). */
export function parseExperimentText(text: string, file: string): unknown {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return parseJson(text, file);
  if (ext === '.yaml' || ext === '.yml') return parseYaml(text, file);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return parseYaml(text, file);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputFileError(file, `invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const where = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
    throw new InputFileError(file, `invalid YAML: ${where}${first.message.split('\n')[0] ?? ''}`);
  }
  return doc.toJS() as unknown;
}

/**
 * Checks a parsed input with the server's rules (planExperiment), the models built for `data`
 * (the shape of the input's dataset as the catalog has it; default MNIST's); returns it typed,
 * or throws InputFileError naming `source` (the file, or the option it came from) and the field.
 */
export function checkExperimentInput(value: unknown, source: string, data?: DataShape): CreateExperimentVariables {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputFileError(source, 'expected an object with the fields of CreateExperimentInput (name, searchSpace or preset, ...)');
  }
  try {
    planExperiment(value, { maxTrials: CLI_MAX_TRIALS, ...(data ? { data } : {}) });
  } catch (err) {
    if (!isAppError(err) || err.code !== 'INVALID_INPUT') throw err;
    const field = err.details?.['field'];
    const where = typeof field === 'string' && field !== '(root)' && !err.message.includes(field) ? `${field}: ` : '';
    const hint = /^unknown field/.test(err.message) && typeof field === 'string' && !field.includes('.') ? ` (allowed: ${EXPERIMENT_INPUT_FIELDS.join(', ')})` : '';
    throw new InputFileError(source, `${where}${err.message}${hint}`, typeof field === 'string' ? field : undefined);
  }
  // The contracts' rules are those of the schema's CreateExperimentInput (the gateway checks it again).
  return value as CreateExperimentVariables;
}

/**
 * The dataset an input names (`mnist` when it names none or is not an object) — what to ask the
 * catalog for before checking an input for another dataset.
 */
export function datasetOf(value: unknown): string {
  const d = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)['dataset'] : undefined;
  return typeof d === 'string' ? d : BUILTIN_DATASET;
}

/**
 * Reads and parses an experiment file, then checks it (`data`: the shape of its dataset; without
 * it, an input for a dataset other than mnist is checked by `checkExperimentInput` later, once
 * the catalog has been asked).
 */
export async function loadExperimentFile(file: string, data?: DataShape): Promise<ExperimentInput> {
  const value = await readExperimentFile(file);
  if (data === undefined && datasetOf(value) !== BUILTIN_DATASET) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputFileError(file, 'expected an object with the fields of CreateExperimentInput');
    return value as ExperimentInput;
  }
  return checkExperimentInput(value, file, data);
}

/** Reads and parses an experiment file (JSON or YAML) without checking it. */
export async function readExperimentFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputFileError(file, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(err)})`);
  }
  return parseExperimentText(text, file);
}

export interface ExperimentOverrides {
  name?: string | undefined;
  trainLimit?: number | undefined;
  testLimit?: number | undefined;
  epochs?: number | undefined;
}

/** The input with command-line overrides applied (undefined ones leave the field alone). */
export function applyOverrides(input: ExperimentInput, o: ExperimentOverrides): ExperimentInput {
  const out: ExperimentInput = { ...input };
  if (o.name !== undefined) out.name = o.name;
  if (o.trainLimit !== undefined) out['trainLimit'] = o.trainLimit;
  if (o.testLimit !== undefined) out['testLimit'] = o.testLimit;
  if (o.epochs !== undefined) out['epochs'] = o.epochs;
  return out;
}

/** The input for `--preset documented`: the three documented runs. */
export function documentedRunsInput(name = 'documented-runs'): ExperimentInput {
  return { name, preset: 'DOCUMENTED_RUNS' };
}

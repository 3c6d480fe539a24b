/**
 * Loading a CreateExperimentInput from a JSON or YAML file, with errors that name the file,
 * the line and the offending field, and the command-line overrides (--name, --epochs, ...).
 * The server validates the input fully; the checks here catch typos before a round trip.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';

/** A problem with an input file (exit code 1, message names the file). */
export class InputFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'InputFileError';
  }
}

/** Top-level fields of the GraphQL CreateExperimentInput. */
export const EXPERIMENT_INPUT_FIELDS = [
  'name',
  'dataset',
  'objective',
  'searchSpace',
  'preset',
  'maxParallelTrials',
  'maxFailedTrials',
  'earlyStopping',
  'modelName',
  'trainLimit',
  'testLimit',
  'epochs',
] as const;

export type ExperimentInput = Record<string, unknown> & { name: string };

const INT_FIELDS = ['maxParallelTrials', 'maxFailedTrials', 'trainLimit', 'testLimit', 'epochs'] as const;
const OBJECT_FIELDS = ['objective', 'searchSpace', 'earlyStopping'] as const;

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

/** Structural checks of a parsed file; returns the input typed, or throws InputFileError. */
export function checkExperimentInput(value: unknown, file: string): ExperimentInput {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputFileError(file, 'expected an object with the fields of CreateExperimentInput (name, searchSpace or preset, ...)');
  }
  const input = value as Record<string, unknown>;
  const unknown = Object.keys(input).filter((k) => !(EXPERIMENT_INPUT_FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new InputFileError(file, `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} (allowed: ${EXPERIMENT_INPUT_FIELDS.join(', ')})`);
  }
  if (typeof input['name'] !== 'string' || input['name'].trim() === '') throw new InputFileError(file, '"name" is required (a non-empty string)');
  for (const k of INT_FIELDS) {
    const v = input[k];
    if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) {
      throw new InputFileError(file, `"${k}" must be a non-negative integer, got ${JSON.stringify(v)}`);
    }
  }
  for (const k of OBJECT_FIELDS) {
    const v = input[k];
    if (v !== undefined && v !== null && (typeof v !== 'object' || Array.isArray(v))) throw new InputFileError(file, `"${k}" must be an object`);
  }
  if (input['searchSpace'] == null && input['preset'] == null) throw new InputFileError(file, 'give "searchSpace" or "preset: DOCUMENTED_RUNS"');
  return input as ExperimentInput;
}

/** Reads, parses and checks an experiment file. */
export async function loadExperimentFile(file: string): Promise<ExperimentInput> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputFileError(file, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(err)})`);
  }
  return checkExperimentInput(parseExperimentText(text, file), file);
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

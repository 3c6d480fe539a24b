/**
 * The checks of CreateExperimentInput the gateway can make without the scheduler (so an
 * obviously bad request fails fast, before a NATS round trip). The scheduler (libs/sweep)
 * stays the authority: anything subtler is left to it.
 */
import { invalidInput } from '@trialgrid/errors';
import type { CreateExperimentInput, ParamRangeInput, TrialParamsInput } from './generated/graphql.js';

const POSITIVE_INT: readonly (keyof TrialParamsInput)[] = ['filters', 'batchSize', 'epochs'];

function checkParams(p: TrialParamsInput | null | undefined, path: string): void {
  if (!p) return;
  if (p.learningRate != null && !(p.learningRate > 0)) throw invalidInput(`${path}.learningRate must be > 0`, { field: `${path}.learningRate` });
  for (const key of POSITIVE_INT) {
    const v = p[key];
    if (typeof v === 'number' && v < 1) throw invalidInput(`${path}.${key} must be >= 1`, { field: `${path}.${key}` });
  }
  if (p.hiddenUnits != null && p.hiddenUnits < 0) throw invalidInput(`${path}.hiddenUnits must be >= 0`, { field: `${path}.hiddenUnits` });
  for (const key of ['convDropout', 'denseDropout'] as const) {
    const v = p[key];
    if (v != null && !(v >= 0 && v < 1)) throw invalidInput(`${path}.${key} must be in [0, 1)`, { field: `${path}.${key}` });
  }
  if (p.validationSplit != null && !(p.validationSplit >= 0 && p.validationSplit <= 0.9)) {
    throw invalidInput(`${path}.validationSplit must be in [0, 0.9]`, { field: `${path}.validationSplit` });
  }
}

const LR_NAMES = new Set(['learningRate', 'learning_rate']);

function checkRange(r: ParamRangeInput, path: string): void {
  if (LR_NAMES.has(r.name)) {
    for (const v of r.values ?? []) {
      if (typeof v === 'number' && !(v > 0)) throw invalidInput(`${path}.values: learning rates must be > 0`, { field: `${path}.values` });
    }
    if (r.min != null && !(r.min > 0)) throw invalidInput(`${path}.min: learning rates must be > 0`, { field: `${path}.min` });
  }
  if (r.min != null && r.max != null && r.min > r.max) throw invalidInput(`${path}: min must be <= max`, { field: path });
}

/** Throws AppError INVALID_INPUT for what is certainly wrong; returns the number of trials when known. */
export function checkCreateExperimentInput(input: CreateExperimentInput, maxTrials: number): number | undefined {
  if (input.name.trim() === '') throw invalidInput('name must not be empty', { field: 'name' });
  if (input.maxParallelTrials !== undefined && input.maxParallelTrials < 1) {
    throw invalidInput('maxParallelTrials must be >= 1', { field: 'maxParallelTrials' });
  }
  if (input.maxFailedTrials !== undefined && input.maxFailedTrials < 0) throw invalidInput('maxFailedTrials must be >= 0', { field: 'maxFailedTrials' });
  for (const key of ['epochs', 'trainLimit', 'testLimit'] as const) {
    const v = input[key];
    if (v != null && v < 1) throw invalidInput(`${key} must be >= 1`, { field: key });
  }
  const space = input.searchSpace;
  if (!space && !input.preset) throw invalidInput('give a searchSpace or a preset', { field: 'searchSpace' });
  if (space && input.preset) throw invalidInput('give either a searchSpace or a preset, not both', { field: 'preset' });
  if (!space) return undefined;

  checkParams(space.base, 'searchSpace.base');
  (space.trials ?? []).forEach((t, i) => checkParams(t, `searchSpace.trials.${i}`));
  (space.parameters ?? []).forEach((r, i) => checkRange(r, `searchSpace.parameters.${i}`));

  switch (space.algorithm) {
    case 'EXPLICIT': {
      const n = space.trials?.length ?? 0;
      if (n === 0) throw invalidInput('EXPLICIT needs at least one trial', { field: 'searchSpace.trials' });
      if (n > maxTrials) throw invalidInput(`${n} trials exceed the limit of ${maxTrials}`, { field: 'searchSpace.trials', limit: maxTrials });
      return n;
    }
    case 'GRID': {
      const params = space.parameters ?? [];
      if (params.length === 0) throw invalidInput('GRID needs parameters with values', { field: 'searchSpace.parameters' });
      let size = 1;
      params.forEach((r, i) => {
        const k = r.values?.length ?? 0;
        if (k === 0) throw invalidInput(`GRID parameter ${r.name} needs values`, { field: `searchSpace.parameters.${i}.values` });
        size *= k;
      });
      if (size > maxTrials) {
        throw invalidInput(`grid of ${size} trials exceeds the limit of ${maxTrials} (MAX_GRID_TRIALS)`, { field: 'searchSpace.parameters', limit: maxTrials, size });
      }
      return size;
    }
    case 'RANDOM': {
      const n = space.trialCount;
      if (n == null || n < 1) throw invalidInput('RANDOM needs trialCount >= 1', { field: 'searchSpace.trialCount' });
      if (n > maxTrials) throw invalidInput(`${n} trials exceed the limit of ${maxTrials}`, { field: 'searchSpace.trialCount', limit: maxTrials });
      return n;
    }
    default:
      return undefined;
  }
}

/**
 * GraphQL's explicit `null` for an optional input field means "not given": drop those keys so
 * the scheduler's schema sees the same JSON whether a client wrote `x: null` or left x out.
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
    return out;
  }
  return value;
}

/** submit, watch, ls, show, cancel. */
import { intOption, presetName, UsageError } from '../args.js';
import { BUILTIN_DATASET, EXPERIMENT_STATUSES, TERMINAL_EXPERIMENT_STATUSES, TRIAL_STATUSES } from '@trialgrid/contracts';
import { applyOverrides, checkExperimentInput, datasetOf, documentedRunsInput, InputFileError, loadExperimentFile, type ExperimentOverrides } from '../experiment-file.js';
import type { CreateExperimentInput } from '@trialgrid/graphql-types';
import { dataLimits, formatDuration, formatTable, jsonCell, metricCell, percent, progressBar, type Cell } from '../format.js';
import {
  CANCEL,
  CREATE_EXPERIMENT,
  DATASET_SHAPE,
  EXPERIMENT,
  LIST_EXPERIMENTS,
  TRIAL,
  jsonNumbers,
  jsonObject,
  type TrialRow,
} from '../queries.js';
import { watchExperiment } from '../watch.js';
import { paramsText, printJson, type CommandContext } from './context.js';

/** `--status` as one of `statuses` (any case); BAD_USER_INPUT naming them otherwise. */
function statusOption<S extends string>(statuses: readonly S[], value: string): S {
  const s = statuses.find((x) => x === value.toUpperCase());
  if (s === undefined) throw Object.assign(new Error(`--status must be one of ${statuses.join(', ')} (any case), got "${value}"`), { code: 'BAD_USER_INPUT' });
  return s;
}

function optInt(ctx: CommandContext, name: string): number | undefined {
  const v = ctx.cmd.options[name];
  return typeof v === 'string' ? intOption(name, v) : undefined;
}

/** The CreateExperimentInput a `submit` command line describes. */
export async function submitInput(ctx: CommandContext): Promise<CreateExperimentInput> {
  const preset = ctx.cmd.options['preset'];
  const name = ctx.cmd.options['name'];
  const source = typeof preset === 'string' ? '--preset' : (ctx.cmd.positionals[0] ?? '');
  const base = typeof preset === 'string' ? { ...documentedRunsInput(), preset: presetName(preset) } : await loadExperimentFile(source);
  const overrides: ExperimentOverrides = {
    name: typeof name === 'string' ? name : undefined,
    trainLimit: optInt(ctx, 'train-limit'),
    testLimit: optInt(ctx, 'test-limit'),
    epochs: optInt(ctx, 'epochs'),
  };
  const input = applyOverrides(base, overrides);
  // Checked again with the overrides applied, before anything is sent; models are built for the
  // shape of the dataset the input names (the catalog's answer; mnist's without asking).
  const dataset = datasetOf(input);
  if (dataset === BUILTIN_DATASET) return blameFlags(() => checkExperimentInput(input, source), overrides);
  const { dataset: found } = await ctx.client.request(DATASET_SHAPE, { name: dataset });
  if (!found) throw Object.assign(new Error(`unknown dataset "${dataset}" (see trialgrid datasets; add one with trialgrid register-dataset)`), { code: 'BAD_USER_INPUT' });
  const [h, w, c] = found.imageShape;
  if (h === undefined || w === undefined || c === undefined) throw Object.assign(new Error(`dataset "${dataset}" has no [height, width, channels] shape`), { code: 'BAD_USER_INPUT' });
  return blameFlags(() => checkExperimentInput(input, source, { inputShape: [h, w, c], numClasses: found.numClasses }), overrides);
}

/** The command-line flag that set each overridable field. */
const OVERRIDE_FLAGS: Record<keyof ExperimentOverrides, string> = { name: '--name', trainLimit: '--train-limit', testLimit: '--test-limit', epochs: '--epochs' };

/**
 * Runs a check of the input; a fault in a field that a flag set is reported against the flag (a
 * usage error, exit 2), not against the file, which did not say it.
 */
function blameFlags<T>(check: () => T, overrides: ExperimentOverrides): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof InputFileError && err.field !== undefined && err.field in OVERRIDE_FLAGS) {
      const key = err.field as keyof ExperimentOverrides;
      if (overrides[key] !== undefined) throw new UsageError(`${OVERRIDE_FLAGS[key]}: ${err.detail.replace(new RegExp(`^${key}: `), '')}`);
    }
    throw err;
  }
}

export async function submit(ctx: CommandContext): Promise<number> {
  const input = await submitInput(ctx);
  const { createExperiment: e } = await ctx.client.request(
    CREATE_EXPERIMENT,
    { input },
  );
  if (ctx.cmd.json && !ctx.cmd.options['watch']) {
    printJson(ctx, e);
    return 0;
  }
  if (!ctx.cmd.json) {
    ctx.out(`created experiment ${e.id} "${e.name}" with ${e.trials.totalCount} trial(s), status ${e.status}`);
    ctx.out(formatTable(['#', 'trial', 'id', 'params'], e.trials.nodes.map((t) => [t.index, t.name, t.id, paramsText(t.paramMap)])));
  }
  if (ctx.cmd.options['watch']) return follow(ctx, e.id);
  ctx.out(`\nfollow it with: trialgrid watch ${e.id}`);
  return 0;
}

export async function watch(ctx: CommandContext): Promise<number> {
  return follow(ctx, ctx.cmd.positionals[0] ?? '');
}

async function follow(ctx: CommandContext, id: string): Promise<number> {
  const final = await watchExperiment(ctx.client, id, ctx.cmd.json ? {} : { write: (t) => ctx.write(t), tty: ctx.tty });
  if (ctx.cmd.json) printJson(ctx, final);
  else {
    ctx.out('');
    ctx.out(trialsTable(final.trials.nodes));
    ctx.out(`\nexperiment ${final.id} ${final.status}${final.bestTrial ? `; best trial ${final.bestTrial.name}` : ''}`);
  }
  return final.status === 'SUCCEEDED' ? 0 : 1;
}

export async function ls(ctx: CommandContext): Promise<number> {
  const status = ctx.cmd.options['status'];
  const { experiments } = await ctx.client.request(LIST_EXPERIMENTS, {
    first: optInt(ctx, 'first') ?? 50,
    ...(typeof status === 'string' ? { status: statusOption(EXPERIMENT_STATUSES, status) } : {}),
  });
  if (ctx.cmd.json) {
    printJson(ctx, experiments);
    return 0;
  }
  if (experiments.nodes.length === 0) {
    ctx.out('no experiments yet (create one with: trialgrid submit --preset documented)');
    return 0;
  }
  ctx.out(
    formatTable(
      ['id', 'name', 'status', 'progress', 'trials', 'ok', 'failed', 'created'],
      experiments.nodes.map((e) => [e.id, e.name, e.status, progressBar(e.progress, 16), e.counts.total, e.counts.succeeded, e.counts.failed, shortTime(e.createdAt)]),
    ),
  );
  if (experiments.totalCount > experiments.nodes.length) ctx.out(`(${experiments.nodes.length} of ${experiments.totalCount}; use --first)`);
  return 0;
}

export function trialsTable(trials: readonly TrialRow[]): string {
  return formatTable(
    ['#', 'trial', 'status', 'epoch', 'val_acc', 'test_acc', 'test_loss', 'time', 'params'],
    trials.map((t): Cell[] => {
      const fm = jsonNumbers(t.finalMetrics);
      const epochs = jsonObject(t.paramMap)['epochs'];
      return [
        t.index,
        t.name,
        t.status,
        `${t.currentEpoch ?? 0}/${typeof epochs === 'number' ? epochs : '?'}`,
        metricCell('val_accuracy', jsonNumbers(t.latestMetrics)['val_accuracy']),
        metricCell('test_accuracy', fm['test_accuracy']),
        metricCell('test_loss', fm['test_loss']),
        fm['training_seconds'] !== undefined ? formatDuration(fm['training_seconds']) : null,
        paramsText(t.paramMap),
      ];
    }),
    { alignRight: [0, 4, 5, 6, 7] },
  );
}

export async function show(ctx: CommandContext): Promise<number> {
  const id = ctx.cmd.positionals[0] ?? '';
  if (ctx.cmd.options['trial']) return showTrial(ctx, id);
  const { after, status } = ctx.cmd.options;
  const { experiment } = await ctx.client.request(EXPERIMENT, {
    id,
    first: optInt(ctx, 'first') ?? 100,
    after: typeof after === 'string' ? after : null,
    ...(typeof status === 'string' ? { status: statusOption(TRIAL_STATUSES, status) } : {}),
  });
  if (!experiment) throw Object.assign(new Error(`experiment ${id} not found`), { code: 'NOT_FOUND' });
  if (ctx.cmd.json) {
    printJson(ctx, experiment);
    return 0;
  }
  const e = experiment;
  const rows: [string, string][] = [
    ['id', e.id],
    ['name', e.name],
    ['status', `${e.status}${e.error ? ` (${e.error})` : ''}`],
    ['progress', progressBar(e.progress, 30)],
    ['objective', `${e.objective.direction} ${e.objective.metric}`],
    ['dataset', e.dataset],
    ['data', dataLimits(e.options, e.dataset)],
    ['model', e.modelName],
    ['trials', `${e.counts.total} total, ${e.counts.running} running, ${e.counts.queued} queued, ${e.counts.succeeded} succeeded, ${e.counts.failed} failed, ${e.counts.stopped} stopped, ${e.counts.cancelled} cancelled`],
    ['best', e.bestTrial ? `${e.bestTrial.name} (${e.bestTrial.id}) test_accuracy ${percent(jsonNumbers(e.bestTrial.finalMetrics)['test_accuracy'])}` : '-'],
    ['created', e.createdAt],
    ['finished', e.finishedAt ?? '-'],
  ];
  ctx.out(rows.map(([k, v]) => `${k.padEnd(10)} ${v}`).join('\n'));
  ctx.out('');
  ctx.out(trialsTable(e.trials.nodes));
  if (e.trials.pageInfo.hasNextPage) ctx.out(`(${e.trials.nodes.length} of ${e.trials.totalCount} trials; next page: --after ${e.trials.pageInfo.endCursor ?? ''})`);
  return 0;
}

async function showTrial(ctx: CommandContext, id: string): Promise<number> {
  const { trial } = await ctx.client.request(TRIAL, { id });
  if (!trial) throw Object.assign(new Error(`trial ${id} not found`), { code: 'NOT_FOUND' });
  if (ctx.cmd.json) {
    printJson(ctx, trial);
    return 0;
  }
  ctx.out(`trial ${trial.name} (${trial.id}) of experiment ${trial.experimentId}: ${trial.status}${trial.error ? ` (${trial.error})` : ''}, attempt ${trial.attempt}`);
  const engine = jsonObject(trial.provenance)['engine'];
  if (typeof engine === 'string') ctx.out(`engine ${engine}`);
  ctx.out('\nparams');
  ctx.out(formatTable(['param', 'value'], Object.entries(jsonObject(trial.paramMap)).map(([k, v]) => [k, jsonCell(v)]), { alignRight: [] }));
  const final = jsonNumbers(trial.finalMetrics);
  if (Object.keys(final).length > 0) {
    ctx.out('\nfinal metrics');
    ctx.out(formatTable(['metric', 'value'], Object.entries(final).map(([k, v]) => [k, v])));
  }
  const byKey = new Map(trial.metrics.map((s) => [s.key, new Map(s.points.map((p) => [p.step, p.value]))]));
  const keys = ['train_loss', 'train_accuracy', 'val_loss', 'val_accuracy'].filter((k) => byKey.has(k));
  const steps = [...new Set(keys.flatMap((k) => [...(byKey.get(k)?.keys() ?? [])]))].sort((a, b) => a - b);
  if (steps.length > 0) {
    ctx.out('\nper epoch');
    ctx.out(formatTable(['epoch', ...keys], steps.map((s) => [s + 1, ...keys.map((k) => byKey.get(k)?.get(s) ?? null)])));
  }
  if (trial.artifacts.length > 0) {
    ctx.out('\nartifacts');
    ctx.out(formatTable(['name', 'kind', 'bytes', 'url'], trial.artifacts.map((a) => [a.name, a.kind, a.sizeBytes, a.url])));
  }
  if (trial.logs.length > 0) {
    ctx.out('\nlogs');
    for (const l of trial.logs) ctx.out(`${shortTime(l.loggedAt)} ${l.level.padEnd(5)} ${l.message}`);
  }
  return 0;
}

export async function cancel(ctx: CommandContext): Promise<number> {
  const { cancelExperiment: e } = await ctx.client.request(CANCEL, { id: ctx.cmd.positionals[0] ?? '' });
  if (ctx.cmd.json) printJson(ctx, e);
  else ctx.out(`experiment ${e.id} ${e.status}${TERMINAL_EXPERIMENT_STATUSES.includes(e.status) ? '' : ' (cancelling)'}`);
  return 0;
}

function shortTime(iso: string | null): string {
  if (!iso) return '-';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').slice(0, 19);
}


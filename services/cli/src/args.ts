/**
 * Command-line parsing for `trialgrid`: a pure function from argv (+ env) to a checked
 * command, so every usage error is found before any network call and tested directly.
 */
import { parseArgs } from 'node:util';

export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:4000/graphql';

/** Bad command line: printed with the usage text, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type OptionType = 'string' | 'boolean';
interface CommandSpec {
  summary: string;
  args: string;
  /** Minimum and maximum positional arguments (max Infinity = variadic). */
  min: number;
  max: number;
  options: Record<string, OptionType>;
}

const GLOBAL_OPTIONS: Record<string, OptionType> = { url: 'string', json: 'boolean', help: 'boolean' };

export const COMMANDS = {
  submit: {
    summary: 'create an experiment from a JSON/YAML CreateExperimentInput file',
    args: '<experiment.json|yaml> | --preset documented',
    min: 0,
    max: 1,
    options: { preset: 'string', name: 'string', 'train-limit': 'string', 'test-limit': 'string', epochs: 'string', watch: 'boolean' },
  },
  watch: { summary: 'live progress of every trial until the experiment ends', args: '<experimentId>', min: 1, max: 1, options: {} },
  ls: { summary: 'list experiments', args: '', min: 0, max: 0, options: { status: 'string', first: 'string' } },
  show: {
    summary: 'one experiment (or trial, with --trial) in detail; its trials a page at a time (--first N, --status S, --after <cursor printed with the page>)',
    args: '<experimentId>',
    min: 1,
    max: 1,
    options: { trial: 'boolean', first: 'string', status: 'string', after: 'string' },
  },
  compare: { summary: 'compare trials (params and final metrics)', args: '<trialId> <trialId>...', min: 1, max: Infinity, options: {} },
  promote: {
    summary: 'move a model version to a stage (default Production; a version failing the production gate needs --override --reason)',
    args: '<model> <version>',
    min: 2,
    max: 2,
    options: { stage: 'string', 'keep-existing': 'boolean', override: 'boolean', reason: 'string' },
  },
  cancel: { summary: 'cancel an experiment', args: '<experimentId>', min: 1, max: 1, options: {} },
  stop: { summary: 'stop a running or queued trial', args: '<trialId>', min: 1, max: 1, options: {} },
  retry: { summary: 'queue a finished trial again', args: '<trialId>', min: 1, max: 1, options: {} },
  datasets: { summary: 'the dataset catalog: name, image shape, classes, location, fingerprint', args: '', min: 0, max: 0, options: {} },
  'register-dataset': {
    summary: 'add an IDX dataset to the catalog by name: --directory <dir> (read by the scheduler and workers) or --base-url <url> --checksums <SHA256SUMS file> --image-shape HxWxC --num-classes N',
    args: '<name>',
    min: 1,
    max: 1,
    options: { directory: 'string', 'base-url': 'string', checksums: 'string', 'image-shape': 'string', 'num-classes': 'string', 'class-names': 'string', description: 'string' },
  },
  models: { summary: 'registered models (or one model with its versions, gate verdicts and history); --search text', args: '[model]', min: 0, max: 1, options: { search: 'string' } },
  tokens: { summary: 'API tokens (admin): name, owner, role, state, creation, expiry, last use', args: '', min: 0, max: 0, options: {} },
  'create-token': {
    summary: 'create an API token (admin) and print its secret once: --owner <who> --role viewer|editor|admin [--expires 90d | <ISO date>]',
    args: '<name>',
    min: 1,
    max: 1,
    options: { owner: 'string', role: 'string', expires: 'string' },
  },
  'revoke-token': { summary: 'revoke an API token (admin), by the id `tokens` lists', args: '<tokenId>', min: 1, max: 1, options: {} },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export interface ParsedCommand {
  command: CommandName;
  positionals: string[];
  /** Command options by long name (strings and booleans as given). */
  options: Record<string, string | boolean | undefined>;
  url: string;
  json: boolean;
}

export type ParseResult = ParsedCommand | { help: true; command?: CommandName };

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** Usage text, for one command or for all of them. */
export function usage(command?: CommandName): string {
  if (command) {
    const spec: CommandSpec = COMMANDS[command];
    const opts = Object.entries(spec.options).map(([k, t]) => (t === 'string' ? `[--${k} <value>]` : `[--${k}]`));
    return [`usage: trialgrid ${command} ${spec.args} ${opts.join(' ')}`.replace(/\s+/g, ' ').trim(), `  ${spec.summary}`, GLOBAL_HELP].join('\n');
  }
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const argWidth = Math.max(...Object.values(COMMANDS).map((c) => c.args.length));
  const lines = Object.entries(COMMANDS).map(([name, spec]) => `  ${name.padEnd(width)}  ${spec.args.padEnd(argWidth)}  ${spec.summary}`);
  return ['usage: trialgrid <command> [args] [--url <graphql url>] [--json]', '', 'commands:', ...lines, '', GLOBAL_HELP].join('\n');
}

const GLOBAL_HELP = `global options: --url <url> (default $GATEWAY_URL or ${DEFAULT_GATEWAY_URL}), --json (machine-readable output), --help`;

/**
 * Parses `argv` (without node and script). Throws UsageError on unknown commands or options,
 * wrong argument counts and malformed numbers.
 */
export function parseCommandLine(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): ParseResult {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0];
    return topic !== undefined && isCommand(topic) ? { help: true, command: topic } : { help: true };
  }
  if (!isCommand(first)) throw new UsageError(`unknown command "${first}"`);
  const spec: CommandSpec = COMMANDS[first];
  const optionSpec = Object.fromEntries(
    Object.entries({ ...GLOBAL_OPTIONS, ...spec.options }).map(([k, type]) => [k, k === 'help' ? { type, short: 'h' } : { type }]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options: optionSpec, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${first}: ${err instanceof Error ? err.message.replace(/\. To specify.*$/s, '') : String(err)}`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values['help'] === true) return { help: true, command: first };
  const positionals = parsed.positionals;
  if (positionals.length < spec.min) throw new UsageError(`${first}: missing argument ${spec.args}`);
  if (positionals.length > spec.max) throw new UsageError(`${first}: unexpected argument "${positionals[spec.max] ?? ''}"`);

  const url = typeof values['url'] === 'string' ? values['url'] : env['GATEWAY_URL'] || DEFAULT_GATEWAY_URL;
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--url: "${url}" is not a URL`);
  }
  const options: Record<string, string | boolean | undefined> = {};
  for (const key of Object.keys(spec.options)) options[key] = values[key];
  const result: ParsedCommand = { command: first, positionals, options, url, json: values['json'] === true };
  validate(result);
  return result;
}

function validate(p: ParsedCommand): void {
  for (const key of ['train-limit', 'test-limit', 'epochs', 'first']) {
    const v = p.options[key];
    if (typeof v === 'string') intOption(key, v);
  }
  if (p.command === 'submit') {
    const preset = p.options['preset'];
    if (preset === undefined && p.positionals.length === 0) throw new UsageError('submit: give an experiment file or --preset documented');
    if (preset !== undefined && p.positionals.length > 0) throw new UsageError('submit: give either a file or --preset, not both');
    if (typeof preset === 'string') presetName(preset);
  }
  if (p.command === 'promote') {
    intOption('version', p.positionals[1] ?? '', 1);
    const stage = p.options['stage'];
    if (typeof stage === 'string') stageName(stage);
    if (p.options['override'] === true && typeof p.options['reason'] !== 'string') throw new UsageError('promote: --override needs --reason "<why>" (recorded in the model history)');
  }
  if (p.command === 'register-dataset') {
    const directory = p.options['directory'];
    const url = p.options['base-url'];
    if ((directory === undefined) === (url === undefined)) throw new UsageError('register-dataset: give exactly one of --directory <dir> or --base-url <url>');
    if (url !== undefined && p.options['checksums'] === undefined) throw new UsageError('register-dataset: --base-url needs --checksums <SHA256SUMS file>');
    const shape = p.options['image-shape'];
    if (typeof shape === 'string') imageShapeOption(shape);
    const classes = p.options['num-classes'];
    if (typeof classes === 'string') intOption('num-classes', classes, 2);
  }
  if (p.command === 'compare') {
    if (new Set(p.positionals).size !== p.positionals.length) throw new UsageError('compare: a trial id is given twice');
  }
}

/** A positive integer option, or UsageError naming it. */
export function intOption(name: string, value: string, min = 0): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--${name} must be an integer, got "${value}"`);
  const n = Number(value);
  if (n < min) throw new UsageError(`--${name} must be >= ${min}, got ${n}`);
  return n;
}

/** `documented` / `DOCUMENTED_RUNS` -> the GraphQL ExperimentPreset. */
export function presetName(value: string): 'DOCUMENTED_RUNS' {
  const v = value.trim().toLowerCase().replace(/-/g, '_');
  if (v === 'documented' || v === 'documented_runs') return 'DOCUMENTED_RUNS';
  throw new UsageError(`--preset: unknown preset "${value}" (known: documented)`);
}

export const MODEL_STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type ModelStage = (typeof MODEL_STAGES)[number];

/** Case-insensitive ModelStage name. */
export function stageName(value: string): ModelStage {
  const found = MODEL_STAGES.find((s) => s.toLowerCase() === value.trim().toLowerCase());
  if (!found) throw new UsageError(`--stage must be one of ${MODEL_STAGES.join(', ')}, got "${value}"`);
  return found;
}

/** `--image-shape HxWxC` (e.g. 28x28x1) as [height, width, channels], or UsageError. */
export function imageShapeOption(value: string): [number, number, number] {
  const m = /^(\d+)[x×](\d+)[x×](\d+)$/.exec(value.trim());
  if (!m) throw new UsageError(`--image-shape must be HxWxC (e.g. 28x28x1), got "${value}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

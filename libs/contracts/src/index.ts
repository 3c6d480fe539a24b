/**
 * The contracts of trialgrid: every shape that crosses a process boundary, and every rule about
 * those shapes, written once. Pure (zod only: no tfjs, no NATS, no pg), so the gateway, the
 * CLI, the scheduler, the worker and the registry all import the same checks.
 *
 *  datasets.ts    the dataset catalog: registerDataset input, the dataset a dispatch carries
 *  experiment.ts  CreateExperimentInput (what the CLI sends, the gateway forwards, the scheduler plans)
 *  params.ts      hyperparameter rules and the camelCase ↔ snake_case name map
 *  engine.ts      model specs, training parameters, ENGINE_LIMITS (what libs/ml can train)
 *  model-language.ts  the experiment's model templates ($params, repeat, choose) → model specs
 *  objective.ts   metrics trials report, objectives, the one best-trial choice
 *  status.ts      experiment / trial statuses, terminal sets, the state machine
 *  models.ts      registry names, aliases, stages
 *  messages.ts    NATS message bodies (dispatch, events, heartbeats, updates)
 *  commands.ts    the command table { name: { request, reply } }
 *  text.ts        text that can be stored (no NUL, no lone surrogate)
 *  issues.ts      zod failure → AppError INVALID_INPUT naming the field
 *  rng.ts         the seeded PRNG (a seed means the same numbers in every process)
 *
 * ```ts
 * import { parseExperimentInput, validateTrainParams, COMMANDS } from '@trialgrid/contracts';
 * parseExperimentInput({ name: 'x', searchSpace: { algorithm: 'EXPLICIT', trials: [{ batchSize: 10000 }] } });
 * // throws AppError INVALID_INPUT, details.field 'searchSpace.trials.0.batchSize'
 * ```
 */
export * from './issues.js';
export * from './text.js';
export * from './engine.js';
export * from './model-language.js';
export * from './params.js';
export * from './objective.js';
export * from './status.js';
export * from './models.js';
export * from './datasets.js';
export * from './experiment.js';
export * from './messages.js';
export * from './commands.js';
export * from './rng.js';

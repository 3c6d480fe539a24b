/**
 * Every request/reply command, as one table `{ name: { request, reply, owner, sender? } }`. libs/messaging
 * types `sendCommand` and `serveCommand` from it: the request is checked by the server before
 * its handler runs, the reply by the sender when it arrives (a reply that does not match is
 * DATA_CORRUPT at the sender), so both ends see the same shapes.
 *
 * | command            | owner     | request                                   | reply                           |
 * |--------------------|-----------|-------------------------------------------|---------------------------------|
 * | experiment.create  | scheduler | CreateExperimentInput                     | { experimentId, trialCount }    |
 * | experiment.cancel  | scheduler | { experimentId }                          | { experimentId, status }        |
 * | dataset.register   | scheduler | RegisterDatasetInput                      | { id, name, fingerprint }       |
 * | trial.stop         | scheduler | { trialId, reason? }                      | { trialId, status, stopRequested } |
 * | trial.retry        | scheduler | { trialId }                               | { trialId, status }             |
 * | trial.state        | scheduler | { trialId }                    (worker sends) | { trialId, status, stopRequested, attempt } |
 * | model.register     | registry  | { modelName, trialId, tags?, description?, actor? } | VersionReply + gate   |
 * | model.transition   | registry  | { modelName, version, stage, archiveExisting, override?, reason?, actor? } | VersionReply |
 * | model.setAlias     | registry  | { modelName, alias, version, override?, reason?, actor? } | VersionReply    |
 * | model.edit         | registry  | { modelName, version?, description?, tags?, setDescription, actor? } | VersionReply or { modelName, id } |
 * | model.setPolicy    | registry  | { modelName, policy, reason?, actor? }    | { modelName, id, policy, flipped } |
 * | model.predict      | registry  | { images, modelName, alias?, version? }   | PredictReply                    |
 */
import { z } from 'zod';
import { registerDatasetInputSchema } from './datasets.js';
import { createExperimentInputSchema } from './experiment.js';
import { aliasRule, descriptionRule, MODEL_STAGES, modelNameRule, modelStageRule, tagChangesRule, tagsRule } from './models.js';
import { EXPERIMENT_STATUSES, TRIAL_STATUSES } from './status.js';
import { storableText } from './text.js';

const id = storableText.min(1, { error: 'id must not be empty' });

/** What register / transition / setAlias reply: enough for a caller to read the version back. */
export const versionReplySchema = z.object({
  id: z.string(),
  versionId: z.string(),
  modelName: z.string(),
  version: z.number().int().positive(),
  stage: z.enum(MODEL_STAGES),
  aliases: z.array(z.string()),
});
export type VersionReply = z.infer<typeof versionReplySchema>;

/**
 * Most images one GraphQL `predict` request may carry. The gateway splits a request whose
 * encoded size would exceed the NATS message limit into several `model.predict` commands, so
 * this is the real limit whatever the image size (the HTTP body limit, MAX_BODY_BYTES, bounds
 * the JSON a client can send).
 */
export const MAX_PREDICT_IMAGES = 1000;

export const predictRequestSchema = z.object({
  /** N images of H·W·C values in [0, 1] (the model's input shape; 784 for MNIST); the registry checks the values so that its error names the image. */
  images: z.array(z.array(z.unknown())),
  modelName: modelNameRule,
  alias: aliasRule.nullish(),
  /**
   * Pin to this version (it wins over `alias` and the Production stage). The gateway sends the
   * version that answered the first part of a split request with every later part, so a
   * promotion in between cannot mix two models in one answer.
   */
  version: z.number().int().positive().nullish(),
});
export type PredictRequest = z.infer<typeof predictRequestSchema>;

export const predictReplySchema = z.object({
  classes: z.array(z.number().int()),
  probabilities: z.array(z.array(z.number())),
  modelName: z.string(),
  version: z.number().int().positive(),
  latencyMs: z.number(),
});
export type PredictReply = z.infer<typeof predictReplySchema>;

/** Fields of a stage change asked for by a person: promote despite the gate (with a reason), and who asked. */
const overrideFields = {
  override: z.boolean().default(false),
  reason: storableText.trim().max(2000).nullish(),
  actor: storableText.min(1).max(256).nullish(),
};

/**
 * A model's production gate. Units: accuracy and gap as fractions in [0, 1], latency in ms,
 * size in bytes. Seed values (SEED.md): 99 % accuracy, 100 ms, 10 MB; gap 0.03 (3 points).
 */
export const promotionPolicySchema = z.object({
  /** Lowest test accuracy accepted. */
  minTestAccuracy: z.number().min(0).max(1),
  /** Batch-1 inference latency must stay below this. */
  maxLatencyMs: z.number().positive(),
  /** Saved model size must stay below this. */
  maxModelSizeBytes: z.number().int().positive(),
  /** Overall test accuracy minus the worst class's accuracy, at most. */
  maxClassAccuracyGap: z.number().min(0).max(1),
});
export type PromotionPolicy = z.infer<typeof promotionPolicySchema>;

/** A policy as a caller may change it: each threshold optional (the rest is kept). */
export const promotionPolicyInputSchema = promotionPolicySchema.partial().strict();

export const gateCheckSchema = z.object({
  criterion: z.enum(['test_accuracy', 'inference_latency_ms', 'model_size_bytes', 'class_bias']),
  /** The measured value (class_bias: overall minus worst-class accuracy); null when unknown (fails). */
  measured: z.number().nullable(),
  /** `measured <op> threshold` must hold. */
  op: z.enum(['>=', '<', '<=']),
  threshold: z.number(),
  passed: z.boolean(),
  /** e.g. 'test_accuracy 0.924 < 0.99'. */
  message: z.string(),
});
export type GateCheck = z.infer<typeof gateCheckSchema>;

export const gateVerdictSchema = z.object({
  passed: z.boolean(),
  checks: z.array(gateCheckSchema),
  policy: promotionPolicySchema,
  evaluatedAt: z.string(),
});
export type GateVerdict = z.infer<typeof gateVerdictSchema>;

export const COMMANDS = {
  'experiment.create': {
    owner: 'scheduler',
    request: createExperimentInputSchema,
    reply: z.object({ experimentId: z.string().min(1), trialCount: z.number().int().nonnegative() }),
  },
  'experiment.cancel': {
    owner: 'scheduler',
    request: z.strictObject({ experimentId: id }),
    reply: z.object({ experimentId: z.string(), status: z.enum(EXPERIMENT_STATUSES) }),
  },
  'dataset.register': {
    owner: 'scheduler',
    /** The scheduler applies parseRegisterDatasetInput's cross-field rules and reads the files. */
    request: registerDatasetInputSchema,
    reply: z.object({ id: z.string().min(1), name: z.string(), fingerprint: z.string() }),
  },
  'trial.stop': {
    owner: 'scheduler',
    request: z.strictObject({ trialId: id, reason: storableText.min(1).max(1000).optional() }),
    reply: z.object({ trialId: z.string(), status: z.enum(TRIAL_STATUSES), stopRequested: z.boolean() }),
  },
  'trial.retry': {
    owner: 'scheduler',
    request: z.strictObject({ trialId: id }),
    reply: z.object({ trialId: z.string(), status: z.enum(TRIAL_STATUSES) }),
  },
  'trial.state': {
    owner: 'scheduler',
    /**
     * Asked by a worker before it trains a dispatch (workers hold no database credentials): is
     * the trial still runnable? NOT_FOUND when the trial does not exist; UNAVAILABLE when the
     * scheduler cannot read its database (the worker then holds the delivery and asks again).
     */
    sender: 'worker',
    request: z.strictObject({ trialId: id }),
    reply: z.object({
      trialId: z.string(),
      status: z.enum(TRIAL_STATUSES),
      stopRequested: z.boolean(),
      /** Starts recorded so far (0 before the first trial.started is applied). */
      attempt: z.number().int().nonnegative(),
    }),
  },
  'model.register': {
    owner: 'registry',
    request: z.strictObject({
      modelName: modelNameRule,
      trialId: id,
      tags: tagsRule.nullish(),
      description: descriptionRule.nullish(),
      /** Who asked (the gateway sends the calling token's owner); absent: the registry records itself. */
      actor: storableText.min(1).max(256).nullish(),
    }),
    reply: versionReplySchema.extend({ gate: gateVerdictSchema }),
  },
  'model.transition': {
    owner: 'registry',
    request: z.strictObject({
      modelName: modelNameRule,
      version: z.number().int().positive(),
      stage: modelStageRule,
      archiveExisting: z.boolean().default(true),
      ...overrideFields,
    }),
    reply: versionReplySchema,
  },
  'model.setAlias': {
    owner: 'registry',
    request: z.strictObject({ modelName: modelNameRule, alias: aliasRule, version: z.number().int().positive(), ...overrideFields }),
    reply: versionReplySchema,
  },
  'model.edit': {
    owner: 'registry',
    request: z.strictObject({
      modelName: modelNameRule,
      version: z.number().int().positive().nullish(),
      description: descriptionRule.nullish(),
      tags: tagChangesRule.nullish(),
      /** Distinguishes "clear the description" (true + null) from "leave it" (absent). */
      setDescription: z.boolean().default(false),
      actor: storableText.min(1).max(256).nullish(),
    }),
    reply: z.union([versionReplySchema, z.object({ modelName: z.string(), id: z.string() })]),
  },
  'model.setPolicy': {
    owner: 'registry',
    request: z.strictObject({
      modelName: modelNameRule,
      policy: promotionPolicyInputSchema,
      reason: storableText.trim().max(2000).nullish(),
      actor: storableText.min(1).max(256).nullish(),
    }),
    reply: z.object({ modelName: z.string(), id: z.string(), policy: promotionPolicySchema, flipped: z.array(z.number().int()) }),
  },
  'model.predict': {
    owner: 'registry',
    request: predictRequestSchema,
    reply: predictReplySchema,
  },
} as const satisfies Record<string, { owner: 'scheduler' | 'registry'; sender?: CommandSender; request: z.ZodType; reply: z.ZodType }>;

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** The services that send commands: the gateway (every client request) and workers (trial.state). */
export type CommandSender = 'gateway' | 'worker';

/** Who sends command `name` (its `sender`; the gateway when the table names none). */
export function commandSender(name: CommandName): CommandSender {
  const c = COMMANDS[name];
  return 'sender' in c ? c.sender : 'gateway';
}
/** The commands `S` sends (the table's `sender`; the gateway where it names none): what its send() accepts. */
export type CommandsSentBy<S extends CommandSender> = {
  [N in CommandName]: ((typeof COMMANDS)[N] extends { sender: infer X } ? X : 'gateway') extends S ? N : never;
}[CommandName];

/** What the sender passes (before defaults). */
export type CommandRequestInput<N extends CommandName> = z.input<(typeof COMMANDS)[N]['request']>;
/** What the handler receives (parsed, defaults applied). */
export type CommandRequest<N extends CommandName> = z.output<(typeof COMMANDS)[N]['request']>;
/** What the handler returns and the sender receives. */
export type CommandReplyData<N extends CommandName> = z.output<(typeof COMMANDS)[N]['reply']>;

/** The reply envelope of every command: ok + data, or an AppError's code and message. */
export const commandReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
  }),
]);
export type CommandReply = z.infer<typeof commandReplySchema>;

/**
 * The model registry service: when an experiment finishes it registers the best trial's model
 * as the next version, judges it with the model's production gate (promotion policy, the
 * seed's criteria by default) and, when it passes and beats the Production version on the
 * experiment's objective measured on the same evaluation set (PROMOTION_POLICY=if-better),
 * promotes it to Production (the previous one is archived and `champion` follows); a version
 * that fails stays a candidate with its reasons in the history. It serves model.register /
 * model.transition / model.setAlias / model.update / model.setPolicy / model.predict over NATS.
 * All state lives in Postgres (libs/db).
 *
 * ```ts
 * const registry = createRegistry({ db, messaging, logger, config });
 * await registry.start();
 * const out = await sendCommand(m, 'model.predict', { images: [pixels], modelName: 'Mnist_Best_Model' });
 * await registry.stop();
 * ```
 */
import { resolve } from 'node:path';
import {
  bestTrialOf,
  CHAMPION_ALIAS,
  findExperiment,
  gateSummary,
  getModelByAliasOrStage,
  getModelVersion,
  getOrCreateRegisteredModel,
  getTrial,
  listArtifacts,
  registerModelVersion,
  setAlias,
  transitionStage,
  updateModel,
  type Database,
  type EvaluationSet,
  type Experiment,
  type GateVerdict,
  type ModelVersionView,
  type PromotionPolicy,
  type RegisteredModel,
  type Trial,
} from '@trialgrid/db';
import { BUILTIN_DATASET, datasetRefSchema, MAX_PREDICT_IMAGES, type VersionReply } from '@trialgrid/contracts';
import { AppError, errorMessage, invalidInput } from '@trialgrid/errors';
import { DisposerStack } from '@trialgrid/lifecycle';
import type { Logger } from '@trialgrid/logger';
import {
  consumeJs,
  publishCore,
  type ExperimentFinished,
  type Messaging,
  type PredictReply,
} from '@trialgrid/messaging';
import { initBackend, loadModel, loadTestSplit, type BackendInfo } from '@trialgrid/ml';
import type { Objective } from '@trialgrid/contracts';
import type { RegistryConfig } from './config.js';
import { createModelCache } from './model-cache.js';
import { serveRegistryCommands, toReply } from './registry-commands.js';
import { classBiasGap, judgeGate, measureLatencyMs, modelDirSize, storedMeasurements } from './criteria.js';
import { ensureRegistryConsumer } from './consumer.js';
import { createTestSets, describeEvaluation, evaluateModel, sameEvaluation, testSetSize } from './evaluation.js';

export { CHAMPION_ALIAS };

/** Redelivery backoff of a failed experiment.finished (0.5 s doubling, capped at 5 s). */
export const REGISTRATION_BACKOFF = { initialMs: 500, maxMs: 5_000 } as const;

export interface RegistryDeps {
  db: Database;
  messaging: Messaging;
  logger: Logger;
  config: RegistryConfig;
}

/** What register/transition/setAlias reply (the contracts' command table): enough to read the version back. */
export type { VersionReply } from '@trialgrid/contracts';

export type { PredictInput, RegisterInput, TransitionInput } from './registry-types.js';
import type { PredictInput, RegisterInput, TransitionInput } from './registry-types.js';

export interface PromotionResult {
  version: VersionReply;
  gate: GateVerdict;
  /** False when the version was registered but stays a candidate (gate failed, or Production is better). */
  promoted: boolean;
  /** Why it was or was not promoted (also in the history). */
  why: string;
  /** Versions archived by the promotion. */
  archived: number[];
}

export interface Registry {
  start(): Promise<void>;
  /** Stops consuming and serving, unloads cached models. Idempotent. */
  stop(): Promise<void>;
  /** Register the best SUCCEEDED trial of an experiment and promote it when it earns it (what experiment.finished triggers). */
  promoteBestOf(experimentId: string, modelName?: string): Promise<PromotionResult | null>;
  register(input: RegisterInput): Promise<VersionReply & { gate: GateVerdict }>;
  /** CONFLICT when promoting a version that fails the gate without `override`; INVALID_INPUT for an override without a reason. */
  transition(input: TransitionInput): Promise<VersionReply>;
  /** `champion` promotes the version to Production (same rules as transition); other aliases just move. */
  setAlias(input: { modelName: string; alias: string; version: number; override?: boolean; reason?: string; actor?: string }): Promise<VersionReply>;
  predict(input: PredictInput): Promise<PredictReply>;
}

/** The gate verdict of a stored version under a policy (from the measurements taken at registration). */
export function judgeStoredVersion(metrics: unknown, policy: PromotionPolicy): GateVerdict {
  return judgeGate(storedMeasurements(metrics), policy);
}

const round = (n: number): string => String(Number(n.toFixed(4)));

function numericRecord(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  return out;
}

/** Drops null / undefined fields (zod's nullish inputs → optional properties). */
/**
 * Flattens and checks prediction input: N images of H·W·C finite values in [0, 1] (row-major,
 * channels last), `shape` being the model's input shape (default MNIST's 28×28×1, 784 values).
 */
export function checkImages(images: readonly (readonly unknown[])[], shape: readonly [number, number, number] = [28, 28, 1]): Float32Array {
  if (images.length === 0) throw invalidInput('give at least one image', { field: 'images' });
  if (images.length > MAX_PREDICT_IMAGES) throw invalidInput(`at most ${MAX_PREDICT_IMAGES} images per request`, { field: 'images' });
  const pixels = shape[0] * shape[1] * shape[2];
  const flat = new Float32Array(images.length * pixels);
  images.forEach((img, i) => {
    if (img.length !== pixels) throw invalidInput(`images.${i} must have ${pixels} values (${shape.join('x')}), got ${img.length}`, { field: `images.${i}` });
    for (let j = 0; j < pixels; j++) {
      const v = img[j];
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
        throw invalidInput(`images.${i}[${j}] must be a number in [0, 1], got ${JSON.stringify(v)}`, { field: `images.${i}` });
      }
      flat[i * pixels + j] = v;
    }
  });
  return flat;
}

export function createRegistry(deps: RegistryDeps): Registry {
  const { db, messaging: m, config } = deps;
  const log = deps.logger.child({ component: 'registry' });
  const models = createModelCache({ artifactDir: config.artifactDir, size: config.modelCacheSize ?? 4 });
  const disposers = new DisposerStack(log);
  const testSets = config.dataDir ? createTestSets(resolve(config.dataDir)) : undefined;
  let backend: BackendInfo | undefined;
  let stopping: Promise<void> | undefined;

  function announce(modelName: string, version: number | undefined, event: string): void {
    try {
      publishCore(m, m.subjects.updatesModel, 'model.update', { modelName, version, event });
    } catch (err) {
      log.warn({ modelName, version, event, err }, 'updates.model publish failed');
    }
  }

  /**
   * What the version's test metrics were measured on: the experiment's dataset, the test split,
   * the images counted, and (when the dataset is readable here) the fingerprint of those images.
   */
  async function evaluationOf(trial: Trial, experiment: Experiment | null): Promise<EvaluationSet> {
    const options = (experiment?.options ?? {}) as Record<string, unknown>;
    const dataset = experiment?.dataset ?? 'mnist';
    const size = testSetSize(trial.summary, options['testLimit']);
    let fingerprint: string | null = null;
    // The dataset the experiment pinned at creation (none before the catalog: mnist).
    const pinned = datasetRefSchema.safeParse(options['dataset']);
    const location = pinned.success ? pinned.data.location : dataset === BUILTIN_DATASET ? ({ kind: 'builtin' } as const) : undefined;
    if (location?.kind === 'directory') {
      try {
        const split = await loadTestSplit({ dir: location.path, limit: size, numClasses: pinned.data!.numClasses });
        if (split.count === size) fingerprint = split.fingerprint;
      } catch (err) {
        log.warn({ err, dir: location.path }, 'test split not readable; evaluation set recorded without a fingerprint');
      }
    } else if (testSets && location?.kind === 'builtin') {
      try {
        const split = await testSets.load(size);
        if (split.count === size) fingerprint = split.fingerprint;
      } catch (err) {
        log.warn({ err, dataDir: config.dataDir }, 'test split not readable; evaluation set recorded without a fingerprint');
      }
    }
    return { dataset, split: 'test', size, fingerprint, description: describeEvaluation(dataset, 'test', size) };
  }

  /** Loads the trial's saved model, measures latency and size, and judges it with the model's policy. */
  async function measure(trial: Trial, policy: PromotionPolicy): Promise<{ artifactPath: string; gate: GateVerdict; metrics: Record<string, unknown> }> {
    const modelArtifact = (await listArtifacts(db, trial.id)).find((a) => a.name === 'model');
    if (!modelArtifact) throw new AppError('NOT_FOUND', `trial ${trial.id} has no saved model artifact`, { details: { trialId: trial.id } });
    const dir = models.artifactDir(modelArtifact.path);
    const model = await loadModel(dir);
    try {
      const latencyMs = await measureLatencyMs(model, config.latencyRuns ?? 20);
      const sizeBytes = await modelDirSize(dir);
      const summary = (trial.summary ?? {}) as { perClassAccuracy?: unknown };
      const perClass = Array.isArray(summary.perClassAccuracy) ? summary.perClassAccuracy.filter((v): v is number => typeof v === 'number') : undefined;
      const final = numericRecord(trial.finalMetrics);
      const testAccuracy = final['test_accuracy'];
      const gate = judgeGate({ testAccuracy, perClassAccuracy: perClass, latencyMs, sizeBytes }, policy);
      const gap = classBiasGap(testAccuracy, perClass);
      const metrics = {
        ...final,
        inference_latency_ms_b1: latencyMs,
        model_size_bytes: sizeBytes,
        ...(perClass && perClass.length > 0 ? { worst_class_accuracy: Math.min(...perClass), per_class_accuracy_spread: Math.max(...perClass) - Math.min(...perClass) } : {}),
        ...(gap === null ? {} : { class_bias_gap: gap }),
      };
      return { artifactPath: modelArtifact.path, gate, metrics };
    } finally {
      model.dispose();
    }
  }

  async function registerTrial(
    input: RegisterInput & { reuseExistingForTrial?: boolean; reason?: string },
  ): Promise<{ version: ModelVersionView; created: boolean; gate: GateVerdict; model: RegisteredModel }> {
    const trial = await getTrial(db, input.trialId);
    if (trial.status !== 'SUCCEEDED') {
      throw new AppError('CONFLICT', `trial ${trial.id} is ${trial.status}; only SUCCEEDED trials can be registered`, { details: { status: trial.status } });
    }
    const model = await getOrCreateRegisteredModel(db, input.modelName);
    const experiment = await findExperiment(db, trial.experimentId);
    const [{ artifactPath, gate, metrics }, evaluation] = await Promise.all([measure(trial, model.promotionPolicy), evaluationOf(trial, experiment)]);
    const { version, created } = await registerModelVersion(db, {
      modelName: input.modelName,
      trialId: trial.id,
      experimentId: trial.experimentId,
      artifactPath,
      tags: { ...(input.tags ?? {}), experiment_id: trial.experimentId, trial_id: trial.id },
      metrics,
      description: input.description ?? null,
      evaluation,
      gate,
      actor: input.actor ?? 'registry',
      reason: input.reason ?? null,
      reuseExistingForTrial: input.reuseExistingForTrial ?? false,
    });
    if (created) {
      log.info({ modelName: version.modelName, version: version.version, trialId: trial.id, gate: gateSummary(gate), evaluation: evaluation.description }, 'model version registered');
      announce(version.modelName, version.version, 'REGISTERED');
    }
    return { version, created, gate: version.gate ?? gate, model };
  }

  /**
   * Every stage change goes through here. Entering Production requires the production gate
   * (judged now, under the model's current policy, from the measurements taken at
   * registration); a failing version needs `override` with a reason, and the STAGE event
   * records the verdict and the override.
   */
  async function transition(input: TransitionInput & { automatic?: boolean }): Promise<{ version: ModelVersionView; archived: ModelVersionView[] }> {
    const actor = input.actor ?? 'registry';
    let details: Record<string, unknown> | null = null;
    let reason = input.reason?.trim() || null;
    if (input.stage === 'Production') {
      const [current, model] = await Promise.all([getModelVersion(db, input.modelName, input.version), getOrCreateRegisteredModel(db, input.modelName)]);
      const gate = judgeStoredVersion(current.metrics, model.promotionPolicy);
      if (!gate.passed && current.stage !== 'Production') {
        if (!input.override) {
          throw new AppError('CONFLICT', `${input.modelName} v${input.version} ${gateSummary(gate)}; promote with override and a reason to do it anyway`, {
            details: { modelName: input.modelName, version: input.version, failed: gate.checks.filter((c) => !c.passed).map((c) => c.message) },
          });
        }
        if (!reason) throw invalidInput('an override of the production gate needs a reason', { field: 'reason' });
        reason = `override of the production gate (${gate.checks.filter((c) => !c.passed).map((c) => c.message).join('; ')}): ${reason}`;
      }
      details = { gate, override: !gate.passed && Boolean(input.override) };
    }
    const out = await transitionStage(db, {
      modelName: input.modelName,
      version: input.version,
      stage: input.stage,
      archiveExisting: input.archiveExisting ?? true,
      actor,
      reason,
      details,
    });
    // A version's files never change, but what "Production" means does: drop what moved.
    if (out.changed) models.evict(out.version.id);
    for (const a of out.archived) models.evict(a.id);
    if (out.changed || out.archived.length > 0) {
      log.info({ modelName: input.modelName, version: input.version, stage: input.stage, archived: out.archived.map((a) => a.version), actor }, 'stage changed');
      announce(input.modelName, input.version, `STAGE:${input.stage}`);
    }
    if (out.championChanged) announce(input.modelName, input.version, input.stage === 'Production' ? `ALIAS:${CHAMPION_ALIAS}` : `ALIAS_REMOVED:${CHAMPION_ALIAS}`);
    return { version: out.version, archived: out.archived };
  }

  async function alias(input: { modelName: string; alias: string; version: number; override?: boolean; reason?: string; actor?: string }): Promise<ModelVersionView> {
    if (input.alias === CHAMPION_ALIAS) {
      // champion follows Production: moving it is promoting the version
      return (await transition({ modelName: input.modelName, version: input.version, stage: 'Production', override: input.override ?? false, reason: input.reason, actor: input.actor })).version;
    }
    const v = await setAlias(db, { modelName: input.modelName, alias: input.alias, version: input.version, actor: input.actor ?? 'registry', reason: input.reason ?? null });
    announce(input.modelName, input.version, `ALIAS:${input.alias}`);
    return v;
  }

  /**
   * Champion / challenger, like for like: with the `if-better` policy (the default) a version
   * that passed the gate replaces Production only when it is strictly better on the objective
   * measured on the same evaluation set. When the two were tested on different data, the
   * Production model is evaluated here on the challenger's test set (test_accuracy / test_loss);
   * when that is impossible, Production stays. No Production version, or `always`: promote.
   */
  async function weighAgainstProduction(challenger: ModelVersionView, objective: Objective): Promise<{ promote: boolean; why: string }> {
    if ((config.promotionPolicy ?? 'if-better') === 'always') return { promote: true, why: 'passes the production gate; promotion policy always' };
    const current = await getModelByAliasOrStage(db, challenger.modelName, { stage: 'Production' });
    if (!current || current.id === challenger.id) return { promote: true, why: 'passes the production gate; no other Production version' };
    const metric = objective.metric;
    const mine = numericRecord(challenger.metrics)[metric];
    const on = challenger.evaluation?.description ?? 'an unrecorded evaluation set';
    if (mine === undefined) return { promote: false, why: `has no ${metric} to weigh against Production v${current.version}` };
    let theirs: number | undefined;
    let how: string;
    if (sameEvaluation(challenger.evaluation, current.evaluation)) {
      theirs = numericRecord(current.metrics)[metric];
      how = `on the same evaluation set (${on})`;
    } else if ((metric === 'test_accuracy' || metric === 'test_loss') && challenger.evaluation?.dataset === BUILTIN_DATASET && testSets) {
      // Only mnist's test split is in DATA_DIR; another dataset's versions are compared like for like or not at all.
      try {
        const split = await testSets.load(challenger.evaluation.size);
        if (challenger.evaluation.fingerprint && split.fingerprint !== challenger.evaluation.fingerprint) throw new Error(`the test data in ${config.dataDir} is not the data the challenger was tested on`);
        const measured = await evaluateModel(await models.get(current), split);
        theirs = measured[metric];
        how = `re-evaluated on the challenger's evaluation set (${on}; Production v${current.version} was tested on ${current.evaluation?.description ?? 'an unrecorded set'})`;
      } catch (err) {
        log.warn({ err, modelName: challenger.modelName, production: current.version }, 'could not evaluate Production on the challenger test set');
        return { promote: false, why: `cannot weigh against Production v${current.version} like for like: ${errorMessage(err)}` };
      }
    } else {
      return {
        promote: false,
        why: `cannot weigh against Production v${current.version} like for like: it was evaluated on ${current.evaluation?.description ?? 'an unrecorded set'}, this version on ${on}`,
      };
    }
    if (theirs === undefined) return { promote: false, why: `Production v${current.version} has no ${metric} ${how}` };
    const better = objective.direction === 'MINIMIZE' ? mine < theirs : mine > theirs;
    const text = `${metric} ${round(mine)} ${better ? 'beats' : 'does not beat'} Production v${current.version} (${round(theirs)}) ${how}`;
    return { promote: better, why: text };
  }

  async function promoteBestOf(experimentId: string, modelName?: string): Promise<PromotionResult | null> {
    const experiment = await findExperiment(db, experimentId);
    if (!experiment) throw new AppError('NOT_FOUND', `experiment ${experimentId} not found`);
    const objective: Objective = { metric: experiment.objectiveMetric, direction: experiment.objectiveDirection };
    // The same choice as the scheduler's bestTrial (libs/db bestTrialOf).
    const { best, candidates } = await bestTrialOf(db, experimentId, objective);
    if (!best) {
      log.warn({ experimentId, succeeded: candidates.length, objective }, 'no trial with the objective metric to register');
      return null;
    }
    const name = modelName ?? experiment.modelName ?? config.modelName;
    const reason = `best trial of experiment ${experiment.name} (${experimentId}) by ${objective.metric}`;
    // the stage tag is set once the verdict is known (the demo waits for it)
    const registered = await registerTrial({ modelName: name, trialId: best.id, reuseExistingForTrial: true, reason });
    const v = registered.version;
    if (!registered.created && v.stage !== 'None') {
      // A redelivered experiment.finished whose promotion already happened: promoting again
      // could push back a version that a newer experiment has since replaced.
      log.info({ experimentId, modelName: name, version: v.version, stage: v.stage }, 'already registered and promoted; nothing to do');
      return null;
    }
    const gate = judgeStoredVersion(v.metrics, registered.model.promotionPolicy);
    const verdict = gate.passed ? await weighAgainstProduction(v, objective) : { promote: false, why: gateSummary(gate) };
    if (!verdict.promote) {
      await updateModel(db, { modelName: name, version: v.version, tags: { stage: 'candidate', candidate_reason: verdict.why }, actor: 'registry' });
      log.info({ experimentId, modelName: name, version: v.version, trialId: best.id, why: verdict.why }, 'best trial registered as a candidate; Production kept');
      announce(name, v.version, 'CANDIDATE');
      return { version: toReply(v), gate, promoted: false, why: verdict.why, archived: [] };
    }
    await updateModel(db, { modelName: name, version: v.version, tags: { stage: 'production', candidate_reason: null }, actor: 'registry' });
    const moved = await transition({ modelName: name, version: v.version, stage: 'Production', archiveExisting: true, reason: `${reason}: ${verdict.why}` });
    log.info({ experimentId, modelName: name, version: v.version, trialId: best.id, why: verdict.why }, 'best trial promoted to Production');
    return { version: toReply(moved.version), gate, promoted: true, why: verdict.why, archived: moved.archived.map((a) => a.version) };
  }

  async function predict(input: PredictInput): Promise<PredictReply> {
    // A pinned version (a later part of a request the gateway split) wins over alias and stage.
    const version = input.version
      ? await getModelVersion(db, input.modelName, input.version)
      : await getModelByAliasOrStage(db, input.modelName, input.alias ? { alias: input.alias } : { stage: 'Production' });
    if (!version) {
      throw new AppError('NOT_FOUND', input.alias ? `model ${input.modelName} has no alias ${input.alias}` : `model ${input.modelName} has no Production version`, {
        details: { modelName: input.modelName, ...(input.alias ? { alias: input.alias } : {}) },
      });
    }
    const model = await models.get(version);
    // The pixel count is the model's: its dataset's image shape.
    const flat = checkImages(input.images, model.spec.inputShape);
    const t0 = performance.now();
    const out = await model.predict(flat, input.images.length);
    const latencyMs = performance.now() - t0;
    return { classes: out.classes, probabilities: out.probabilities, modelName: version.modelName, version: version.version, latencyMs };
  }

  async function onExperimentFinished(data: ExperimentFinished): Promise<void> {
    if (data.status !== 'SUCCEEDED') {
      log.info({ experimentId: data.experimentId, status: data.status }, 'experiment did not succeed; nothing to register');
      return;
    }
    await promoteBestOf(data.experimentId, data.modelName || undefined);
  }

  return {
    async start() {
      // Registered first, so it runs last: unload the models once nothing uses them.
      disposers.add('model cache', () => models.clear());
      backend = await initBackend(config.backend);
      log.info({ backend: backend.name, versions: backend.versions }, 'inference backend ready');
      disposers.add('commands', serveRegistryCommands({ db, m, log, announce, registerTrial, transition, alias, predict, judgeStoredVersion }));
      if (config.autoRegister) {
        await ensureRegistryConsumer(m, log);
        const consumer = consumeJs(m, {
          stream: m.streams.events,
          consumer: m.streams.registryConsumer,
          type: 'experiment.finished',
          logger: log,
          // measuring latency and loading a model can outlast the ack wait
          autoWorkingMs: 5000,
          // Its handler fails only while Postgres or NATS is unreachable: retry often enough that
          // registration resumes within seconds of recovery, not after a minute-long backoff.
          backoff: REGISTRATION_BACKOFF,
          handler: (data) => onExperimentFinished(data),
        });
        disposers.add('experiment.finished consumer', () => consumer.stop());
      }
      // Subscriptions must be registered with the server before we report ready.
      await m.nc.flush();
      log.info({ autoRegister: config.autoRegister }, 'registry serving model commands');
    },

    stop() {
      stopping ??= disposers.dispose();
      return stopping;
    },

    promoteBestOf,
    async register(input) {
      const r = await registerTrial(input);
      return { ...toReply(r.version), gate: r.gate };
    },
    async transition(input) {
      return toReply((await transition(input)).version);
    },
    async setAlias(input) {
      return toReply(await alias(input));
    },
    predict,
  };
}

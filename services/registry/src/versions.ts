/**
 * Model versions, the registry's write side: registering a trial's saved model as a version
 * (measured: latency, size, per-class accuracy; judged by the model's production gate; with the
 * evaluation set it was tested on), stage transitions (entering Production passes the gate or
 * needs an override with a reason) and aliases (`champion` follows Production). Every change is
 * announced on `updates.model`. createRegistry (registry.ts) composes it with promotion.ts and
 * prediction.ts over one RegistryContext.
 */
import {
  CHAMPION_ALIAS,
  findExperiment,
  gateSummary,
  getModelVersion,
  getOrCreateRegisteredModel,
  getTrial,
  listArtifacts,
  registerModelVersion,
  setAlias,
  transitionStage,
  type Database,
  type EvaluationSet,
  type Experiment,
  type GateVerdict,
  type ModelVersionView,
  type PromotionPolicy,
  type RegisteredModel,
  type Trial,
} from '@trialgrid/db';
import { BUILTIN_DATASET, datasetRefSchema } from '@trialgrid/contracts';
import { AppError, invalidInput } from '@trialgrid/errors';
import type { Logger } from '@trialgrid/logger';
import { loadModel, loadTestSplit } from '@trialgrid/ml';
import type { RegistryConfig } from './config.js';
import type { ModelCache } from './model-cache.js';
import { classBiasGap, judgeGate, judgeStoredVersion, measureLatencyMs, modelDirSize, numericRecord } from './criteria.js';
import { describeEvaluation, testSetSize, type TestSets } from './evaluation.js';
import type { RegisterInput, TransitionInput } from './registry-types.js';

/** What the registry's parts share: its database, logger, settings, model cache and test sets. */
export interface RegistryContext {
  db: Database;
  log: Logger;
  config: RegistryConfig;
  /** Loaded models by version (prediction, re-evaluation of Production); stage changes evict. */
  models: ModelCache;
  /** MNIST's test split read from DATA_DIR, by size; undefined without a DATA_DIR. */
  testSets: TestSets | undefined;
  /** Publishes a `model.update` (best effort: a failed publish is logged, not thrown). */
  announce: (modelName: string, version: number | undefined, event: string) => void;
}

/** A stage change as the registry applies it; `automatic` marks the registry's own promotions. */
export type StageChange = TransitionInput & { automatic?: boolean };

/** Moving an alias (`champion` = promoting to Production, with the same gate). */
export interface AliasChange {
  modelName: string;
  alias: string;
  version: number;
  override?: boolean;
  reason?: string;
  actor?: string;
}

export interface VersionOps {
  /**
   * Registers a SUCCEEDED trial's model (CONFLICT for any other status; NOT_FOUND without a
   * saved model artifact). `reuseExistingForTrial` returns the trial's existing version instead
   * of adding one (`created` false): what a redelivered experiment.finished needs.
   */
  registerTrial: (
    input: RegisterInput & { reuseExistingForTrial?: boolean; reason?: string },
  ) => Promise<{ version: ModelVersionView; created: boolean; gate: GateVerdict; model: RegisteredModel }>;
  /** CONFLICT when entering Production fails the gate without `override`; INVALID_INPUT for an override without a reason. */
  transition: (input: StageChange) => Promise<{ version: ModelVersionView; archived: ModelVersionView[] }>;
  alias: (input: AliasChange) => Promise<ModelVersionView>;
}

/** The version operations over `ctx` (see VersionOps). */
export function createVersionOps(ctx: RegistryContext): VersionOps {
  const { db, log, config, models, testSets, announce } = ctx;

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
  async function transition(input: StageChange): Promise<{ version: ModelVersionView; archived: ModelVersionView[] }> {
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

  async function alias(input: AliasChange): Promise<ModelVersionView> {
    if (input.alias === CHAMPION_ALIAS) {
      // champion follows Production: moving it is promoting the version
      return (await transition({ modelName: input.modelName, version: input.version, stage: 'Production', override: input.override ?? false, reason: input.reason, actor: input.actor })).version;
    }
    const v = await setAlias(db, { modelName: input.modelName, alias: input.alias, version: input.version, actor: input.actor ?? 'registry', reason: input.reason ?? null });
    announce(input.modelName, input.version, `ALIAS:${input.alias}`);
    return v;
  }

  return { registerTrial, transition, alias };
}

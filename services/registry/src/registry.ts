/**
 * The model registry service: when an experiment finishes it registers the best trial's model
 * as the next version and, when it beats the Production version on the experiment's objective
 * (PROMOTION_POLICY=if-better), promotes it to Production (archiving the previous one) and
 * points the `champion` alias at it; it serves model.register / model.transition /
 * model.setAlias / model.predict over NATS. All state lives in Postgres (libs/db).
 *
 * ```ts
 * const registry = createRegistry({ db, messaging, logger, config });
 * await registry.start();
 * const out = await sendCommand(m, 'model.predict', { images: [pixels], modelName: 'Mnist_Best_Model' });
 * await registry.stop();
 * ```
 */
import { resolve, sep } from 'node:path';
import { z } from '@trialgrid/config';
import {
  findExperiment,
  getModelByAliasOrStage,
  getTrial,
  latestMetrics,
  listArtifacts,
  listTrials,
  MODEL_STAGES,
  registerModelVersion,
  setAlias,
  transitionStage,
  type Database,
  type ModelStage,
  type ModelVersionView,
  type Trial,
} from '@trialgrid/db';
import { AppError, errorMessage, invalidInput } from '@trialgrid/errors';
import type { Logger } from '@trialgrid/logger';
import {
  consumeJs,
  publishCore,
  serveCommand,
  type ConsumerHandle,
  type ExperimentFinished,
  type Messaging,
  predictRequestSchema,
  type PredictReply,
} from '@trialgrid/messaging';
import { initBackend, loadModel, type BackendInfo, type TrainedModel } from '@trialgrid/ml';
import { selectBestTrial, type BestTrialCandidate, type Objective } from '@trialgrid/sweep';
import type { RegistryConfig } from './config.js';
import { evaluateCriteria, measureLatencyMs, modelDirSize, type ProductionCriteria } from './criteria.js';
import { ensureRegistryConsumer } from './consumer.js';

export const CHAMPION_ALIAS = 'champion';
const IMAGE_SIZE = 28 * 28;
const MAX_PREDICT_IMAGES = 1000;

export interface RegistryDeps {
  db: Database;
  messaging: Messaging;
  logger: Logger;
  config: RegistryConfig;
}

/** What register/transition/setAlias reply: enough for a caller to read the version back. */
export interface VersionReply {
  id: string;
  versionId: string;
  modelName: string;
  version: number;
  stage: ModelStage;
  aliases: string[];
}

export interface PredictInput {
  /** N images, each 784 values in [0, 1] (checked; anything else is INVALID_INPUT). */
  images: readonly (readonly unknown[])[];
  modelName: string;
  alias?: string | undefined;
}

export interface RegisterInput {
  modelName: string;
  trialId: string;
  tags?: Record<string, unknown> | undefined;
}

export interface PromotionResult {
  version: VersionReply;
  criteria: ProductionCriteria;
  /** False when the version was registered but the Production version it was weighed against is better. */
  promoted: boolean;
  /** Versions archived by the promotion. */
  archived: number[];
}

export interface Registry {
  start(): Promise<void>;
  /** Stops consuming and serving, unloads cached models. Idempotent. */
  stop(): Promise<void>;
  /** Register the best SUCCEEDED trial of an experiment and promote it (what experiment.finished triggers). */
  promoteBestOf(experimentId: string, modelName?: string): Promise<PromotionResult | null>;
  register(input: RegisterInput): Promise<VersionReply & { criteria: ProductionCriteria }>;
  transition(input: { modelName: string; version: number; stage: ModelStage; archiveExisting?: boolean }): Promise<VersionReply>;
  setAlias(input: { modelName: string; alias: string; version: number }): Promise<VersionReply>;
  predict(input: PredictInput): Promise<PredictReply>;
}

const registerSchema = z.object({
  modelName: z.string().min(1),
  trialId: z.string().min(1),
  tags: z.record(z.string(), z.unknown()).nullish(),
});
const transitionSchema = z.object({
  modelName: z.string().min(1),
  version: z.number().int().positive(),
  stage: z.enum(MODEL_STAGES),
  archiveExisting: z.boolean().default(true),
});
const aliasSchema = z.object({ modelName: z.string().min(1), alias: z.string().min(1), version: z.number().int().positive() });

function toReply(v: ModelVersionView): VersionReply {
  return { id: v.id, versionId: v.id, modelName: v.modelName, version: v.version, stage: v.stage, aliases: v.aliases };
}

function numericRecord(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  return out;
}

/** Flattens and checks prediction input: N images of 784 finite values in [0, 1]. */
export function checkImages(images: readonly (readonly unknown[])[]): Float32Array {
  if (images.length === 0) throw invalidInput('give at least one image', { field: 'images' });
  if (images.length > MAX_PREDICT_IMAGES) throw invalidInput(`at most ${MAX_PREDICT_IMAGES} images per request`, { field: 'images' });
  const flat = new Float32Array(images.length * IMAGE_SIZE);
  images.forEach((img, i) => {
    if (img.length !== IMAGE_SIZE) throw invalidInput(`images.${i} must have ${IMAGE_SIZE} values (28x28), got ${img.length}`, { field: `images.${i}` });
    for (let j = 0; j < IMAGE_SIZE; j++) {
      const v = img[j];
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
        throw invalidInput(`images.${i}[${j}] must be a number in [0, 1], got ${JSON.stringify(v)}`, { field: `images.${i}` });
      }
      flat[i * IMAGE_SIZE + j] = v;
    }
  });
  return flat;
}

export function createRegistry(deps: RegistryDeps): Registry {
  const { db, messaging: m, config } = deps;
  const log = deps.logger.child({ component: 'registry' });
  const artifactRoot = resolve(config.artifactDir);
  const cacheSize = Math.max(1, config.modelCacheSize ?? 4);
  /** Loaded models by version id (insertion order = least recently used first). */
  const cache = new Map<string, Promise<TrainedModel>>();
  const stoppers: (() => void)[] = [];
  let consumer: ConsumerHandle | undefined;
  let backend: BackendInfo | undefined;
  let stopping: Promise<void> | undefined;

  function artifactDir(relPath: string): string {
    const abs = resolve(artifactRoot, relPath);
    if (!abs.startsWith(artifactRoot + sep)) throw new AppError('DATA_CORRUPT', `artifact path ${relPath} escapes the artifact store`);
    return abs;
  }

  function announce(modelName: string, version: number, event: string): void {
    try {
      publishCore(m, m.subjects.updatesModel, 'model.update', { modelName, version, event });
    } catch (err) {
      log.warn({ modelName, version, event, err: errorMessage(err) }, 'updates.model publish failed');
    }
  }

  function evict(versionId: string): void {
    const entry = cache.get(versionId);
    if (!entry) return;
    cache.delete(versionId);
    void entry.then(
      (model) => model.dispose(),
      () => undefined,
    );
  }

  function cachedModel(version: ModelVersionView): Promise<TrainedModel> {
    let entry = cache.get(version.id);
    if (entry) {
      // refresh its place in the LRU order
      cache.delete(version.id);
      cache.set(version.id, entry);
      return entry;
    }
    entry = loadModel(artifactDir(version.artifactPath));
    cache.set(version.id, entry);
    entry.catch(() => cache.delete(version.id));
    while (cache.size > cacheSize) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      evict(oldest);
    }
    return entry;
  }

  /** Loads the trial's saved model, measures latency and size, and judges the production criteria. */
  async function measure(trial: Trial): Promise<{ artifactPath: string; criteria: ProductionCriteria }> {
    const modelArtifact = (await listArtifacts(db, trial.id)).find((a) => a.name === 'model');
    if (!modelArtifact) throw new AppError('NOT_FOUND', `trial ${trial.id} has no saved model artifact`, { details: { trialId: trial.id } });
    const dir = artifactDir(modelArtifact.path);
    const model = await loadModel(dir);
    try {
      const latencyMs = await measureLatencyMs(model, config.latencyRuns ?? 20);
      const sizeBytes = await modelDirSize(dir);
      const summary = (trial.summary ?? {}) as { perClassAccuracy?: unknown };
      const perClass = Array.isArray(summary.perClassAccuracy) ? summary.perClassAccuracy.filter((v): v is number => typeof v === 'number') : undefined;
      const criteria = evaluateCriteria({ testAccuracy: numericRecord(trial.finalMetrics)['test_accuracy'], perClassAccuracy: perClass, latencyMs, sizeBytes });
      return { artifactPath: modelArtifact.path, criteria };
    } finally {
      model.dispose();
    }
  }

  async function registerTrial(
    input: RegisterInput & { reuseExistingForTrial?: boolean; reason?: string },
  ): Promise<{ version: ModelVersionView; created: boolean; criteria: ProductionCriteria }> {
    const trial = await getTrial(db, input.trialId);
    if (trial.status !== 'SUCCEEDED') {
      throw new AppError('CONFLICT', `trial ${trial.id} is ${trial.status}; only SUCCEEDED trials can be registered`, { details: { status: trial.status } });
    }
    const { artifactPath, criteria } = await measure(trial);
    const metrics = {
      ...numericRecord(trial.finalMetrics),
      inference_latency_ms_b1: criteria.inference_latency_ms_b1,
      model_size_bytes: criteria.model_size_bytes,
      ...(criteria.per_class_accuracy_spread === null ? {} : { per_class_accuracy_spread: criteria.per_class_accuracy_spread }),
      meets_production_criteria: criteria.meets_all,
    };
    const { version, created } = await registerModelVersion(db, {
      modelName: input.modelName,
      trialId: trial.id,
      experimentId: trial.experimentId,
      artifactPath,
      tags: { ...(input.tags ?? {}), experiment_id: trial.experimentId, trial_id: trial.id, production_criteria: criteria },
      metrics,
      actor: 'registry',
      reason: input.reason ?? null,
      reuseExistingForTrial: input.reuseExistingForTrial ?? false,
    });
    if (created) {
      log.info({ modelName: version.modelName, version: version.version, trialId: trial.id, criteria }, 'model version registered');
      announce(version.modelName, version.version, 'REGISTERED');
    }
    return { version, created, criteria };
  }

  async function transition(input: { modelName: string; version: number; stage: ModelStage; archiveExisting?: boolean; reason?: string }): Promise<{
    version: ModelVersionView;
    archived: ModelVersionView[];
  }> {
    const out = await transitionStage(db, {
      modelName: input.modelName,
      version: input.version,
      stage: input.stage,
      archiveExisting: input.archiveExisting ?? true,
      actor: 'registry',
      reason: input.reason ?? null,
    });
    // A version's files never change, but what "Production" means does: drop what moved.
    if (out.changed) evict(out.version.id);
    for (const a of out.archived) evict(a.id);
    if (out.changed || out.archived.length > 0) {
      log.info({ modelName: input.modelName, version: input.version, stage: input.stage, archived: out.archived.map((a) => a.version) }, 'stage changed');
      announce(input.modelName, input.version, `STAGE:${input.stage}`);
    }
    return { version: out.version, archived: out.archived };
  }

  async function alias(input: { modelName: string; alias: string; version: number; reason?: string }): Promise<ModelVersionView> {
    const v = await setAlias(db, { ...input, actor: 'registry', reason: input.reason ?? null });
    announce(input.modelName, input.version, `ALIAS:${input.alias}`);
    return v;
  }

  /**
   * Champion / challenger: with the `if-better` policy (the default) an experiment's best trial
   * replaces the Production version only when it is strictly better on the objective metric, so
   * a quick check run never demotes a good model. No Production version, one without that
   * metric, or the `always` policy: promote.
   */
  async function weighAgainstProduction(modelName: string, best: BestTrialCandidate, objective: Objective): Promise<{ promote: boolean; why: string }> {
    if ((config.promotionPolicy ?? 'if-better') === 'always') return { promote: true, why: 'policy always' };
    const current = await getModelByAliasOrStage(db, modelName, { stage: 'Production' }).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return null; // the model's first version
      throw err;
    });
    if (!current || current.trialId === best.id) return { promote: true, why: 'no other Production version' };
    const mine = best.finalMetrics?.[objective.metric];
    const theirs = numericRecord(current.metrics)[objective.metric];
    if (mine === undefined || theirs === undefined) return { promote: true, why: `Production v${current.version} has no ${objective.metric}` };
    const better = objective.direction === 'MINIMIZE' ? mine < theirs : mine > theirs;
    return better
      ? { promote: true, why: `${objective.metric} ${mine} beats Production v${current.version} (${theirs})` }
      : { promote: false, why: `${objective.metric} ${mine} does not beat Production v${current.version} (${theirs})` };
  }

  async function promoteBestOf(experimentId: string, modelName?: string): Promise<PromotionResult | null> {
    const experiment = await findExperiment(db, experimentId);
    if (!experiment) throw new AppError('NOT_FOUND', `experiment ${experimentId} not found`);
    const trials: Trial[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await listTrials(db, experimentId, { first: 1000, offset, status: 'SUCCEEDED' });
      trials.push(...page.nodes);
      if (!page.hasNextPage) break;
    }
    const latest = await latestMetrics(
      db,
      trials.map((t) => t.id),
    );
    const candidates: BestTrialCandidate[] = trials.map((t) => {
      const last = latest.get(t.id) ?? {};
      return {
        id: t.id,
        finalMetrics: numericRecord(t.finalMetrics),
        lastEpoch: { train_accuracy: last['train_accuracy']?.value, val_accuracy: last['val_accuracy']?.value, val_loss: last['val_loss']?.value },
      };
    });
    const objective: Objective = { metric: experiment.objectiveMetric, direction: experiment.objectiveDirection };
    const best = selectBestTrial(candidates, objective);
    if (!best) {
      log.warn({ experimentId, succeeded: trials.length }, 'no trial with the objective metric to register');
      return null;
    }
    const name = modelName ?? experiment.modelName ?? config.modelName;
    const verdict = await weighAgainstProduction(name, best, objective);
    const reason = `best trial of experiment ${experiment.name} (${experimentId}) by ${objective.metric}${verdict.promote ? '' : `; not promoted: ${verdict.why}`}`;
    const registered = await registerTrial({ modelName: name, trialId: best.id, tags: { stage: verdict.promote ? 'production' : 'candidate' }, reuseExistingForTrial: true, reason });
    if (!registered.created && registered.version.stage !== 'None') {
      // A redelivered experiment.finished whose promotion already happened: promoting again
      // could push back a version that a newer experiment has since replaced.
      const v = registered.version;
      if (v.stage === 'Production' && !v.aliases.includes(CHAMPION_ALIAS)) {
        // the earlier attempt stopped between the promotion and the alias
        const champion = await alias({ modelName: name, alias: CHAMPION_ALIAS, version: v.version, reason });
        return { version: toReply(champion), criteria: registered.criteria, promoted: true, archived: [] };
      }
      log.info({ experimentId, modelName: name, version: v.version, stage: v.stage }, 'already registered and promoted; nothing to do');
      return null;
    }
    if (!verdict.promote) {
      log.info({ experimentId, modelName: name, version: registered.version.version, trialId: best.id, why: verdict.why }, 'best trial registered, Production kept');
      return { version: toReply(registered.version), criteria: registered.criteria, promoted: false, archived: [] };
    }
    const moved = await transition({ modelName: name, version: registered.version.version, stage: 'Production', archiveExisting: true, reason });
    const champion = await alias({ modelName: name, alias: CHAMPION_ALIAS, version: registered.version.version, reason });
    log.info(
      { experimentId, modelName: name, version: champion.version, trialId: best.id, meetsProductionCriteria: registered.criteria.meets_all },
      'best trial promoted to Production',
    );
    return { version: toReply(champion), criteria: registered.criteria, promoted: true, archived: moved.archived.map((a) => a.version) };
  }

  async function predict(input: PredictInput): Promise<PredictReply> {
    const flat = checkImages(input.images);
    const version = await getModelByAliasOrStage(db, input.modelName, input.alias ? { alias: input.alias } : { stage: 'Production' });
    if (!version) {
      throw new AppError('NOT_FOUND', input.alias ? `model ${input.modelName} has no alias ${input.alias}` : `model ${input.modelName} has no Production version`, {
        details: { modelName: input.modelName, ...(input.alias ? { alias: input.alias } : {}) },
      });
    }
    const model = await cachedModel(version);
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
      backend = await initBackend(config.backend);
      log.info({ backend: backend.name, versions: backend.versions }, 'inference backend ready');
      const serveOpts = { logger: log };
      stoppers.push(
        serveCommand(
          m,
          'model.register',
          registerSchema,
          async (input) => {
            const r = await registerTrial({ modelName: input.modelName, trialId: input.trialId, tags: input.tags ?? undefined });
            return { ...toReply(r.version), criteria: r.criteria };
          },
          serveOpts,
        ),
        serveCommand(m, 'model.transition', transitionSchema, async (input) => toReply((await transition(input)).version), serveOpts),
        serveCommand(m, 'model.setAlias', aliasSchema, async (input) => toReply(await alias(input)), serveOpts),
        serveCommand(m, 'model.predict', predictRequestSchema, (input) => predict({ images: input.images, modelName: input.modelName, alias: input.alias ?? undefined }), serveOpts),
      );
      if (config.autoRegister) {
        await ensureRegistryConsumer(m, log);
        consumer = consumeJs(m, {
          stream: m.streams.events,
          consumer: m.streams.registryConsumer,
          type: 'experiment.finished',
          logger: log,
          // measuring latency and loading a model can outlast the ack wait
          autoWorkingMs: 5000,
          handler: (data) => onExperimentFinished(data),
        });
      }
      // Subscriptions must be registered with the server before we report ready.
      await m.nc.flush();
      log.info({ autoRegister: config.autoRegister }, 'registry serving model commands');
    },

    stop() {
      stopping ??= (async () => {
        for (const s of stoppers.splice(0)) s();
        await consumer?.stop();
        for (const id of [...cache.keys()]) evict(id);
      })();
      return stopping;
    },

    promoteBestOf,
    async register(input) {
      const r = await registerTrial(input);
      return { ...toReply(r.version), criteria: r.criteria };
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

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
 *
 * The parts: versions.ts (register, stage, alias), promotion.ts (what experiment.finished
 * triggers), prediction.ts (model.predict), registry-commands.ts (the NATS commands), criteria.ts
 * (the production gate), evaluation.ts (test sets), model-cache.ts, consumer.ts.
 */
import { resolve } from 'node:path';
import { CHAMPION_ALIAS, type Database, type GateVerdict } from '@trialgrid/db';
import type { VersionReply } from '@trialgrid/contracts';
import { DisposerStack } from '@trialgrid/lifecycle';
import type { Logger } from '@trialgrid/logger';
import { consumeJs, publishCore, type Messaging, type PredictReply } from '@trialgrid/messaging';
import { initBackend, type BackendInfo } from '@trialgrid/ml';
import type { RegistryConfig } from './config.js';
import { createModelCache } from './model-cache.js';
import { serveRegistryCommands, toReply } from './registry-commands.js';
import { judgeStoredVersion } from './criteria.js';
import { ensureRegistryConsumer } from './consumer.js';
import { createTestSets } from './evaluation.js';
import { createPredictor } from './prediction.js';
import { createPromotion, type PromotionResult } from './promotion.js';
import { createVersionOps, type AliasChange, type RegistryContext } from './versions.js';
import type { PredictInput, RegisterInput, TransitionInput } from './registry-types.js';

export { CHAMPION_ALIAS };
export { checkImages } from './prediction.js';
export { judgeStoredVersion } from './criteria.js';
export type { PromotionResult } from './promotion.js';
/** What register/transition/setAlias reply (the contracts' command table): enough to read the version back. */
export type { VersionReply } from '@trialgrid/contracts';
export type { PredictInput, RegisterInput, TransitionInput } from './registry-types.js';

/** Redelivery backoff of a failed experiment.finished (0.5 s doubling, capped at 5 s). */
export const REGISTRATION_BACKOFF = { initialMs: 500, maxMs: 5_000 } as const;

export interface RegistryDeps {
  db: Database;
  messaging: Messaging;
  logger: Logger;
  config: RegistryConfig;
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
  setAlias(input: AliasChange): Promise<VersionReply>;
  predict(input: PredictInput): Promise<PredictReply>;
}

/**
 * The registry's parts over one context: versions.ts (register, stage, alias), promotion.ts
 * (the experiment.finished consumer's work), prediction.ts, and the NATS commands
 * (registry-commands.ts) that expose them.
 */
export function createRegistry(deps: RegistryDeps): Registry {
  const { db, messaging: m, config } = deps;
  const log = deps.logger.child({ component: 'registry' });
  const disposers = new DisposerStack(log);
  let backend: BackendInfo | undefined;
  let stopping: Promise<void> | undefined;

  function announce(modelName: string, version: number | undefined, event: string): void {
    try {
      publishCore(m, m.subjects.updatesModel, 'model.update', { modelName, version, event });
    } catch (err) {
      log.warn({ modelName, version, event, err }, 'updates.model publish failed');
    }
  }

  const ctx: RegistryContext = {
    db,
    log,
    config,
    models: createModelCache({ artifactDir: config.artifactDir, size: config.modelCacheSize ?? 4 }),
    testSets: config.dataDir ? createTestSets(resolve(config.dataDir)) : undefined,
    announce,
  };
  const { models } = ctx;
  const versions = createVersionOps(ctx);
  const { registerTrial, transition, alias } = versions;
  const { promoteBestOf, onExperimentFinished } = createPromotion(ctx, versions);
  const predict = createPredictor(ctx);

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

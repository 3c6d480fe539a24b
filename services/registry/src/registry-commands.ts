/**
 * The registry's commands (shapes: the command table of @trialgrid/contracts): model.register,
 * model.transition, model.setAlias, model.edit, model.setPolicy, model.predict. Each handler is
 * thin: the work is done by the registry functions passed in, or by libs/db repositories.
 */
import { getOrCreateRegisteredModel, setPromotionPolicy, updateModel, type Database, type ModelVersionView, type RegisteredModel } from '@trialgrid/db';
import type { GateVerdict, PredictReply, PromotionPolicy, VersionReply } from '@trialgrid/contracts';
import type { Logger } from '@trialgrid/logger';
import { serveCommand, type Messaging } from '@trialgrid/messaging';
import type { PredictInput, RegisterInput, TransitionInput } from './registry-types.js';

export interface RegistryOperations {
  db: Database;
  m: Messaging;
  log: Logger;
  announce: (modelName: string, version: number | undefined, event: string) => void;
  registerTrial: (input: RegisterInput) => Promise<{ version: ModelVersionView; gate: GateVerdict; model: RegisteredModel }>;
  transition: (input: TransitionInput) => Promise<{ version: ModelVersionView }>;
  alias: (input: { modelName: string; alias: string; version: number; override?: boolean; reason?: string; actor?: string }) => Promise<ModelVersionView>;
  predict: (input: PredictInput) => Promise<PredictReply>;
  /** The gate verdict of a stored version under a policy. */
  judgeStoredVersion: (metrics: unknown, policy: PromotionPolicy) => GateVerdict;
}

export function toReply(v: ModelVersionView): VersionReply {
  return { id: v.id, versionId: v.id, modelName: v.modelName, version: v.version, stage: v.stage, aliases: v.aliases };
}

function withoutNullish<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]: Exclude<T[K], null> };
}

/** Serves every registry command; returns one disposer for all of them. */
export function serveRegistryCommands(ops: RegistryOperations): () => void {
  const { db, m, log, announce, registerTrial, transition, alias, predict, judgeStoredVersion } = ops;
  const serveOpts = { logger: log };
  const stops = [
    serveCommand(
      m,
      'model.register',
      async (input) => {
        const r = await registerTrial({
          modelName: input.modelName,
          trialId: input.trialId,
          tags: input.tags ?? undefined,
          description: input.description ?? undefined,
          actor: input.actor ?? undefined,
        });
        return { ...toReply(r.version), gate: { ...r.gate } };
      },
      serveOpts,
    ),
    serveCommand(m, 'model.transition', async (input) => toReply((await transition(withoutNullish(input))).version), serveOpts),
    serveCommand(m, 'model.setAlias', async (input) => toReply(await alias(withoutNullish(input))), serveOpts),
    serveCommand(
      m,
      'model.edit',
      async (input) => {
        const out = await updateModel(db, {
          modelName: input.modelName,
          version: input.version ?? null,
          ...(input.setDescription || input.description ? { description: input.description ?? null } : {}),
          ...(input.tags ? { tags: input.tags } : {}),
          actor: input.actor ?? 'registry',
        });
        announce(input.modelName, input.version ?? undefined, 'UPDATED');
        return out.version ? toReply(out.version) : { modelName: out.model.name, id: out.model.id };
      },
      serveOpts,
    ),
    serveCommand(
      m,
      'model.setPolicy',
      async (input) => {
        const current = await getOrCreateRegisteredModel(db, input.modelName);
        const policy = { ...current.promotionPolicy, ...withoutNullish(input.policy) };
        const out = await setPromotionPolicy(db, {
          modelName: input.modelName,
          policy,
          judge: (v, p) => judgeStoredVersion(v.metrics, p),
          actor: input.actor ?? 'registry',
          reason: input.reason ?? null,
        });
        log.info({ modelName: input.modelName, policy, flipped: out.flipped }, 'promotion policy changed');
        announce(input.modelName, undefined, 'POLICY');
        return { modelName: out.model.name, id: out.model.id, policy: out.model.promotionPolicy, flipped: out.flipped };
      },
      serveOpts,
    ),
    serveCommand(
      m,
      'model.predict',
      (input) => predict({ images: input.images, modelName: input.modelName, alias: input.alias ?? undefined, version: input.version ?? undefined }),
      serveOpts,
    ),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

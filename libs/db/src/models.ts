import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { AppError, invalidInput, notFound } from '@trialgrid/errors';
import type { DbExecutor } from './client.js';
import { isUuid, withDbErrors } from './errors.js';
import { MODEL_STAGES, modelAliases, modelEvents, modelVersions, registeredModels, type ModelStage } from './schema.js';

export type RegisteredModel = typeof registeredModels.$inferSelect;
export type ModelVersion = typeof modelVersions.$inferSelect;
export type ModelEvent = typeof modelEvents.$inferSelect;

/** A version as readers want it: with its model's name and the aliases pointing at it. */
export type ModelVersionView = ModelVersion & { modelName: string; aliases: string[] };

export type RegisteredModelSummary = RegisteredModel & {
  versionCount: number;
  latestVersion: number | null;
  /** Highest version currently in each stage (absent when none). */
  latestByStage: Partial<Record<ModelStage, number>>;
};

/** A history entry with the version number it concerns (null when the version was deleted). */
export type ModelEventView = ModelEvent & { version: number | null };

const ALIAS_RE = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

function checkName(name: string): void {
  if (typeof name !== 'string' || name.trim() === '' || name.length > 256) throw invalidInput('model name must be 1..256 characters', { field: 'modelName' });
}

function checkStage(stage: string): asserts stage is ModelStage {
  if (!(MODEL_STAGES as readonly string[]).includes(stage)) throw invalidInput(`stage must be one of ${MODEL_STAGES.join(', ')}`, { field: 'stage' });
}

/** The model with this name, created (without versions) when missing. Race-free. */
export async function getOrCreateRegisteredModel(db: DbExecutor, name: string, description: string | null = null): Promise<RegisteredModel> {
  checkName(name);
  const [created] = await db.insert(registeredModels).values({ name, description }).onConflictDoNothing({ target: registeredModels.name }).returning();
  if (created) return created;
  const [existing] = await db.select().from(registeredModels).where(eq(registeredModels.name, name));
  if (!existing) throw new AppError('INTERNAL', `registered model ${name} vanished during creation`);
  return existing;
}

/** The model; AppError('NOT_FOUND') when unknown. */
export async function getRegisteredModel(db: DbExecutor, name: string): Promise<RegisteredModel> {
  const [row] = await db.select().from(registeredModels).where(eq(registeredModels.name, name));
  if (!row) throw notFound('registered model', name);
  return row;
}

// Serializes every version/stage/alias change of one model: the row lock is held until commit.
async function lockModel(tx: DbExecutor, name: string): Promise<RegisteredModel> {
  const [row] = await tx.select().from(registeredModels).where(eq(registeredModels.name, name)).for('update');
  if (!row) throw notFound('registered model', name);
  return row;
}

async function views(db: DbExecutor, model: RegisteredModel, versions: readonly ModelVersion[]): Promise<ModelVersionView[]> {
  if (versions.length === 0) return [];
  const aliasRows = await db
    .select({ alias: modelAliases.alias, versionId: modelAliases.versionId })
    .from(modelAliases)
    .where(and(eq(modelAliases.modelId, model.id), inArray(modelAliases.versionId, versions.map((v) => v.id))))
    .orderBy(asc(modelAliases.alias));
  return versions.map((v) => ({ ...v, modelName: model.name, aliases: aliasRows.filter((a) => a.versionId === v.id).map((a) => a.alias) }));
}

async function findVersion(db: DbExecutor, model: RegisteredModel, version: number): Promise<ModelVersion> {
  const [row] = await db
    .select()
    .from(modelVersions)
    .where(and(eq(modelVersions.modelId, model.id), eq(modelVersions.version, version)));
  if (!row) throw notFound('model version', `${model.name} v${version}`);
  return row;
}

async function touch(tx: DbExecutor, model: RegisteredModel): Promise<void> {
  await tx.update(registeredModels).set({ updatedAt: sql`now()` }).where(eq(registeredModels.id, model.id));
}

export interface RegisterModelVersionInput {
  modelName: string;
  trialId?: string | null;
  experimentId?: string | null;
  /** Model files, relative to the artifact store root. */
  artifactPath: string;
  tags?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
  actor?: string;
  reason?: string | null;
  /**
   * When the model already has a version from this trial, return it instead of adding one
   * (a redelivered "register" request stays a no-op). Default false.
   */
  reuseExistingForTrial?: boolean;
}

export interface RegisterModelVersionResult {
  version: ModelVersionView;
  /** False when an existing version was returned (`reuseExistingForTrial`). */
  created: boolean;
}

/**
 * Adds the next version (1, 2, ...) of a model, creating the model if needed, and writes a
 * REGISTERED event, all in one transaction. The model row is locked FOR UPDATE while the next
 * number is computed, so concurrent registrations get distinct, gap-free versions.
 * Unknown trial/experiment → AppError('NOT_FOUND').
 */
export async function registerModelVersion(db: DbExecutor, input: RegisterModelVersionInput): Promise<RegisterModelVersionResult> {
  checkName(input.modelName);
  if (input.trialId && !isUuid(input.trialId)) throw notFound('trial', input.trialId);
  if (input.experimentId && !isUuid(input.experimentId)) throw notFound('experiment', input.experimentId);
  return withDbErrors('model version', () =>
    db.transaction(async (tx) => {
      await getOrCreateRegisteredModel(tx, input.modelName);
      const model = await lockModel(tx, input.modelName);

      if (input.reuseExistingForTrial && input.trialId) {
        const [existing] = await tx
          .select()
          .from(modelVersions)
          .where(and(eq(modelVersions.modelId, model.id), eq(modelVersions.trialId, input.trialId)))
          .orderBy(asc(modelVersions.version))
          .limit(1);
        if (existing) return { version: (await views(tx, model, [existing]))[0] as ModelVersionView, created: false };
      }

      const [last] = await tx
        .select({ max: sql<number>`coalesce(max(${modelVersions.version}), 0)::int` })
        .from(modelVersions)
        .where(eq(modelVersions.modelId, model.id));
      const next = (last?.max ?? 0) + 1;
      const [row] = await tx
        .insert(modelVersions)
        .values({
          modelId: model.id,
          version: next,
          trialId: input.trialId ?? null,
          experimentId: input.experimentId ?? null,
          artifactPath: input.artifactPath,
          tags: input.tags ?? {},
          metrics: input.metrics ?? {},
        })
        .returning();
      if (!row) throw new AppError('INTERNAL', 'model version insert returned no row');
      await tx.insert(modelEvents).values({
        modelId: model.id,
        versionId: row.id,
        kind: 'REGISTERED',
        toValue: String(next),
        actor: input.actor ?? 'system',
        reason: input.reason ?? null,
      });
      await touch(tx, model);
      return { version: { ...row, modelName: model.name, aliases: [] }, created: true };
    }),
  );
}

export interface TransitionStageInput {
  modelName: string;
  version: number;
  stage: ModelStage;
  /**
   * Move the other versions currently in the target stage to Archived (MLflow's
   * archive_existing_versions). Only meaningful for Staging and Production. Default false.
   */
  archiveExisting?: boolean;
  actor?: string;
  reason?: string | null;
}

export interface TransitionStageResult {
  version: ModelVersionView;
  /** Versions archived because of this promotion. */
  archived: ModelVersionView[];
  /** False when the version was already in that stage (no event written for it). */
  changed: boolean;
}

/**
 * Moves a version to `stage`, and with `archiveExisting` archives the previous holders of that
 * stage; every change is written to model_events in the same transaction.
 * NOT_FOUND for an unknown model or version.
 */
export async function transitionStage(db: DbExecutor, input: TransitionStageInput): Promise<TransitionStageResult> {
  checkStage(input.stage);
  const actor = input.actor ?? 'system';
  return db.transaction(async (tx) => {
    const model = await lockModel(tx, input.modelName);
    let target = await findVersion(tx, model, input.version);
    const changed = target.stage !== input.stage;
    if (changed) {
      const [updated] = await tx
        .update(modelVersions)
        .set({ stage: input.stage, updatedAt: sql`now()` })
        .where(eq(modelVersions.id, target.id))
        .returning();
      await tx.insert(modelEvents).values({
        modelId: model.id,
        versionId: target.id,
        kind: 'STAGE',
        fromValue: target.stage,
        toValue: input.stage,
        actor,
        reason: input.reason ?? null,
      });
      target = updated ?? target;
    }

    let archivedRows: ModelVersion[] = [];
    if (input.archiveExisting && (input.stage === 'Production' || input.stage === 'Staging')) {
      archivedRows = await tx
        .update(modelVersions)
        .set({ stage: 'Archived', updatedAt: sql`now()` })
        .where(and(eq(modelVersions.modelId, model.id), eq(modelVersions.stage, input.stage), ne(modelVersions.id, target.id)))
        .returning();
      if (archivedRows.length > 0) {
        await tx.insert(modelEvents).values(
          archivedRows.map((v) => ({
            modelId: model.id,
            versionId: v.id,
            kind: 'STAGE' as const,
            fromValue: input.stage,
            toValue: 'Archived',
            actor,
            reason: `superseded by version ${input.version} in ${input.stage}`,
          })),
        );
      }
    }
    if (changed || archivedRows.length > 0) await touch(tx, model);
    const [view, ...archived] = await views(tx, model, [target, ...archivedRows.sort((a, b) => a.version - b.version)]);
    return { version: view as ModelVersionView, archived, changed };
  });
}

export interface SetAliasInput {
  modelName: string;
  alias: string;
  version: number;
  actor?: string;
  reason?: string | null;
}

/**
 * Points `alias` (e.g. 'champion') at a version, moving it from any previous version, and
 * records ALIAS_SET with the previous and new version numbers. Returns the aliased version.
 */
export async function setAlias(db: DbExecutor, input: SetAliasInput): Promise<ModelVersionView> {
  if (!ALIAS_RE.test(input.alias)) throw invalidInput('alias must start with a letter and use letters, digits, _ or - (max 64)', { field: 'alias' });
  return db.transaction(async (tx) => {
    const model = await lockModel(tx, input.modelName);
    const target = await findVersion(tx, model, input.version);
    const [previous] = await tx
      .select({ version: modelVersions.version, versionId: modelAliases.versionId })
      .from(modelAliases)
      .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
      .where(and(eq(modelAliases.modelId, model.id), eq(modelAliases.alias, input.alias)));
    if (previous?.versionId !== target.id) {
      await tx
        .insert(modelAliases)
        .values({ modelId: model.id, alias: input.alias, versionId: target.id })
        .onConflictDoUpdate({ target: [modelAliases.modelId, modelAliases.alias], set: { versionId: target.id, updatedAt: sql`now()` } });
      await tx.insert(modelEvents).values({
        modelId: model.id,
        versionId: target.id,
        kind: 'ALIAS_SET',
        alias: input.alias,
        fromValue: previous ? String(previous.version) : null,
        toValue: String(target.version),
        actor: input.actor ?? 'system',
        reason: input.reason ?? null,
      });
      await touch(tx, model);
    }
    return (await views(tx, model, [target]))[0] as ModelVersionView;
  });
}

export interface RemoveAliasInput {
  modelName: string;
  alias: string;
  actor?: string;
  reason?: string | null;
}

/** Deletes an alias and records ALIAS_REMOVED; NOT_FOUND when the model or alias is unknown. */
export async function removeAlias(db: DbExecutor, input: RemoveAliasInput): Promise<void> {
  await db.transaction(async (tx) => {
    const model = await lockModel(tx, input.modelName);
    const [removed] = await tx
      .delete(modelAliases)
      .where(and(eq(modelAliases.modelId, model.id), eq(modelAliases.alias, input.alias)))
      .returning();
    if (!removed) throw notFound('model alias', `${input.modelName}@${input.alias}`);
    const [version] = await tx.select({ version: modelVersions.version }).from(modelVersions).where(eq(modelVersions.id, removed.versionId));
    await tx.insert(modelEvents).values({
      modelId: model.id,
      versionId: removed.versionId,
      kind: 'ALIAS_REMOVED',
      alias: input.alias,
      fromValue: version ? String(version.version) : null,
      actor: input.actor ?? 'system',
      reason: input.reason ?? null,
    });
    await touch(tx, model);
  });
}

/** Every registered model by name, with version counts and the latest version per stage. */
export async function listRegisteredModels(db: DbExecutor): Promise<RegisteredModelSummary[]> {
  const [models, stats] = await Promise.all([
    db.select().from(registeredModels).orderBy(asc(registeredModels.name)),
    db
      .select({
        modelId: modelVersions.modelId,
        stage: modelVersions.stage,
        n: sql<number>`count(*)::int`,
        latest: sql<number>`max(${modelVersions.version})::int`,
      })
      .from(modelVersions)
      .groupBy(modelVersions.modelId, modelVersions.stage),
  ]);
  return models.map((m) => {
    const mine = stats.filter((s) => s.modelId === m.id);
    const latestByStage: Partial<Record<ModelStage, number>> = {};
    for (const s of mine) latestByStage[s.stage] = s.latest;
    return {
      ...m,
      versionCount: mine.reduce((acc, s) => acc + s.n, 0),
      latestVersion: mine.length ? Math.max(...mine.map((s) => s.latest)) : null,
      latestByStage,
    };
  });
}

/** All versions of a model, newest first; NOT_FOUND when the model is unknown. */
export async function getModelVersions(db: DbExecutor, name: string): Promise<ModelVersionView[]> {
  const model = await getRegisteredModel(db, name);
  const rows = await db.select().from(modelVersions).where(eq(modelVersions.modelId, model.id)).orderBy(desc(modelVersions.version));
  return views(db, model, rows);
}

/** One version; NOT_FOUND when the model or version is unknown. */
export async function getModelVersion(db: DbExecutor, name: string, version: number): Promise<ModelVersionView> {
  const model = await getRegisteredModel(db, name);
  return (await views(db, model, [await findVersion(db, model, version)]))[0] as ModelVersionView;
}

export type ModelSelector = { alias: string; stage?: undefined } | { stage: ModelStage; alias?: undefined };

/**
 * The version an alias points at, or the highest version in a stage; null when none does.
 * NOT_FOUND when the model is unknown.
 */
export async function getModelByAliasOrStage(db: DbExecutor, name: string, selector: ModelSelector): Promise<ModelVersionView | null> {
  const model = await getRegisteredModel(db, name);
  let row: ModelVersion | undefined;
  if (selector.alias !== undefined) {
    [row] = await db
      .select({ v: modelVersions })
      .from(modelAliases)
      .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
      .where(and(eq(modelAliases.modelId, model.id), eq(modelAliases.alias, selector.alias)))
      .then((rs) => rs.map((r) => r.v));
  } else {
    checkStage(selector.stage);
    [row] = await db
      .select()
      .from(modelVersions)
      .where(and(eq(modelVersions.modelId, model.id), eq(modelVersions.stage, selector.stage)))
      .orderBy(desc(modelVersions.version))
      .limit(1);
  }
  return row ? ((await views(db, model, [row]))[0] as ModelVersionView) : null;
}

/** The model's audit trail, oldest first; NOT_FOUND when the model is unknown. */
export async function modelHistory(db: DbExecutor, name: string, options: { limit?: number } = {}): Promise<ModelEventView[]> {
  const model = await getRegisteredModel(db, name);
  const q = db
    .select({ e: modelEvents, version: modelVersions.version })
    .from(modelEvents)
    .leftJoin(modelVersions, eq(modelVersions.id, modelEvents.versionId))
    .where(eq(modelEvents.modelId, model.id))
    .orderBy(asc(modelEvents.id));
  const rows = options.limit === undefined ? await q : await q.limit(options.limit);
  return rows.map((r) => ({ ...r.e, version: r.version }));
}

import { and, asc, desc, eq, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import { AppError, invalidInput, notFound } from '@trialgrid/errors';
import type { DbExecutor } from './client.js';
import { aliasRule, descriptionRule, modelNameRule, modelSearchRule, modelStageRule, parseOrThrow, tagChangesRule } from '@trialgrid/contracts';
import { isUuid, withDbErrors } from './errors.js';
import {
  CHAMPION_ALIAS,
  modelAliases,
  modelEvents,
  modelVersions,
  registeredModels,
  type EvaluationSet,
  type GateVerdict,
  type ModelStage,
  type PromotionPolicy,
} from './schema.js';

export type RegisteredModel = typeof registeredModels.$inferSelect;
export type ModelVersion = typeof modelVersions.$inferSelect;
export type ModelEvent = typeof modelEvents.$inferSelect;

/** A version as readers want it: with its model's name and the aliases pointing at it. */
export type ModelVersionView = ModelVersion & { modelName: string; aliases: string[] };

/** A history entry with the version number it concerns (null when the version was deleted). */
export type ModelEventView = ModelEvent & { version: number | null };

// The model name as the contracts' rule yields it (trimmed); INVALID_INPUT (field `modelName`) otherwise.
function checkName(name: string): string {
  return parseOrThrow(modelNameRule, name, 'modelName');
}

// INVALID_INPUT (field `stage`) unless the contracts' modelStageRule accepts it.
function checkStage(stage: string): asserts stage is ModelStage {
  parseOrThrow(modelStageRule, stage, 'stage');
}

/** The model with this name, created (without versions) when missing. Race-free. */
export async function getOrCreateRegisteredModel(db: DbExecutor, rawName: string, description: string | null = null): Promise<RegisteredModel> {
  const name = checkName(rawName);
  checkDescription(description);
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

// Sets columns of a registered model and its updated_at; the updated row (undefined: no such id).
async function setModelColumns(tx: DbExecutor, id: string, set: Partial<typeof registeredModels.$inferInsert>): Promise<RegisteredModel | undefined> {
  const [row] = await tx.update(registeredModels).set({ ...set, updatedAt: sql`now()` }).where(eq(registeredModels.id, id)).returning();
  return row;
}

// Sets columns of a model version and its updated_at; the updated row (undefined: no such id).
async function setVersionColumns(tx: DbExecutor, id: string, set: Partial<typeof modelVersions.$inferInsert>): Promise<ModelVersion | undefined> {
  const [row] = await tx.update(modelVersions).set({ ...set, updatedAt: sql`now()` }).where(eq(modelVersions.id, id)).returning();
  return row;
}

async function touch(tx: DbExecutor, model: RegisteredModel): Promise<void> {
  await setModelColumns(tx, model.id, {});
}

// Appends audit rows to model_events (nothing for an empty list).
async function recordEvents(tx: DbExecutor, events: typeof modelEvents.$inferInsert | (typeof modelEvents.$inferInsert)[]): Promise<void> {
  const rows = ([] as (typeof modelEvents.$inferInsert)[]).concat(events);
  if (rows.length > 0) await tx.insert(modelEvents).values(rows);
}

export interface RegisterModelVersionInput {
  modelName: string;
  trialId?: string | null;
  experimentId?: string | null;
  /** Model files, relative to the artifact store root. */
  artifactPath: string;
  tags?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
  description?: string | null;
  /** What the test metrics were measured on. */
  evaluation?: EvaluationSet | null;
  /** The production gate's verdict; recorded as a GATE event as well. */
  gate?: GateVerdict | null;
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
  const modelName = checkName(input.modelName);
  checkDescription(input.description);
  if (input.trialId && !isUuid(input.trialId)) throw notFound('trial', input.trialId);
  if (input.experimentId && !isUuid(input.experimentId)) throw notFound('experiment', input.experimentId);
  return withDbErrors('model version', () =>
    db.transaction(async (tx) => {
      await getOrCreateRegisteredModel(tx, modelName);
      const model = await lockModel(tx, modelName);

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
          description: input.description ?? null,
          evaluation: input.evaluation ?? null,
          gate: input.gate ?? null,
        })
        .returning();
      if (!row) throw new AppError('INTERNAL', 'model version insert returned no row');
      await recordEvents(tx, {
        modelId: model.id,
        versionId: row.id,
        kind: 'REGISTERED',
        toValue: String(next),
        actor: input.actor ?? 'system',
        reason: input.reason ?? null,
        details: input.evaluation ? { evaluation: input.evaluation } : null,
      });
      if (input.gate) {
        await recordEvents(tx, {
          modelId: model.id,
          versionId: row.id,
          kind: 'GATE',
          toValue: input.gate.passed ? 'passed' : 'failed',
          actor: input.actor ?? 'system',
          reason: gateSummary(input.gate),
          details: { gate: input.gate },
        });
      }
      await touch(tx, model);
      return { version: { ...row, modelName: model.name, aliases: [] }, created: true };
    }),
  );
}

/** 'passed', or the failed criteria with their measured values: 'test_accuracy 0.924 < 0.99; ...'. */
export function gateSummary(gate: GateVerdict): string {
  const failed = gate.checks.filter((c) => !c.passed);
  return failed.length === 0 ? 'passes the production gate' : `fails the production gate: ${failed.map((c) => c.message).join('; ')}`;
}

export interface TransitionStageInput {
  modelName: string;
  version: number;
  stage: ModelStage;
  /**
   * Move the other versions currently in Staging to Archived (MLflow's
   * archive_existing_versions). Production always holds at most one version: promoting to
   * Production archives the previous one whatever this says. Default false.
   */
  archiveExisting?: boolean;
  actor?: string;
  reason?: string | null;
  /** Written to the STAGE event (e.g. the gate verdict and an override). */
  details?: Record<string, unknown> | null;
}

export interface TransitionStageResult {
  version: ModelVersionView;
  /** Versions archived because of this promotion. */
  archived: ModelVersionView[];
  /** False when the version was already in that stage (no event written for it). */
  changed: boolean;
  /** Whether the champion alias moved or was removed by this transition. */
  championChanged: boolean;
}

/**
 * Moves a version to `stage`; every change is written to model_events in the same
 * transaction. Stages and the champion alias cannot disagree:
 * - entering Production archives the previous Production version and points `champion` at
 *   the promoted version;
 * - leaving Production (to Staging, None or Archived) removes `champion` from that version,
 *   so the model has no champion until another version is promoted.
 * With `archiveExisting`, entering Staging archives the other Staging versions.
 * NOT_FOUND for an unknown model or version.
 */
export async function transitionStage(db: DbExecutor, input: TransitionStageInput): Promise<TransitionStageResult> {
  checkStage(input.stage);
  const actor = input.actor ?? 'system';
  return db.transaction(async (tx) => {
    const model = await lockModel(tx, input.modelName);
    let target = await findVersion(tx, model, input.version);
    const from = target.stage;
    const changed = from !== input.stage;
    if (changed) {
      const updated = await setVersionColumns(tx, target.id, { stage: input.stage });
      await recordEvents(tx, {
        modelId: model.id,
        versionId: target.id,
        kind: 'STAGE',
        fromValue: from,
        toValue: input.stage,
        actor,
        reason: input.reason ?? null,
        details: input.details ?? null,
      });
      target = updated ?? target;
    }

    let archivedRows: ModelVersion[] = [];
    if (input.stage === 'Production' || (input.archiveExisting && input.stage === 'Staging')) {
      archivedRows = await tx
        .update(modelVersions)
        .set({ stage: 'Archived', updatedAt: sql`now()` })
        .where(and(eq(modelVersions.modelId, model.id), eq(modelVersions.stage, input.stage), ne(modelVersions.id, target.id)))
        .returning();
      await recordEvents(
        tx,
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

    const [champion] = await tx
      .select({ versionId: modelAliases.versionId, version: modelVersions.version })
      .from(modelAliases)
      .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
      .where(and(eq(modelAliases.modelId, model.id), eq(modelAliases.alias, CHAMPION_ALIAS)));
    let championChanged = false;
    if (input.stage === 'Production' && champion?.versionId !== target.id) {
      await tx
        .insert(modelAliases)
        .values({ modelId: model.id, alias: CHAMPION_ALIAS, versionId: target.id })
        .onConflictDoUpdate({ target: [modelAliases.modelId, modelAliases.alias], set: { versionId: target.id, updatedAt: sql`now()` } });
      await recordEvents(tx, {
        modelId: model.id,
        versionId: target.id,
        kind: 'ALIAS_SET',
        alias: CHAMPION_ALIAS,
        fromValue: champion ? String(champion.version) : null,
        toValue: String(target.version),
        actor,
        reason: `${CHAMPION_ALIAS} follows Production`,
      });
      championChanged = true;
    } else if (input.stage !== 'Production' && champion?.versionId === target.id) {
      await tx.delete(modelAliases).where(and(eq(modelAliases.modelId, model.id), eq(modelAliases.alias, CHAMPION_ALIAS)));
      await recordEvents(tx, {
        modelId: model.id,
        versionId: target.id,
        kind: 'ALIAS_REMOVED',
        alias: CHAMPION_ALIAS,
        fromValue: String(target.version),
        actor,
        reason: `version ${target.version} left Production (${input.stage})`,
      });
      championChanged = true;
    }
    if (changed || archivedRows.length > 0 || championChanged) await touch(tx, model);
    const [view, ...archived] = await views(tx, model, [target, ...archivedRows.sort((a, b) => a.version - b.version)]);
    return { version: view as ModelVersionView, archived, changed, championChanged };
  });
}

function refuseChampion(alias: string): void {
  if (alias === CHAMPION_ALIAS) {
    throw invalidInput(`the ${CHAMPION_ALIAS} alias follows Production: promote the version to Production (or archive it) instead`, { field: 'alias' });
  }
}

export interface SetAliasInput {
  modelName: string;
  alias: string;
  version: number;
  actor?: string;
  reason?: string | null;
}

/**
 * Points `alias` (e.g. 'staging-candidate') at a version, moving it from any previous version,
 * and records ALIAS_SET with the previous and new version numbers. Returns the aliased version.
 * `champion` is refused (INVALID_INPUT): it follows Production, see transitionStage.
 */
export async function setAlias(db: DbExecutor, input: SetAliasInput): Promise<ModelVersionView> {
  parseOrThrow(aliasRule, input.alias, 'alias');
  refuseChampion(input.alias);
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
      await recordEvents(tx, {
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

/**
 * Registered models whose name, description or a tag key/value contains `search`
 * (case-insensitive; all models when empty), by name. Pure text search, no ranking.
 */
export async function searchRegisteredModels(db: DbExecutor, search?: string | null): Promise<RegisteredModel[]> {
  const q = parseOrThrow(modelSearchRule, search ?? '', 'search');
  // LIKE wildcards in the user's text are literal
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select()
    .from(registeredModels)
    .where(
      q === ''
        ? undefined
        : or(
            ilike(registeredModels.name, pattern),
            ilike(registeredModels.description, pattern),
            sql`exists (select 1 from jsonb_each_text(${registeredModels.tags}) t where t.key ilike ${pattern} or t.value ilike ${pattern})`,
          ),
    )
    .orderBy(asc(registeredModels.name));
}

/** Applies `{ key: value | null }` (null deletes) to string tags; INVALID_INPUT (field `tags`) for what the contracts' tag rule refuses. */
export function applyTagChanges(current: Record<string, unknown>, changes: Record<string, string | null>): Record<string, unknown> {
  const checked = parseOrThrow(tagChangesRule, changes, 'tags');
  const out: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(checked)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

// INVALID_INPUT (field `description`) for what the contracts' descriptionRule refuses; null/undefined pass.
function checkDescription(description: string | null | undefined): void {
  parseOrThrow(descriptionRule.nullish(), description, 'description');
}

export interface UpdateModelInput {
  modelName: string;
  /** The version to update; absent: the registered model itself. */
  version?: number | null;
  /** New description (null clears it); absent: unchanged. */
  description?: string | null;
  /** Tags to set (string) or delete (null); others are kept. */
  tags?: Record<string, string | null>;
  actor?: string;
}

/**
 * Edits the description and tags of a registered model or of one version, with an UPDATED
 * event listing what changed. NOT_FOUND for an unknown model or version. Returns the model
 * and the version (when one was named).
 */
export async function updateModel(db: DbExecutor, input: UpdateModelInput): Promise<{ model: RegisteredModel; version: ModelVersionView | null }> {
  checkDescription(input.description);
  return db.transaction(async (tx) => {
    const model = await lockModel(tx, input.modelName);
    const changed: string[] = [];
    if (input.version === undefined || input.version === null) {
      const set: Partial<RegisteredModel> = {};
      if (input.description !== undefined) {
        set.description = input.description;
        changed.push('description');
      }
      if (input.tags) {
        set.tags = applyTagChanges(model.tags, input.tags) as Record<string, string>;
        changed.push(...Object.keys(input.tags).map((k) => `tag ${k}`));
      }
      let row = model;
      if (changed.length > 0) {
        row = (await setModelColumns(tx, model.id, set)) ?? model;
        await recordEvents(tx, { modelId: model.id, kind: 'UPDATED', actor: input.actor ?? 'system', reason: `changed ${changed.join(', ')}`, details: { description: input.description, tags: input.tags } });
      }
      return { model: row, version: null };
    }
    const target = await findVersion(tx, model, input.version);
    const set: Partial<ModelVersion> = {};
    if (input.description !== undefined) {
      set.description = input.description;
      changed.push('description');
    }
    if (input.tags) {
      set.tags = applyTagChanges((target.tags ?? {}) as Record<string, unknown>, input.tags);
      changed.push(...Object.keys(input.tags).map((k) => `tag ${k}`));
    }
    let row = target;
    if (changed.length > 0) {
      row = (await setVersionColumns(tx, target.id, set)) ?? target;
      await recordEvents(tx, {
        modelId: model.id,
        versionId: target.id,
        kind: 'UPDATED',
        actor: input.actor ?? 'system',
        reason: `changed ${changed.join(', ')}`,
        details: { description: input.description, tags: input.tags },
      });
      await touch(tx, model);
    }
    return { model, version: (await views(tx, model, [row]))[0] as ModelVersionView };
  });
}

export interface SetPromotionPolicyInput {
  modelName: string;
  policy: PromotionPolicy;
  /** The gate verdict of a version under the new policy (re-judged from its stored measurements). */
  judge: (version: ModelVersion, policy: PromotionPolicy) => GateVerdict;
  actor?: string;
  reason?: string | null;
}

/**
 * Replaces a model's promotion policy (creating the model if needed) and re-judges every
 * version under it, in one transaction: a POLICY event, and a GATE event for each version
 * whose verdict flipped. Versions already in Production stay there (the policy gates future
 * promotions). Returns the model and the versions whose verdict changed.
 */
export async function setPromotionPolicy(db: DbExecutor, input: SetPromotionPolicyInput): Promise<{ model: RegisteredModel; flipped: number[] }> {
  const modelName = checkName(input.modelName);
  return db.transaction(async (tx) => {
    await getOrCreateRegisteredModel(tx, modelName);
    const model = await lockModel(tx, modelName);
    const actor = input.actor ?? 'system';
    const row = (await setModelColumns(tx, model.id, { promotionPolicy: input.policy })) ?? model;
    await recordEvents(tx, {
      modelId: model.id,
      kind: 'POLICY',
      actor,
      reason: input.reason ?? null,
      details: { from: model.promotionPolicy, to: input.policy },
    });
    const flipped: number[] = [];
    const versions = await tx.select().from(modelVersions).where(eq(modelVersions.modelId, model.id)).orderBy(asc(modelVersions.version));
    for (const v of versions) {
      const verdict = input.judge(v, input.policy);
      await tx.update(modelVersions).set({ gate: verdict }).where(eq(modelVersions.id, v.id));
      if (v.gate?.passed !== verdict.passed) {
        flipped.push(v.version);
        await recordEvents(tx, {
          modelId: model.id,
          versionId: v.id,
          kind: 'GATE',
          toValue: verdict.passed ? 'passed' : 'failed',
          actor,
          reason: `policy changed: ${gateSummary(verdict)}`,
          details: { gate: verdict },
        });
      }
    }
    return { model: row, flipped };
  });
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

/** The audit trail of the model with this id, oldest first, version numbers joined in ([] for an unknown id). */
export async function modelEventsOf(db: DbExecutor, modelId: string, options: { limit?: number } = {}): Promise<ModelEventView[]> {
  if (!isUuid(modelId)) return [];
  const q = db
    .select({ e: modelEvents, version: modelVersions.version })
    .from(modelEvents)
    .leftJoin(modelVersions, eq(modelVersions.id, modelEvents.versionId))
    .where(eq(modelEvents.modelId, modelId))
    .orderBy(asc(modelEvents.id));
  const rows = options.limit === undefined ? await q : await q.limit(options.limit);
  return rows.map((r) => ({ ...r.e, version: r.version }));
}

import { asc, eq, sql } from 'drizzle-orm';
import { notFound } from '@trialgrid/errors';
import type { DbExecutor } from './client.js';
import { isUuid, withDbErrors } from './errors.js';
import { artifacts } from './schema.js';

export type Artifact = typeof artifacts.$inferSelect;

export interface ArtifactRef {
  /** Unique per trial, e.g. 'model', 'confusion_matrix.json'. */
  name: string;
  kind: string;
  /** Relative to the artifact store root. */
  path: string;
  sizeBytes: number;
  sha256?: string | null;
}

/**
 * Records (or replaces, by name) artifacts of a trial, e.g. after a retried attempt rewrote
 * them. NOT_FOUND when the trial is unknown.
 */
export async function upsertArtifacts(db: DbExecutor, trialId: string, refs: readonly ArtifactRef[]): Promise<Artifact[]> {
  if (!isUuid(trialId)) throw notFound('trial', trialId);
  if (refs.length === 0) return [];
  // One statement cannot update the same row twice: the last ref of a repeated name wins.
  const unique = [...new Map(refs.map((r) => [r.name, r])).values()];
  return withDbErrors('artifact', () =>
    db
      .insert(artifacts)
      .values(unique.map((r) => ({ trialId, name: r.name, kind: r.kind, path: r.path, sizeBytes: r.sizeBytes, sha256: r.sha256 ?? null })))
      .onConflictDoUpdate({
        target: [artifacts.trialId, artifacts.name],
        set: {
          kind: sql`excluded.kind`,
          path: sql`excluded.path`,
          sizeBytes: sql`excluded.size_bytes`,
          sha256: sql`excluded.sha256`,
          createdAt: sql`now()`,
        },
      })
      .returning(),
  );
}

/** A trial's artifacts by name. */
export async function listArtifacts(db: DbExecutor, trialId: string): Promise<Artifact[]> {
  if (!isUuid(trialId)) return [];
  return db.select().from(artifacts).where(eq(artifacts.trialId, trialId)).orderBy(asc(artifacts.name));
}

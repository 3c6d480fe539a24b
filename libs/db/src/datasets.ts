/**
 * The dataset catalog (table `datasets`): named datasets with their location, shape, classes
 * and fingerprint. `mnist` is inserted by migration 0004 and cannot be replaced.
 *
 * ```ts
 * const mnist = await findDataset(db, 'mnist');         // row or undefined
 * const ref = datasetRef(await requireDataset(db, 'shapes')); // what a dispatch carries
 * ```
 */
import { asc, eq } from 'drizzle-orm';
import { invalidField, type DatasetRef } from '@trialgrid/contracts';
import type { DbExecutor } from './client.js';
import { withDbErrors } from './errors.js';
import { datasets } from './schema.js';

export type DatasetRow = typeof datasets.$inferSelect;
export type NewDataset = typeof datasets.$inferInsert;

/** The row of a registered dataset, or undefined. */
export async function findDataset(db: DbExecutor, name: string): Promise<DatasetRow | undefined> {
  const [row] = await db.select().from(datasets).where(eq(datasets.name, name)).limit(1);
  return row;
}

/**
 * The row of a registered dataset; an unknown name is AppError INVALID_INPUT with
 * details.field = `field` (default 'dataset'), listing the registered names.
 */
export async function requireDataset(db: DbExecutor, name: string, field = 'dataset'): Promise<DatasetRow> {
  const row = await findDataset(db, name);
  if (row) return row;
  const known = (await db.select({ name: datasets.name }).from(datasets).orderBy(asc(datasets.name)).limit(50)).map((r) => r.name);
  throw invalidField(field, `unknown dataset ${JSON.stringify(name)} (registered: ${known.join(', ') || 'none'}; add one with registerDataset)`, {
    dataset: name,
  });
}

/** Every registered dataset, by name. */
export async function listDatasets(db: DbExecutor): Promise<DatasetRow[]> {
  return db.select().from(datasets).orderBy(asc(datasets.name));
}

/** Inserts a catalog entry; a name already registered is AppError CONFLICT. */
export async function insertDataset(db: DbExecutor, row: NewDataset): Promise<DatasetRow> {
  return withDbErrors(`dataset ${row.name}`, async () => {
    const [created] = await db.insert(datasets).values(row).returning();
    return created!;
  });
}

/** The part of a catalog row that an experiment pins and a trial dispatch carries. */
export function datasetRef(row: DatasetRow): DatasetRef {
  return {
    name: row.name,
    format: row.format,
    location: row.location,
    imageShape: row.imageShape,
    numClasses: row.numClasses,
    classNames: row.classNames,
    fingerprint: row.fingerprint,
  };
}

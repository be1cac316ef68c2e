import type { Kysely, Transaction } from 'kysely';
import type { UserTable } from '../../platform/db/types.js';
import type { FormDefinition } from './definitions.js';
import type { CubeShape } from './form-validate.js';
import { level, userGroups, type Level } from './rights.js';
import type { ModelDb, ModelTables } from './tables.js';

/** `model_forms` (tenant migration 0011_forms): one definition per form object. */
export interface ModelFormTable {
  object_id: string;
  /** JSON `FormDefinition`. */
  definition: string;
  updated_at: string;
}

export interface FormTables extends ModelTables {
  model_forms: ModelFormTable;
}
export type FormDb = Kysely<FormTables> | Transaction<FormTables>;

export const formDb = (db: ModelDb): FormDb => db;

export async function readDefinition(db: ModelDb, id: string): Promise<FormDefinition | null> {
  const row = await formDb(db)
    .selectFrom('model_forms')
    .select('definition')
    .where('object_id', '=', id)
    .executeTakeFirst();
  return row ? (JSON.parse(row.definition) as FormDefinition) : null;
}

/** Creates or replaces the stored definition (inside the caller's transaction). */
export async function writeDefinition(
  db: ModelDb,
  id: string,
  def: FormDefinition,
  now: string,
): Promise<void> {
  const definition = JSON.stringify(def);
  await formDb(db)
    .insertInto('model_forms')
    .values({ object_id: id, definition, updated_at: now })
    .onConflict((oc) => oc.column('object_id').doUpdateSet({ definition, updated_at: now }))
    .execute();
}

/** Id of the cube with this code, or null. */
export async function cubeIdByCode(db: ModelDb, code: string): Promise<string | null> {
  const row = await db
    .selectFrom('model_objects')
    .select('id')
    .where('kind', '=', 'cube')
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The dimensions (codes, element codes) of the cube with this code, read through `db` so it
 * also sees objects created earlier in the same transaction (packages). Null: no such cube.
 */
export async function cubeShape(db: ModelDb, cubeCode: string): Promise<CubeShape | null> {
  const id = await cubeIdByCode(db, cubeCode);
  if (!id) return null;
  const cube = await db.selectFrom('cubes').select('dimension_ids').where('id', '=', id).executeTakeFirst();
  if (!cube) return null;
  const ids = JSON.parse(cube.dimension_ids) as string[];
  const dimensions: CubeShape['dimensions'] = [];
  for (const dimId of ids) {
    const obj = await db
      .selectFrom('model_objects')
      .select('code')
      .where('id', '=', dimId)
      .executeTakeFirst();
    const els = await db
      .selectFrom('cube_elements')
      .select('code')
      .where('dimension_id', '=', dimId)
      .execute();
    dimensions.push({ code: obj?.code ?? dimId, elements: new Set(els.map((e) => e.code)) });
  }
  return { dimensions };
}

/** The user's access to a form object (org admins: write). */
export async function formLevel(db: ModelDb, user: UserTable, formId: string): Promise<Level> {
  if (user.is_org_admin) return 2;
  const groups = await userGroups(db, user.id);
  if (groups.length === 0) return 0;
  const rights = await db
    .selectFrom('model_rights')
    .select('access')
    .where('object_id', '=', formId)
    .where(
      'group_id',
      'in',
      groups.map((g) => g.id),
    )
    .execute();
  return rights.reduce<Level>((m, r) => Math.max(m, level(r.access)) as Level, 0);
}

import type { Kysely, Transaction } from 'kysely';
import type { TenantDB } from '../../platform/db/types.js';
import type { CubeTables } from '../cubes/tables.js';

/** Table types of the model catalogue (tenant databases, migration 0010_model). */
export type ModelKind = 'dimension' | 'cube' | 'form' | 'portal';
export const MODEL_KINDS: readonly ModelKind[] = ['dimension', 'cube', 'form', 'portal'];
export type ModelOrigin = 'provider' | 'tenant';

/** The distributed (or, for the tenant's own objects, first) names and facts of an object. */
export interface ModelObjectTable {
  id: string;
  kind: ModelKind;
  /** Stable code, unique per kind (the engine name of a dimension). */
  code: string;
  name_ja: string;
  name_en: string;
  category: string;
  description: string;
  origin: ModelOrigin;
  owner_id: string | null;
  created_at: string;
  updated_at: string;
}

/** The tenant's renames / re-categorisations; `null` = keep the distributed value. */
export interface ModelOverrideTable {
  object_id: string;
  name_ja: string | null;
  name_en: string | null;
  category: string | null;
  description: string | null;
  updated_by: string | null;
  updated_at: string;
}

export type Access = 'read' | 'write';

/** A group's right on a model object (cube, dimension, form, portal). */
export interface ModelRightTable {
  group_id: string;
  object_id: string;
  access: Access;
}

/** Restricts a group, on one dimension, to an element and its descendants. */
export interface ModelElementRightTable {
  group_id: string;
  dimension_id: string;
  element_code: string;
  access: Access;
}

/** A locked element of one of a cube's dimensions (migration 0016_locks). */
export interface CubeLockTable {
  cube_id: string;
  /** Dimension code. */
  dimension: string;
  element: string;
  note: string;
  locked_by: string | null;
  locked_at: string;
}

export interface ModelTables extends TenantDB, CubeTables {
  cube_locks: CubeLockTable;
  model_objects: ModelObjectTable;
  model_overrides: ModelOverrideTable;
  model_rights: ModelRightTable;
  model_element_rights: ModelElementRightTable;
}

export type ModelDb = Kysely<ModelTables> | Transaction<ModelTables>;

/** Narrows a tenant database (or transaction) to the model tables. */
export function modelDb(db: Kysely<TenantDB> | Transaction<TenantDB>): ModelDb {
  return db;
}

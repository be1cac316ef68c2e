import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { TenantDB } from '../../platform/db/types.js';

/**
 * Table types of cube persistence (tenant databases, migration 0005_cubes).
 * Kept beside the cube store; `cubeDb` narrows a tenant database to them.
 */
export interface CubeDimensionTable {
  id: string;
  name: string;
  updated_at: string;
}

/**
 * `element_id` is the engine's dense id (creation order, never reused; renumbered only by
 * `CubeStore.removeElement`, which rewrites the cells and texts of the cubes over it in the same transaction).
 */
export interface CubeElementTable {
  dimension_id: string;
  element_id: number;
  code: string;
  /** Display order (0-based). */
  position: number;
  /** JSON object of attribute name → string | number | boolean. */
  attributes: string;
}

export interface CubeLinkTable {
  dimension_id: string;
  parent_id: number;
  child_id: number;
  weight: number;
  /** Order among the parent's children (0-based). */
  ord: number;
}

export interface CubeTable {
  id: string;
  name: string;
  /** JSON array of dimension ids, in the cube's dimension order. */
  dimension_ids: string;
  created_at: string;
}

/** A non-zero leaf cell; `coord` is the element ids joined by ':' in dimension order. */
export interface CubeCellTable {
  cube_id: string;
  coord: string;
  value: number;
}

export interface CubeTextTable {
  cube_id: string;
  coord: string;
  text: string;
}

export interface CubeTables {
  cube_dimensions: CubeDimensionTable;
  cube_elements: CubeElementTable;
  cube_links: CubeLinkTable;
  cubes: CubeTable;
  cube_cells: CubeCellTable;
  cube_texts: CubeTextTable;
}

export type CubeDb = Kysely<CubeTables> | Transaction<CubeTables>;

export function cubeDb(db: Database<TenantDB>): Kysely<CubeTables> {
  return db.kysely as unknown as Kysely<CubeTables>;
}

import type { Generated, Kysely, Transaction } from 'kysely';
import type { TenantDB } from '../../platform/db/types.js';
import type { ModelTables } from '../model/tables.js';

/** The path a cell write came by (shown in the cell history). */
export type CellSource = 'grid' | 'excel' | 'import' | 'spread' | 'copy' | 'package';
export const CELL_SOURCES: readonly CellSource[] = ['grid', 'excel', 'import', 'spread', 'copy', 'package'];

/** Table types of budget entry (tenant migration 0015_entry). */
export interface CellWriteTable {
  seq: number | string;
  cube_id: string;
  user_id: string | null;
  source: CellSource;
  cells: number;
  at: string;
}

export interface CellHistoryTable {
  cube_id: string;
  coord: string;
  write_seq: number | string;
  old_value: number;
  new_value: number;
}

export interface CellCommentTable {
  id: string;
  cube_id: string;
  coord: string;
  parent_id: string | null;
  author_id: string;
  body: string;
  deleted: number;
  created_at: string;
}

export interface ImportDefinitionTable {
  cube_id: string;
  definition: string;
  updated_by: string | null;
  updated_at: string;
}

export interface EntryTables extends ModelTables {
  cell_writes: Omit<CellWriteTable, 'seq'> & { seq: Generated<number | string> };
  cell_history: CellHistoryTable;
  cell_comments: CellCommentTable;
  import_definitions: ImportDefinitionTable;
}

export type EntryDb = Kysely<EntryTables> | Transaction<EntryTables>;

/** Narrows a tenant database (or transaction) to the entry tables. */
export function entryDb(db: Kysely<TenantDB> | Transaction<TenantDB>): EntryDb {
  return db;
}

import type { Kysely } from 'kysely';
import type { AnyDb } from '../../platform/db/database.js';
import type { TenantDB } from '../../platform/db/types.js';

/** One customer export (tenant database, migration 0009_exports). */
export interface ExportTable {
  id: string;
  status: 'queued' | 'running' | 'ready' | 'failed' | 'expired';
  /** 0-100. */
  progress: number;
  requested_by: string | null;
  requested_by_name: string | null;
  created_at: string;
  completed_at: string | null;
  expires_at: string | null;
  bytes: number | null;
  sha256: string | null;
  error: string | null;
  downloads: number;
}

export interface ExportTables extends TenantDB {
  exports: ExportTable;
}

export function exportDb(db: AnyDb): Kysely<ExportTables> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- narrows to this module's tables
  return db as unknown as Kysely<ExportTables>;
}

import type { Kysely } from 'kysely';
import { newId } from '../../platform/crypto/tokens.js';
import type { ControlDB } from '../../platform/db/types.js';

/** One backup run, restore drill or restore (control migration 0005). */
export interface BackupEventTable {
  id: string;
  /** `control` or a tenant id. */
  scope: string;
  type: 'backup' | 'drill' | 'restore';
  kind: string;
  generation: string | null;
  outcome: 'ok' | 'failed' | 'skipped';
  started_at: string;
  finished_at: string;
  /** JSON: what was checked or why it failed (no customer content). */
  detail: string;
}

export interface BackupTables {
  backup_events: BackupEventTable;
}

export function backupDb(db: Kysely<ControlDB>): Kysely<BackupTables> {
  return db as unknown as Kysely<BackupTables>;
}

export async function recordEvent(
  db: Kysely<ControlDB>,
  e: Omit<BackupEventTable, 'id' | 'detail'> & { detail: Record<string, unknown> },
): Promise<void> {
  await backupDb(db)
    .insertInto('backup_events')
    .values({ ...e, id: newId(), detail: JSON.stringify(e.detail) })
    .execute();
}

/** The latest event of a type for a scope (and kind, if given). */
export async function lastEvent(
  db: Kysely<ControlDB>,
  scope: string,
  type: BackupEventTable['type'],
  kind?: string,
): Promise<BackupEventTable | undefined> {
  return backupDb(db)
    .selectFrom('backup_events')
    .selectAll()
    .where('scope', '=', scope)
    .where('type', '=', type)
    .$if(kind !== undefined, (q) => q.where('kind', '=', kind!))
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

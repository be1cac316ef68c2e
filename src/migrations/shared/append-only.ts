import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../platform/db/database.js';

/**
 * Triggers that refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) on a log table,
 * like the audit log's: nothing in Yosan edits or removes a log entry.
 */
export async function appendOnlyTriggers(
  db: Kysely<never>,
  dialect: DialectName,
  table: 'access_log' | 'error_log' | 'audit_checkpoints',
): Promise<void> {
  const message = `${table} is append-only`;
  if (dialect === 'postgres') {
    await sql
      .raw(
        `create function ${table}_append_only() returns trigger language plpgsql as $$
      begin raise exception '${message}'; end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_no_change before update or delete on ${table}
      for each row execute function ${table}_append_only()`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_no_truncate before truncate on ${table}
      for each statement execute function ${table}_append_only()`,
      )
      .execute(db);
  } else {
    await sql
      .raw(
        `create trigger ${table}_no_update before update on ${table} begin select raise(abort, '${message}'); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, '${message}'); end`,
      )
      .execute(db);
  }
}

/** An auto-numbered sequence column that works on both dialects (SQLite rowid alias, PostgreSQL bigserial). */
export const seqType = (dialect: DialectName) => (dialect === 'postgres' ? 'bigserial' : 'integer');

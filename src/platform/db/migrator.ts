import { sql, type Kysely } from 'kysely';
import type { Database, DialectName } from './database.js';

/** One schema change. `up` gets a transaction; it must work on both dialects. */
export interface Migration {
  readonly name: string;
  up(db: Kysely<never>, dialect: DialectName): Promise<void>;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

async function ensureTable(db: Kysely<never>): Promise<void> {
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
}

async function appliedNames(db: Kysely<never>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

function assertOrdered(migrations: readonly Migration[]): void {
  const names = migrations.map((m) => m.name);
  const sorted = [...names].sort();
  if (names.some((n, i) => n !== sorted[i]) || new Set(names).size !== names.length) {
    throw new Error('Migrations must have unique names in ascending order');
  }
}

export async function migrationStatus<DB>(
  database: Database<DB>,
  migrations: readonly Migration[],
): Promise<MigrationStatus> {
  const db = database.kysely as unknown as Kysely<never>;
  await ensureTable(db);
  const applied = await appliedNames(db);
  const done = new Set(applied);
  return { applied, pending: migrations.map((m) => m.name).filter((n) => !done.has(n)) };
}

/**
 * Applies every pending migration in ONE transaction: either all of them and
 * their `schema_migrations` rows are committed, or the database is left as it
 * was (both SQLite and PostgreSQL have transactional DDL).
 */
export async function migrate<DB>(
  database: Database<DB>,
  migrations: readonly Migration[],
): Promise<string[]> {
  assertOrdered(migrations);
  const status = await migrationStatus(database, migrations);
  const known = new Set(migrations.map((m) => m.name));
  const unknown = status.applied.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new Error(`${database.label} has migrations this version does not know: ${unknown.join(', ')}`);
  }
  if (status.pending.length === 0) return [];
  const pending = migrations.filter((m) => status.pending.includes(m.name));
  await (database.kysely as unknown as Kysely<never>).transaction().execute(async (trx) => {
    for (const m of pending) {
      await m.up(trx, database.dialect);
      await sql`insert into schema_migrations (name, applied_at) values (${m.name}, ${new Date().toISOString()})`.execute(
        trx,
      );
    }
  });
  return pending.map((m) => m.name);
}

import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';

export type DialectName = 'sqlite' | 'postgres';

/** One opened database (a SQLite file or a PostgreSQL schema) and how to close it. */
export interface Database<DB> {
  readonly kysely: Kysely<DB>;
  readonly dialect: DialectName;
  /** A label for logs and errors (file name or schema), never a secret. */
  readonly label: string;
  close(): Promise<void>;
}

/**
 * Opens a SQLite file in WAL mode with `synchronous=FULL`: a commit returns
 * only after the WAL is fsynced, so an acknowledged write survives power loss.
 */
export function openSqlite<DB>(file: string): Database<DB> {
  const native = new BetterSqlite3(file);
  native.pragma('journal_mode = WAL');
  native.pragma('synchronous = FULL');
  native.pragma('foreign_keys = ON');
  native.pragma('busy_timeout = 5000');
  const kysely = new Kysely<DB>({ dialect: new SqliteDialect({ database: native }) });
  return {
    kysely,
    dialect: 'sqlite',
    label: file,
    close: () => kysely.destroy(),
  };
}

/** Quotes a PostgreSQL identifier that we generated ourselves (schema names). */
export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Refusing unsafe identifier ${name}`);
  return `"${name}"`;
}

/**
 * Opens a PostgreSQL schema: a small pool whose connections all have
 * `search_path` set to that schema only, so unqualified table names can reach
 * nothing else.
 */
export function openPostgresSchema<DB>(connectionString: string, schema: string, max = 5): Database<DB> {
  quoteIdent(schema);
  const pool = new pg.Pool({
    connectionString,
    max,
    idleTimeoutMillis: 10_000,
    options: `-c search_path=${schema}`,
  });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => undefined);
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', label: `schema ${schema}`, close: () => kysely.destroy() };
}

export async function ping<DB>(db: Database<DB>): Promise<void> {
  await sql`select 1`.execute(db.kysely);
}

/**
 * A Kysely instance (or transaction) over any of our databases. Used by the
 * shared pieces (audit, sessions, tokens) whose tables exist in the control and
 * in every tenant database; they narrow it to their own tables inside.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;

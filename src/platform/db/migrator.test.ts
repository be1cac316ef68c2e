import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, usePostgres } from '../../../test/support/postgres.js';
import { openPostgresSchema, openSqlite, type Database } from './database.js';
import { migrate, migrationStatus, type Migration } from './migrator.js';

let dir: string;
let pgUrl: string | undefined;
let drop: (() => Promise<void>) | undefined;
const opened: Database<unknown>[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-migr-'));
  if (usePostgres()) ({ url: pgUrl, drop } = await createTestDatabase());
});
afterAll(async () => {
  await Promise.all(opened.map((d) => d.close()));
  await drop?.();
  rmSync(dir, { recursive: true, force: true });
});

/** A new, empty database of the dialect under test. */
async function freshDb(): Promise<Database<unknown>> {
  const name = `m_${randomBytes(4).toString('hex')}`;
  let db: Database<unknown>;
  if (pgUrl) {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`create schema ${name}`);
    await client.end();
    db = openPostgresSchema(pgUrl, name, 2);
  } else {
    db = openSqlite(path.join(dir, `${name}.sqlite`));
  }
  opened.push(db);
  return db;
}

const k = (db: Database<unknown>) => db.kysely as unknown as Kysely<never>;

/** Tables and indexes in the database, sorted: a snapshot of its schema. */
async function schemaObjects(db: Database<unknown>): Promise<string[]> {
  const rows =
    db.dialect === 'postgres'
      ? await sql<{ name: string }>`select 'table:' || table_name as name from information_schema.tables
          where table_schema = current_schema()
          union all select 'index:' || indexname from pg_indexes where schemaname = current_schema()`.execute(
          k(db),
        )
      : await sql<{ name: string }>`select type || ':' || name as name from sqlite_master`.execute(k(db));
  return rows.rows.map((r) => r.name).sort();
}

async function appliedNames(db: Database<unknown>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(k(db));
  return rows.rows.map((r) => r.name);
}

function createTable(name: string, table: string, calls?: { n: number }): Migration {
  return {
    name,
    async up(db) {
      if (calls) calls.n += 1;
      await db.schema
        .createTable(table)
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .execute();
      await sql`insert into ${sql.table(table)} (id) values (1)`.execute(db);
    },
  };
}

describe('migrate', () => {
  it('applies pending migrations once, in order, and later only the new ones', async () => {
    const db = await freshDb();
    const calls = { n: 0 };
    const list = [createTable('0001_a', 'a', calls), createTable('0002_b', 'b', calls)];
    expect(await migrationStatus(db, list)).toEqual({ applied: [], pending: ['0001_a', '0002_b'] });
    expect(await migrate(db, list)).toEqual(['0001_a', '0002_b']);
    expect(await migrate(db, list)).toEqual([]);
    expect(calls.n).toBe(2);
    expect(await appliedNames(db)).toEqual(['0001_a', '0002_b']);
    const rows = await sql<{ id: number }>`select id from b`.execute(k(db));
    expect(rows.rows).toEqual([{ id: 1 }]);

    expect(await migrate(db, [...list, createTable('0003_c', 'c', calls)])).toEqual(['0003_c']);
    expect(calls.n).toBe(3);
    expect(await migrationStatus(db, list)).toMatchObject({ pending: [] });
  });

  it('leaves the database exactly as it was when a later migration fails', async () => {
    const db = await freshDb();
    const base = createTable('0001_base', 'base');
    await migrate(db, [base]);
    const before = await schemaObjects(db);
    expect(before.some((o) => o.endsWith(':base'))).toBe(true);

    const failing: Migration = {
      name: '0003_broken',
      async up(trx) {
        await trx.schema.createTable('broken').addColumn('id', 'integer').execute();
        throw new Error('boom in 0003');
      },
    };
    await expect(migrate(db, [base, createTable('0002_first', 'first'), failing])).rejects.toThrow(
      'boom in 0003',
    );
    expect(await schemaObjects(db)).toEqual(before);
    expect(before.some((o) => o.endsWith(':first') || o.endsWith(':broken'))).toBe(false);
    expect(await appliedNames(db)).toEqual(['0001_base']);
    expect(await migrationStatus(db, [base, createTable('0002_first', 'first')])).toEqual({
      applied: ['0001_base'],
      pending: ['0002_first'],
    });
  });

  it('refuses a database with applied migrations this version does not know', async () => {
    const db = await freshDb();
    await migrate(db, [createTable('0001_a', 'a'), createTable('0002_future', 'f')]);
    await expect(migrate(db, [createTable('0001_a', 'a')])).rejects.toThrow(/does not know: 0002_future/);
    expect(await appliedNames(db)).toEqual(['0001_a', '0002_future']);
  });

  it('refuses migration lists that are out of order or repeat a name', async () => {
    const db = await freshDb();
    await expect(migrate(db, [createTable('0002_b', 'b'), createTable('0001_a', 'a')])).rejects.toThrow(
      /ascending order/,
    );
    await expect(migrate(db, [createTable('0001_a', 'a'), createTable('0001_a', 'a2')])).rejects.toThrow(
      /unique names/,
    );
    expect((await schemaObjects(db)).some((o) => o.endsWith(':a'))).toBe(false);
  });
});

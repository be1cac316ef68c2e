import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openPostgresSchema, openSqlite, quoteIdent, type Database, type DialectName } from './database.js';
import { migrate, migrationStatus, type Migration } from './migrator.js';
import type { ControlDB, TenantDB } from './types.js';

export interface StorageOptions {
  dataDir: string;
  databaseUrl: string | undefined;
  controlMigrations: readonly Migration[];
  tenantMigrations: readonly Migration[];
}

const CONTROL_SCHEMA = 'yosan_control';
const tenantSchema = (tenantId: string): string => `yosan_t_${tenantId}`;

function assertTenantId(tenantId: string): void {
  if (!/^[a-z0-9]{32}$/.test(tenantId)) throw new Error('Invalid tenant id');
}

/**
 * Where databases live. The control database, and one database per tenant: a
 * SQLite file `<data>/tenants/<id>.sqlite`, or a PostgreSQL schema `yosan_t_<id>`
 * reached through a pool whose `search_path` is that schema alone. This class is
 * the only code that opens a tenant database (see TenantContext).
 */
export class Storage {
  readonly dialect: DialectName;
  readonly control: Database<ControlDB>;
  private readonly tenants = new Map<string, Database<TenantDB>>();
  private readonly options: StorageOptions;

  private constructor(options: StorageOptions, control: Database<ControlDB>) {
    this.options = options;
    this.dialect = control.dialect;
    this.control = control;
  }

  static async open(options: StorageOptions): Promise<Storage> {
    mkdirSync(options.dataDir, { recursive: true });
    let control: Database<ControlDB>;
    if (options.databaseUrl) {
      await createSchema(options.databaseUrl, CONTROL_SCHEMA);
      control = openPostgresSchema<ControlDB>(options.databaseUrl, CONTROL_SCHEMA, 10);
    } else {
      mkdirSync(path.join(options.dataDir, 'tenants'), { recursive: true });
      control = openSqlite<ControlDB>(path.join(options.dataDir, 'control.sqlite'));
    }
    return new Storage(options, control);
  }

  get tenantMigrations(): readonly Migration[] {
    return this.options.tenantMigrations;
  }

  migrateControl(): Promise<string[]> {
    return migrate(this.control, this.options.controlMigrations);
  }

  async controlPending(): Promise<string[]> {
    return (await migrationStatus(this.control, this.options.controlMigrations)).pending;
  }

  private sqliteFile(tenantId: string): string {
    return path.join(this.options.dataDir, 'tenants', `${tenantId}.sqlite`);
  }

  /** Creates and migrates a new tenant database. Fails if it exists already. */
  async createTenantDatabase(tenantId: string): Promise<Database<TenantDB>> {
    assertTenantId(tenantId);
    if (this.options.databaseUrl) {
      await createSchema(this.options.databaseUrl, tenantSchema(tenantId), true);
    } else if (existsSync(this.sqliteFile(tenantId))) {
      throw new Error(`Tenant database ${tenantId} exists already`);
    }
    const db = this.tenant(tenantId, true);
    await migrate(db, this.options.tenantMigrations);
    return db;
  }

  /** Opens (once, then cached) an existing tenant's database. */
  tenant(tenantId: string, allowCreate = false): Database<TenantDB> {
    assertTenantId(tenantId);
    const open = this.tenants.get(tenantId);
    if (open) return open;
    let db: Database<TenantDB>;
    if (this.options.databaseUrl) {
      db = openPostgresSchema<TenantDB>(this.options.databaseUrl, tenantSchema(tenantId), 4);
    } else {
      const file = this.sqliteFile(tenantId);
      if (!allowCreate && !existsSync(file)) throw new Error(`Tenant database ${tenantId} is missing`);
      db = openSqlite<TenantDB>(file);
    }
    this.tenants.set(tenantId, db);
    return db;
  }

  migrateTenant(tenantId: string): Promise<string[]> {
    return migrate(this.tenant(tenantId), this.options.tenantMigrations);
  }

  async tenantPending(tenantId: string): Promise<string[]> {
    return (await migrationStatus(this.tenant(tenantId), this.options.tenantMigrations)).pending;
  }

  /** Closes a tenant's cached connection (before its file is replaced by a restore). */
  async closeTenant(tenantId: string): Promise<void> {
    const open = this.tenants.get(tenantId);
    this.tenants.delete(tenantId);
    if (open) await open.close();
  }

  /** Removes a tenant's database entirely (used when creating a tenant fails half-way). */
  async dropTenantDatabase(tenantId: string): Promise<void> {
    assertTenantId(tenantId);
    const open = this.tenants.get(tenantId);
    this.tenants.delete(tenantId);
    if (open) await open.close();
    if (this.options.databaseUrl) {
      await runAdmin(
        this.options.databaseUrl,
        `drop schema if exists ${quoteIdent(tenantSchema(tenantId))} cascade`,
      );
    } else {
      const file = this.sqliteFile(tenantId);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    }
  }

  /**
   * Where a tenant's live database is: its SQLite file with the `-wal`/`-shm`/`-journal`
   * files that exist (and their sizes), or its PostgreSQL schema if it exists.
   */
  async tenantDatabaseArtefacts(tenantId: string): Promise<{ location: string; bytes: number | null }[]> {
    assertTenantId(tenantId);
    if (this.options.databaseUrl) {
      const schema = tenantSchema(tenantId);
      const found = await queryAdmin(
        this.options.databaseUrl,
        'select 1 from information_schema.schemata where schema_name = $1',
        [schema],
      );
      return found ? [{ location: `postgres schema ${schema}`, bytes: null }] : [];
    }
    const file = this.sqliteFile(tenantId);
    return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]
      .filter((f) => existsSync(f))
      .map((f) => ({ location: f, bytes: statSync(f).size }));
  }

  /**
   * Deletes a tenant's live database for good: the connection is closed, then each
   * SQLite file is overwritten with zeros, flushed and unlinked (PostgreSQL: the schema
   * is dropped with everything in it). Idempotent.
   */
  async destroyTenantDatabase(tenantId: string): Promise<void> {
    assertTenantId(tenantId);
    const open = this.tenants.get(tenantId);
    this.tenants.delete(tenantId);
    if (open) await open.close();
    if (!this.options.databaseUrl) {
      for (const a of await this.tenantDatabaseArtefacts(tenantId)) overwriteWithZeros(a.location);
    }
    await this.dropTenantDatabase(tenantId);
  }

  async close(): Promise<void> {
    const all = [...this.tenants.values()];
    this.tenants.clear();
    await Promise.all(all.map((d) => d.close()));
    await this.control.close();
  }
}

async function runAdmin(connectionString: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function queryAdmin(connectionString: string, statement: string, values: unknown[]): Promise<boolean> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(statement, values)).rowCount !== 0;
  } finally {
    await client.end();
  }
}

function overwriteWithZeros(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  try {
    const zeros = Buffer.alloc(Math.min(size, 1 << 20));
    for (let at = 0; at < size; at += zeros.length)
      writeSync(fd, zeros, 0, Math.min(zeros.length, size - at), at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function createSchema(connectionString: string, schema: string, mustBeNew = false): Promise<void> {
  await runAdmin(connectionString, `create schema ${mustBeNew ? '' : 'if not exists '}${quoteIdent(schema)}`);
}

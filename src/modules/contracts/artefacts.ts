import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { AppDeps } from '../../platform/server/context.js';
import {
  deleteTenantBackupArtefacts,
  destroyTenantKey,
  listTenantBackupArtefacts,
  tenantKeyExists,
  tenantKeyPath,
} from '../backups/index.js';
import { exportDir } from '../exports/service.js';
import { backupSourceFactories } from './backup-sources.js';
import { contractDb } from './tables.js';

/**
 * Everything a tenant leaves behind, as a registry of artefact sources. Each source
 * lists the tenant's artefacts it holds and deletes them, returning the evidence the
 * deletion certificate is made of. `delete` is idempotent: it removes whatever is left
 * and reports only what it removed in this call, so a restarted termination goes on
 * where it stopped. Sources run in registry order.
 */
export interface Artefact {
  /** Stable id within the source (a file name, a schema, a generation id). */
  id: string;
  /** Where it is (path, schema, backup location). */
  location: string;
  bytes: number | null;
}

export interface DeletionEvidence extends Artefact {
  /** Stable method code; described ja/en on the certificate (see certificate-html.ts). */
  method: string;
  deletedAt: string;
}

export interface ArtefactSource {
  /** Stable name, e.g. `live-database`, `exports`, `backups`, `replica`, `data-key`. */
  name: string;
  list(tenantId: string): Promise<Artefact[]>;
  delete(tenantId: string, now: Date): Promise<DeletionEvidence[]>;
}

/** Sources other modules plug in (backups, replica, data key), in the order they must run. */
export type ArtefactSourceFactory = (deps: AppDeps) => ArtefactSource;
const plugged: { order: number; factory: ArtefactSourceFactory }[] = [];

/**
 * Registers another module's source. `order` places it among the built-in ones:
 * exports 10, replica 20 (plug), live database 30, data key 40 (plug), backups 50
 * (plug), control records 90.
 */
export function registerArtefactSource(order: number, factory: ArtefactSourceFactory): void {
  plugged.push({ order, factory });
}

export function artefactSources(deps: AppDeps): ArtefactSource[] {
  const all = [
    { order: 10, factory: exportsSource },
    { order: 30, factory: liveDatabaseSource },
    ...backupSourceFactories({
      listTenantBackupArtefacts,
      deleteTenantBackupArtefacts,
      destroyTenantKey,
      tenantKeyExists,
      tenantKeyPath,
    }),
    ...plugged,
    { order: 90, factory: controlRecordsSource },
  ];
  return all.sort((a, b) => a.order - b.order).map((s) => s.factory(deps));
}

/** The tenant's live database: SQLite file with -wal/-shm, or PostgreSQL schema. */
export function liveDatabaseSource(deps: AppDeps): ArtefactSource {
  const storage = deps.storage;
  const list = async (tenantId: string) =>
    (await storage.tenantDatabaseArtefacts(tenantId)).map((a) => ({ id: path.basename(a.location), ...a }));
  return {
    name: 'live-database',
    list,
    async delete(tenantId, now) {
      const before = await list(tenantId);
      if (before.length === 0) return [];
      await storage.destroyTenantDatabase(tenantId);
      const method = storage.dialect === 'postgres' ? 'postgres-drop-schema' : 'sqlite-zero-unlink';
      return before.map((a) => ({ ...a, method, deletedAt: now.toISOString() }));
    },
  };
}

/** Customer export archives (and any half-built parts) under `<data>/exports/<tenant>/`. */
export function exportsSource(deps: AppDeps): ArtefactSource {
  const dir = (tenantId: string) => exportDir(deps.config.dataDir, tenantId);
  const list = (tenantId: string): Promise<Artefact[]> => {
    const d = dir(tenantId);
    if (!existsSync(d)) return Promise.resolve([]);
    return Promise.resolve(
      readdirSync(d).map((name) => {
        const p = path.join(d, name);
        const st = statSync(p);
        return { id: name, location: p, bytes: st.isFile() ? st.size : null };
      }),
    );
  };
  return {
    name: 'exports',
    list,
    async delete(tenantId, now) {
      const before = await list(tenantId);
      rmSync(dir(tenantId), { recursive: true, force: true });
      return before.map((a) => ({ ...a, method: 'file-unlink', deletedAt: now.toISOString() }));
    },
  };
}

/**
 * What the control database holds for the tenant: its queued and finished jobs (mail
 * jobs carry names and addresses), contract reminders and cancellations, and finally
 * its row in `tenants`. Kept on purpose: the operators' own audit log (append-only)
 * and the integrity checkpoints (hashes only), and the termination record itself.
 * On SQLite, freed pages are then wiped (`secure_delete`, `VACUUM`, WAL truncated).
 */
export function controlRecordsSource(deps: AppDeps): ArtefactSource {
  const control = deps.storage.control;
  const db = contractDb(control.kysely);
  const count = async (
    table: 'jobs' | 'contract_reminders' | 'termination_cancellations' | 'tenants',
    tenantId: string,
  ) => {
    const column = table === 'tenants' ? 'id' : 'tenant_id';
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .where(column, '=', tenantId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  };
  const counts = async (tenantId: string) => ({
    jobs: await count('jobs', tenantId),
    reminders: await count('contract_reminders', tenantId),
    cancellations: await count('termination_cancellations', tenantId),
    tenant: await count('tenants', tenantId),
  });
  const list = async (tenantId: string): Promise<Artefact[]> =>
    Object.entries(await counts(tenantId))
      .filter(([, n]) => n > 0)
      .map(([table, n]) => ({ id: table, location: `control database: ${table} (${n} rows)`, bytes: null }));
  return {
    name: 'control-records',
    list,
    async delete(tenantId, now) {
      const before = await list(tenantId);
      if (before.length === 0) return [];
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('jobs').where('tenant_id', '=', tenantId).execute();
        await trx.deleteFrom('contract_reminders').where('tenant_id', '=', tenantId).execute();
        await trx.deleteFrom('termination_cancellations').where('tenant_id', '=', tenantId).execute();
        await trx.deleteFrom('tenants').where('id', '=', tenantId).execute();
      });
      if (control.dialect === 'sqlite') {
        await sql`pragma secure_delete = on`.execute(control.kysely);
        await sql`vacuum`.execute(control.kysely);
        await sql`pragma wal_checkpoint(truncate)`.execute(control.kysely);
      } else {
        await sql`vacuum jobs`.execute(control.kysely);
      }
      const method = control.dialect === 'sqlite' ? 'control-rows-delete-vacuum' : 'control-rows-delete';
      return before.map((a) => ({ ...a, method, deletedAt: now.toISOString() }));
    },
  };
}

import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { appendAudit, SYSTEM_ACTOR, type Actor } from '../../platform/audit/audit-log.js';
import { newId } from '../../platform/crypto/tokens.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import { enqueueFromTenant } from '../../platform/jobs/queue.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { EXPORT_DAYS } from '../contracts/calendar.js';
import type { Kysely } from 'kysely';
import type { TenantDB } from '../../platform/db/types.js';
import { modelDb } from '../model/tables.js';
import { buildPackage } from '../packages/service.js';
import { buildArchive } from './archive.js';
import { exportDb, type ExportTable } from './tables.js';

/** Where a tenant's export archives are kept: `<data>/exports/<tenant id>/`. */
export function exportDir(dataDir: string, tenantId: string): string {
  return path.join(dataDir, 'exports', tenantId);
}

export function exportFile(dataDir: string, tenantId: string, exportId: string): string {
  return path.join(exportDir(dataDir, tenantId), `${exportId}.zip`);
}

const target = (id: string) => ({ type: 'export', id, label: null });

/** An org admin asks for an export of the whole tenant; built in the background. */
export async function requestExport(deps: AppDeps, ctx: TenantContext, actor: Actor): Promise<ExportTable> {
  const db = exportDb(ctx.db.kysely);
  const busy = await db
    .selectFrom('exports')
    .select('id')
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  if (busy) throw new AppError('EXPORT_IN_PROGRESS');
  const now = deps.clock().toISOString();
  const row: ExportTable = {
    id: newId(),
    status: 'queued',
    progress: 0,
    requested_by: actor.id,
    requested_by_name: actor.name,
    created_at: now,
    completed_at: null,
    expires_at: null,
    bytes: null,
    sha256: null,
    error: null,
    downloads: 0,
  };
  await inTransaction(ctx.db, async (tx) => {
    await exportDb(tx.db).insertInto('exports').values(row).execute();
    await appendAudit(tx, actor, { kind: 'operation', action: 'export.request', target: target(row.id) });
    await enqueueFromTenant(
      tx,
      ctx.tenant.id,
      { type: 'export.build', payload: { exportId: row.id }, maxAttempts: 3 },
      (id) => deps.relayTenantOutbox(id),
    );
  });
  return row;
}

export function listExports(ctx: TenantContext): Promise<ExportTable[]> {
  return exportDb(ctx.db.kysely)
    .selectFrom('exports')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
}

/** The job: builds the archive with progress; idempotent (a finished export is left as it is). */
export async function buildExport(deps: AppDeps, tenantId: string, exportId: string): Promise<void> {
  const tenant = await deps.storage.control.kysely
    .selectFrom('tenants')
    .selectAll()
    .where('id', '=', tenantId)
    .executeTakeFirst();
  if (!tenant || tenant.status === 'closed') return;
  const tdb = deps.storage.tenant(tenantId);
  const db = exportDb(tdb.kysely);
  const row = await db.selectFrom('exports').selectAll().where('id', '=', exportId).executeTakeFirst();
  if (!row || row.status === 'ready' || row.status === 'expired') return;
  const set = (values: Partial<ExportTable>) =>
    db.updateTable('exports').set(values).where('id', '=', exportId).execute();
  await set({ status: 'running', progress: 0, error: null });
  mkdirSync(exportDir(deps.config.dataDir, tenantId), { recursive: true });
  try {
    const built = await buildArchive(
      tdb.kysely,
      {
        tenant: { id: tenant.id, slug: tenant.slug, displayName: tenant.display_name },
        exportId,
        createdAt: deps.clock().toISOString(),
      },
      exportFile(deps.config.dataDir, tenantId, exportId),
      async (progress) => {
        await set({ progress });
      },
      await modelPackage(deps, tdb.kysely, tenant.slug),
    );
    const now = deps.clock();
    await set({
      status: 'ready',
      progress: 100,
      completed_at: now.toISOString(),
      expires_at: new Date(now.getTime() + EXPORT_DAYS * 86_400_000).toISOString(),
      bytes: built.bytes,
      sha256: built.sha256,
    });
  } catch (error) {
    await set({
      status: 'failed',
      error: (error instanceof Error ? error.message : String(error)).slice(0, 300),
    });
    throw error;
  }
}

/** Checks that the export can be downloaded, writes the audit entry, and returns the file. */
export async function openDownload(
  deps: AppDeps,
  ctx: TenantContext,
  exportId: string,
  actor: Actor,
): Promise<{ file: string; row: ExportTable }> {
  const db = exportDb(ctx.db.kysely);
  const row = await db.selectFrom('exports').selectAll().where('id', '=', exportId).executeTakeFirst();
  if (!row) throw new AppError('EXPORT_NOT_FOUND');
  const file = exportFile(deps.config.dataDir, ctx.tenant.id, exportId);
  const now = deps.clock().toISOString();
  if (row.status !== 'ready' || !row.expires_at || row.expires_at <= now || !existsSync(file))
    throw new AppError('EXPORT_NOT_READY');
  await inTransaction(ctx.db, async (tx) => {
    await exportDb(tx.db)
      .updateTable('exports')
      .set({ downloads: row.downloads + 1 })
      .where('id', '=', exportId)
      .execute();
    await appendAudit(tx, actor, {
      kind: 'operation',
      action: 'export.download',
      target: target(exportId),
      summary: { sha256: row.sha256, bytes: row.bytes },
    });
  });
  return { file, row };
}

/** Daily: deletes archives past their 7 days (file first, then the row says so, with an audit entry). */
export async function expireExports(deps: AppDeps, now: Date): Promise<number> {
  const tenants = await deps.storage.control.kysely
    .selectFrom('tenants')
    .select('id')
    .where('status', '!=', 'closed')
    .execute();
  let expired = 0;
  for (const t of tenants) {
    const tdb = deps.storage.tenant(t.id);
    const due = await exportDb(tdb.kysely)
      .selectFrom('exports')
      .select('id')
      .where('status', '=', 'ready')
      .where('expires_at', '<=', now.toISOString())
      .execute();
    for (const e of due) {
      rmSync(exportFile(deps.config.dataDir, t.id, e.id), { force: true });
      await inTransaction(tdb, async (tx) => {
        await exportDb(tx.db)
          .updateTable('exports')
          .set({ status: 'expired' })
          .where('id', '=', e.id)
          .execute();
        await appendAudit(tx, SYSTEM_ACTOR, {
          kind: 'operation',
          action: 'export.expire',
          target: target(e.id),
        });
      });
      expired += 1;
    }
  }
  return expired;
}

/**
 * The whole planning model with its figures as one package (`model.yosanpkg`), so the export's
 * content installs into any Yosan as it is (Packages → Import). Nothing when the model is empty.
 */
async function modelPackage(
  deps: AppDeps,
  db: Kysely<TenantDB>,
  slug: string,
): Promise<{ path: string; rows: number; content: Buffer }[]> {
  const ids = (await modelDb(db).selectFrom('model_objects').select('id').execute()).map((r) => r.id);
  if (ids.length === 0) return [];
  const { file, manifest } = await buildPackage(deps, modelDb(db), {
    code: `${slug}-export`.slice(0, 64),
    version: '1.0.0',
    nameJa: `${slug} のモデル（エクスポート）`,
    nameEn: `${slug} model (export)`,
    description: '',
    objectIds: ids,
    withFigures: true,
  });
  return [{ path: 'model.yosanpkg', rows: manifest.objects.length, content: file }];
}

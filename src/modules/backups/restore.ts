import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import { CONTROL_SCOPE, locations, scratchFile, sqliteFileOf, type BackupDeps } from './context.js';
import { pgReplaceSchema } from './pg.js';
import { recordEvent } from './events.js';
import { syncDir } from './keys.js';
import { BACKUP_KINDS, listGenerations, type Generation } from './layout.js';
import { backupScope } from './run.js';
import { verifyGeneration } from './verify.js';

export function findGeneration(deps: BackupDeps, scope: string, name: string): Generation | undefined {
  for (const kind of BACKUP_KINDS) {
    const g = listGenerations(locations(deps.config), kind, scope).find((x) => x.name === name);
    if (g) return g;
  }
  return undefined;
}

export interface RestoreResult {
  tenantId: string;
  generation: string;
  kind: string;
  preRestoreGeneration: string | null;
}

/**
 * Restores a tenant's database from a generation. It is decrypted and verified first
 * (SQLite: a new file beside the live one, integrity check; PostgreSQL: restored into a new
 * scratch database) with row counts and audit head compared to the manifest; then the live
 * database is kept as a `pre-restore` generation and swapped: SQLite renames the new file
 * over it (atomic), PostgreSQL drops and re-creates the schema in one transaction. Nothing
 * changes if any step before the swap fails. Stop the server first (SQLite: its open
 * connection would keep the old file).
 */
export async function restoreTenant(
  deps: BackupDeps,
  tenantId: string,
  generation: string,
  actor: Actor,
): Promise<RestoreResult> {
  const g = findGeneration(deps, tenantId, generation);
  if (!g) throw new AppError('BACKUP_GENERATION_NOT_FOUND', { params: { generation } });
  const startedAt = deps.clock().toISOString();
  const pg = deps.storage.dialect === 'postgres';
  const live = sqliteFileOf(deps.config, tenantId);
  const incoming = pg
    ? scratchFile(deps.config, tenantId, `restoring-${g.name}.sql`)
    : path.join(path.dirname(live), `${tenantId}.restoring-${g.name}.sqlite`);
  rmSync(incoming, { force: true });
  const v = await verifyGeneration(deps, g.dir, g.manifest, { thorough: true, keepRestored: incoming });
  if (!v.ok) {
    await recordEvent(deps.storage.control.kysely, {
      scope: tenantId,
      type: 'restore',
      kind: g.kind,
      generation: g.name,
      outcome: 'failed',
      started_at: startedAt,
      finished_at: deps.clock().toISOString(),
      detail: { problems: v.problems },
    });
    throw new AppError('BACKUP_VERIFY_FAILED', { params: { problems: v.problems.join('; ') } });
  }
  try {
    // The database being replaced is kept (encrypted) so the restore itself can be undone.
    const pre = pg || existsSync(live) ? await backupScope(deps, tenantId, 'pre-restore') : null;
    await deps.storage.closeTenant(tenantId);
    if (pg) await pgReplaceSchema(deps.config.databaseUrl!, `yosan_t_${tenantId}`, incoming);
    else {
      for (const f of [`${live}-wal`, `${live}-shm`]) rmSync(f, { force: true });
      renameSync(incoming, live);
      syncDir(path.dirname(live));
    }
    await deps.storage.migrateTenant(tenantId);
    const summary = {
      generation: g.name,
      kind: g.kind,
      takenAt: g.manifest.createdAt,
      preRestore: pre?.generation ?? null,
    };
    await inTransaction(deps.storage.tenant(tenantId), (tx) =>
      appendAudit(tx, actor, {
        kind: 'operation',
        action: 'backup.restored',
        target: { type: 'tenant', id: tenantId },
        summary,
      }),
    );
    await inTransaction(deps.storage.control, (tx) =>
      appendAudit(tx, actor, {
        kind: 'operation',
        action: 'backup.restore',
        target: { type: 'tenant', id: tenantId },
        summary,
      }),
    );
    await recordEvent(deps.storage.control.kysely, {
      scope: tenantId,
      type: 'restore',
      kind: g.kind,
      generation: g.name,
      outcome: 'ok',
      started_at: startedAt,
      finished_at: deps.clock().toISOString(),
      detail: summary,
    });
    return { tenantId, generation: g.name, kind: g.kind, preRestoreGeneration: pre?.generation ?? null };
  } finally {
    rmSync(incoming, { force: true });
  }
}

export const isControl = (scope: string): boolean => scope === CONTROL_SCOPE;

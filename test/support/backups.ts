import { randomBytes } from 'node:crypto';
import { appendAudit, SYSTEM_ACTOR } from '../../src/platform/audit/audit-log.js';
import { loadConfig } from '../../src/platform/config/config.js';
import type { Storage } from '../../src/platform/db/storage.js';
import { inTransaction } from '../../src/platform/db/unit-of-work.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import type { BackupDeps } from '../../src/modules/backups/context.js';

/** Backup deps over a test storage, with a settable clock. */
export function backupDeps(
  storage: Storage,
  dir: string,
  databaseUrl: string | undefined,
  clock: { now: Date },
): BackupDeps {
  const config = loadConfig({
    env: { YOSAN_DATA_DIR: dir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
  });
  return {
    config,
    storage,
    clock: () => clock.now,
    logger: createLogger({ level: 'silent', timeZone: 'Asia/Tokyo' }),
  };
}

export const newTenantId = (): string => randomBytes(16).toString('hex');

/** Appends `n` audit entries carrying `marker` to a tenant database (data that must survive a restore). */
export async function writeMarkers(storage: Storage, tenantId: string, marker: string, n = 3): Promise<void> {
  for (let i = 0; i < n; i++) {
    await inTransaction(storage.tenant(tenantId), (tx) =>
      appendAudit(tx, SYSTEM_ACTOR, { kind: 'operation', action: 'test.marker', summary: { marker, i } }),
    );
  }
}

export async function auditCount(storage: Storage, tenantId: string): Promise<number> {
  const r = await storage
    .tenant(tenantId)
    .kysely.selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Child process of the backup crash test: runs one backup of a tenant and, on reaching
 * `stage`, prints `PAUSED <stage>` and waits to be killed (SIGKILL).
 *
 *   node --import tsx test/support/backup-crash-runner.ts <dataDir> <databaseUrl|-> <tenantId> <kind> <stage>
 */
import { controlMigrations, tenantMigrations } from '../../src/migrations/index.js';
import { backupScope } from '../../src/modules/backups/index.js';
import type { BackupKind } from '../../src/modules/backups/layout.js';
import { Storage } from '../../src/platform/db/storage.js';
import { backupDeps } from './backups.js';

const [dataDir = '', url = '-', tenantId = '', kind = 'daily', stage = 'sealed'] = process.argv.slice(2);
const databaseUrl = url === '-' ? undefined : url;
const storage = await Storage.open({ dataDir, databaseUrl, controlMigrations, tenantMigrations });
const deps = backupDeps(storage, dataDir, databaseUrl, { now: new Date() });
await backupScope(deps, tenantId, kind as BackupKind, {
  stage: async (s) => {
    if (s !== stage) return;
    process.stdout.write(`PAUSED ${s}\n`);
    await new Promise(() => undefined);
  },
});
process.stdout.write('DONE\n');
await storage.close();

/**
 * Backups, replication, restore drills and restore (issue #8, first half).
 *
 * Public API (other modules use only this file):
 *
 * - `listTenantBackupArtefacts(deps, tenantId)` → every file kept for a tenant: the replica,
 *   each daily (primary location) and weekly (secondary location) generation, their
 *   manifests, the `pre-restore` copy of a restore, and leftovers of killed runs; each with
 *   kind, generation, role, location, path, bytes, created time.
 * - `deleteTenantBackupArtefacts(deps, tenantId, { kinds? })` → deletes them and returns
 *   what was deleted, when and how (for the deletion certificate).
 * - Key store: `destroyTenantKey(deps, tenantId)` (cryptographic erase: overwrites and
 *   unlinks the wrapped data key; returns when/how) and `tenantKeyExists(deps, tenantId)`;
 *   `tenantKeyPath(deps, tenantId)` names the file for the certificate.
 * - `backupStatus(deps, scope)` → newest generation of each kind, replica age, last drill
 *   and its outcome, whether the key exists (operator console, org admin page, trust page).
 * - `backupScope(deps, scope, kind)`, `drillScope(deps, scope)`, `restoreTenant(...)`:
 *   what the jobs, the CLI (`yosan backup run|list|drill|restore`) and the console call.
 *
 * `deps` is an `AppDeps` (or any `BackupDeps`: config, storage, clock, logger). A scope is
 * `control` or a tenant id. Layout, format and key handling: docs/backups.md.
 */
import { keyStore, type BackupDeps } from './context.js';
import { destroyDataKey, keyExists, type KeyDestruction } from './keys.js';

export type { BackupDeps } from './context.js';
export { CONTROL_SCOPE } from './context.js';
export { listTenantBackupArtefacts, deleteTenantBackupArtefacts, tenantKeyPath } from './artefacts.js';
export type { BackupArtefact, DeletedArtefact } from './artefacts.js';
export { backupStatus, type BackupStatus } from './status.js';
export { backupScope, type RunResult } from './run.js';
export { drillScope, type DrillResult } from './drill.js';
export { restoreTenant, findGeneration } from './restore.js';
export type { BackupKind } from './layout.js';

/** Cryptographic erase of a tenant's data key (idempotent). */
export function destroyTenantKey(
  deps: Pick<BackupDeps, 'config' | 'clock'>,
  tenantId: string,
): KeyDestruction {
  return destroyDataKey(keyStore(deps.config), tenantId, deps.clock());
}

/** Whether the tenant's data key still exists. */
export function tenantKeyExists(deps: Pick<BackupDeps, 'config'>, tenantId: string): boolean {
  return keyExists(keyStore(deps.config), tenantId);
}

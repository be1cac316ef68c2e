import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { locations, type BackupDeps } from './context.js';
import { keyFile, syncDir } from './keys.js';
import {
  BACKUP_KINDS,
  MANIFEST_FILE,
  listGenerations,
  listLeftovers,
  scopeDir,
  type BackupKind,
  type LocationName,
} from './layout.js';
import { keyStore, scratchLeftovers } from './context.js';

/** One file kept for a tenant by the backup module. */
export interface BackupArtefact {
  /** `scratch`: a plaintext file in the data folder that an interrupted run left. */
  kind: BackupKind | 'scratch';
  /** Generation folder name; `null` for a leftover temporary folder. */
  generation: string | null;
  /** `data` (encrypted copy), `manifest`, or `incomplete` (part of a run that never finished). */
  role: 'data' | 'manifest' | 'incomplete';
  /** `data`: a plaintext scratch file in the data folder that a killed process left. */
  location: LocationName | 'data';
  path: string;
  bytes: number;
  createdAt: string;
}

function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir).map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

/**
 * Every file the backup module keeps for a tenant: the replica, each daily and weekly
 * generation (with its location), manifests, the database a restore replaced, and any
 * temporary folder a killed run left. The data key is not listed here (see the key store).
 */
export function listTenantBackupArtefacts(
  deps: Pick<BackupDeps, 'config'>,
  tenantId: string,
): BackupArtefact[] {
  const loc = locations(deps.config);
  const out: BackupArtefact[] = [];
  for (const kind of BACKUP_KINDS) {
    for (const g of listGenerations(loc, kind, tenantId)) {
      for (const file of filesIn(g.dir)) {
        const s = statSync(file);
        out.push({
          kind,
          generation: g.name,
          role: path.basename(file) === MANIFEST_FILE ? 'manifest' : 'data',
          location: g.location,
          path: file,
          bytes: s.size,
          createdAt: g.manifest.createdAt,
        });
      }
    }
    for (const l of listLeftovers(loc, kind, tenantId)) {
      for (const file of filesIn(l.dir)) {
        out.push({
          kind,
          generation: null,
          role: 'incomplete',
          location: l.location,
          path: file,
          bytes: statSync(file).size,
          createdAt: l.createdAt,
        });
      }
    }
  }
  for (const file of scratchLeftovers(deps.config, tenantId)) {
    const s = statSync(file);
    out.push({
      kind: 'scratch',
      generation: null,
      role: 'incomplete',
      location: 'data',
      path: file,
      bytes: s.size,
      createdAt: s.mtime.toISOString(),
    });
  }
  return out;
}

export interface DeletedArtefact extends BackupArtefact {
  deletedAt: string;
  method: string;
}

/**
 * Deletes a tenant's backup files of the given kinds (default: all; plaintext scratch files
 * an interrupted run left are always deleted) and returns what was
 * deleted, when and how — for the deletion certificate. The files are AES-256-GCM
 * ciphertext under the tenant's data key; destroy that key too for a cryptographic erase.
 */
export function deleteTenantBackupArtefacts(
  deps: Pick<BackupDeps, 'config' | 'clock'>,
  tenantId: string,
  opts: { kinds?: readonly BackupKind[] } = {},
): DeletedArtefact[] {
  if (!/^[a-z0-9]{32}$/.test(tenantId)) throw new Error('Invalid tenant id');
  const kinds = opts.kinds ?? BACKUP_KINDS;
  const loc = locations(deps.config);
  const doomed = listTenantBackupArtefacts(deps, tenantId).filter(
    (a) => a.kind === 'scratch' || kinds.includes(a.kind),
  );
  const deleted: DeletedArtefact[] = [];
  for (const a of doomed) {
    rmSync(a.path, { force: true });
    deleted.push({
      ...a,
      deletedAt: deps.clock().toISOString(),
      method:
        a.location === 'data'
          ? 'unlinked (plaintext scratch copy left by an interrupted run)'
          : `unlinked (AES-256-GCM ciphertext under the tenant's data key; ${a.location} location)`,
    });
  }
  for (const kind of kinds) {
    const dir = scopeDir(loc, kind, tenantId);
    rmSync(dir, { recursive: true, force: true });
    syncDir(path.dirname(dir));
  }
  return deleted;
}

/** Where the tenant's wrapped data key lives (for the deletion certificate). */
export const tenantKeyPath = (deps: Pick<BackupDeps, 'config'>, tenantId: string): string =>
  keyFile(keyStore(deps.config), tenantId);

import path from 'node:path';
import type { AppDeps } from '../../platform/server/context.js';
import type { ArtefactSource, DeletionEvidence } from './artefacts.js';

/**
 * Artefact sources over the backups module (replica, data key, backup generations at
 * both locations). Written against the backups module's public API, given as `api`, so
 * this module does not reach into its files; registered in `register-sources.ts`.
 */
/** The backups module's kinds of copies. */
export type BackupKindName = 'replica' | 'daily' | 'weekly' | 'pre-restore';

export interface BackupFile {
  /** `scratch`: a plaintext copy an interrupted run left (deleted with any kind). */
  kind: BackupKindName | 'scratch';
  generation: string | null;
  role: string;
  location: string;
  path: string;
  bytes: number;
}

export interface BackupsApi {
  listTenantBackupArtefacts(deps: AppDeps, tenantId: string): BackupFile[];
  deleteTenantBackupArtefacts(
    deps: AppDeps,
    tenantId: string,
    opts: { kinds?: readonly BackupKindName[] },
  ): (BackupFile & { deletedAt: string })[];
  destroyTenantKey(deps: AppDeps, tenantId: string): { destroyed: boolean; at: string };
  tenantKeyExists(deps: AppDeps, tenantId: string): boolean;
  tenantKeyPath(deps: AppDeps, tenantId: string): string;
}

const artefactOf = (f: BackupFile) => ({
  id: `${f.kind}/${f.generation ?? 'incomplete'}/${path.basename(f.path)}`,
  location: `${f.location}: ${f.path}`,
  bytes: f.bytes,
});

function filesSource(
  name: string,
  kinds: readonly BackupKindName[],
  listed: readonly BackupFile['kind'][],
  api: BackupsApi,
  deps: AppDeps,
): ArtefactSource {
  const list = (tenantId: string) =>
    Promise.resolve(
      api
        .listTenantBackupArtefacts(deps, tenantId)
        .filter((f) => listed.includes(f.kind))
        .map(artefactOf),
    );
  return {
    name,
    list,
    delete(tenantId) {
      const deleted = api.deleteTenantBackupArtefacts(deps, tenantId, { kinds });
      return Promise.resolve(
        deleted.map((f): DeletionEvidence => ({
          ...artefactOf(f),
          method: 'backup-unlink',
          deletedAt: f.deletedAt,
        })),
      );
    },
  };
}

/** The replica (order 20), the data key (40) and the backup generations (50). */
export function backupSourceFactories(api: BackupsApi) {
  return [
    { order: 20, factory: (deps: AppDeps) => filesSource('replica', ['replica'], ['replica'], api, deps) },
    {
      order: 40,
      factory: (deps: AppDeps): ArtefactSource => ({
        name: 'data-key',
        list: (tenantId) =>
          Promise.resolve(
            api.tenantKeyExists(deps, tenantId)
              ? [{ id: 'data-key', location: api.tenantKeyPath(deps, tenantId), bytes: null }]
              : [],
          ),
        delete(tenantId) {
          const location = api.tenantKeyPath(deps, tenantId);
          const d = api.destroyTenantKey(deps, tenantId);
          return Promise.resolve(
            d.destroyed
              ? [{ id: 'data-key', location, bytes: null, method: 'key-destroy', deletedAt: d.at }]
              : [],
          );
        },
      }),
    },
    {
      order: 50,
      factory: (deps: AppDeps) =>
        filesSource(
          'backups',
          ['daily', 'weekly', 'pre-restore'],
          ['daily', 'weekly', 'pre-restore', 'scratch'],
          api,
          deps,
        ),
    },
  ];
}

import { backupDb, lastEvent } from './events.js';
import { keyExists } from './keys.js';
import { keyStore, locations, type BackupDeps } from './context.js';
import { listGenerations, type LocationName } from './layout.js';

export interface KindStatus {
  kind: 'replica' | 'daily' | 'weekly';
  location: LocationName;
  generations: number;
  /** When the newest counted generation was taken (UTC), or null. */
  lastAt: string | null;
  lastGeneration: string | null;
  /** The last run of this kind that failed, if it came after the newest generation. */
  lastFailure: { at: string; reason: string } | null;
}

export interface BackupStatus {
  scope: string;
  engine: 'sqlite' | 'postgres';
  kinds: KindStatus[];
  /** Age of the replica in seconds (null: none, or PostgreSQL where WAL archiving keeps it). */
  replicaAgeSeconds: number | null;
  lastDrill: { at: string; ok: boolean; kinds: { kind: string; ok: boolean; problems: string[] }[] } | null;
  keyExists: boolean;
}

/**
 * The backup facts of a scope (a tenant id or `control`): the newest generation of each
 * kind, the replica's age, and the last restore drill with its outcome — for the operator
 * console, the org admin's page, and a trust page. Only metadata, never content.
 */
export async function backupStatus(deps: BackupDeps, scope: string): Promise<BackupStatus> {
  const loc = locations(deps.config);
  const kinds: KindStatus[] = [];
  for (const kind of ['replica', 'daily', 'weekly'] as const) {
    const gens = listGenerations(loc, kind, scope);
    const newest = gens.at(-1);
    const failed = await lastEvent(deps.storage.control.kysely, scope, 'backup', kind);
    const lastFailure =
      failed && failed.outcome === 'failed' && (!newest || failed.finished_at > newest.manifest.createdAt)
        ? {
            at: failed.finished_at,
            reason: String((JSON.parse(failed.detail) as { error?: string }).error ?? ''),
          }
        : null;
    kinds.push({
      kind,
      location: kind === 'weekly' ? 'secondary' : 'primary',
      generations: gens.length,
      lastAt: newest?.manifest.createdAt ?? null,
      lastGeneration: newest?.name ?? null,
      lastFailure,
    });
  }
  const replica = kinds[0]!.lastAt;
  const replicaAgeSeconds = replica
    ? Math.max(0, Math.round((deps.clock().getTime() - new Date(replica).getTime()) / 1000))
    : null;
  const drill = await lastEvent(deps.storage.control.kysely, scope, 'drill');
  let lastDrill: BackupStatus['lastDrill'] = null;
  if (drill) {
    // Every kind of the same drill (one row per kind, sharing the drill's start time).
    const rows = await backupDb(deps.storage.control.kysely)
      .selectFrom('backup_events')
      .selectAll()
      .where('scope', '=', scope)
      .where('type', '=', 'drill')
      .where('started_at', '=', drill.started_at)
      .orderBy('finished_at', 'desc')
      .execute();
    const byKind = new Map<string, (typeof rows)[number]>();
    for (const r of rows) if (!byKind.has(r.kind)) byKind.set(r.kind, r);
    const list = [...byKind.values()].map((r) => ({
      kind: r.kind,
      ok: r.outcome === 'ok',
      problems: (JSON.parse(r.detail) as { problems?: string[] }).problems ?? [],
    }));
    lastDrill = { at: drill.finished_at, ok: list.every((k) => k.ok), kinds: list };
  }
  return {
    scope,
    engine: deps.storage.dialect,
    kinds,
    replicaAgeSeconds: deps.storage.dialect === 'sqlite' ? replicaAgeSeconds : null,
    lastDrill,
    keyExists: keyExists(keyStore(deps.config), scope),
  };
}

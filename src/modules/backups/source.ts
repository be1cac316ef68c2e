import { statSync } from 'node:fs';
import { CONTROL_SCOPE, sqliteFileOf, type BackupDeps } from './context.js';
import { pgDumpScope } from './pg.js';
import { snapshotSqlite, type DatabaseFacts } from './snapshot.js';

export interface SourceCopy {
  /** A plaintext copy in the scratch folder (SQLite file, or a pg_dump script). */
  file: string;
  takenAt: Date;
  facts: DatabaseFacts;
}

/**
 * Size and modification time of the live SQLite file and its WAL: unchanged means no
 * write since (so a replica need not be copied again). Null for PostgreSQL.
 */
export async function sourceFingerprint(deps: BackupDeps, scope: string): Promise<string | null> {
  if (deps.storage.dialect !== 'sqlite') return null;
  const file = sqliteFileOf(deps.config, scope);
  const parts = [file, `${file}-wal`].map((f) => {
    try {
      const s = statSync(f);
      return `${s.size}:${s.mtimeMs}`;
    } catch {
      return '-';
    }
  });
  return Promise.resolve(parts.join('|'));
}

/** A consistent copy of the scope's database taken while writes continue. */
export async function takeCopy(deps: BackupDeps, scope: string, dest: string): Promise<SourceCopy> {
  if (deps.storage.dialect === 'postgres') {
    const url = deps.config.databaseUrl!;
    const schema = scope === CONTROL_SCOPE ? 'yosan_control' : `yosan_t_${scope}`;
    const takenAt = deps.clock();
    const { facts } = await pgDumpScope(url, schema, dest);
    return { file: dest, takenAt, facts };
  }
  const takenAt = deps.clock();
  const facts = await snapshotSqlite(sqliteFileOf(deps.config, scope), dest);
  return { file: dest, takenAt, facts };
}

import { inTransaction } from '../../platform/db/unit-of-work.js';
import { enqueue, type JobPayloads } from '../../platform/jobs/queue.js';
import type { Schedule } from '../../platform/jobs/scheduler.js';
import { allScopes, locations, type BackupDeps } from './context.js';
import { drillScope } from './drill.js';
import { isDue } from './keep-set.js';
import { listGenerations } from './layout.js';
import { backupScope } from './run.js';

export interface Failure {
  what: string;
  details: string;
}

/** E-mails every operator about failures (through the job queue, in their language). */
export async function alertOperators(deps: BackupDeps, failures: readonly Failure[]): Promise<void> {
  if (failures.length === 0) return;
  const control = deps.storage.control;
  const operators = await control.kysely
    .selectFrom('operators')
    .select(['email', 'locale'])
    .where('password_hash', 'is not', null)
    .execute();
  const at = deps.clock().toISOString();
  await inTransaction(control, async (tx) => {
    for (const op of operators) {
      for (const f of failures.slice(0, 20)) {
        await enqueue(tx, {
          type: 'mail.send',
          payload: {
            template: 'backupFailure',
            to: op.email,
            locale: op.locale,
            timeZone: deps.config.timeZone,
            params: { what: f.what, details: f.details.slice(0, 1000), at },
          },
        });
      }
    }
  });
}

/** Runs the backups a `backup.run` job asks for; every failure is recorded and e-mailed, none stops the rest. */
export async function runBackups(deps: BackupDeps, p: JobPayloads['backup.run']): Promise<Failure[]> {
  const failures: Failure[] = [];
  const scopes = (await allScopes(deps)).filter((s) => p.scope === undefined || s.scope === p.scope);
  for (const { scope, label, timeZone } of scopes) {
    for (const kind of p.kinds) {
      if (kind === 'replica' && deps.storage.dialect !== 'sqlite') continue;
      if (kind !== 'replica' && !p.force) {
        const gens = listGenerations(locations(deps.config), kind, scope).map((g) => ({
          name: g.name,
          createdAt: g.manifest.createdAt,
        }));
        if (!isDue(kind, gens, deps.clock(), timeZone)) continue;
      }
      try {
        await backupScope(deps, scope, kind);
      } catch (error) {
        failures.push({
          what: `${kind} backup of ${label}`,
          details: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
  return failures;
}

export async function runDrills(deps: BackupDeps, p: JobPayloads['backup.drill']): Promise<Failure[]> {
  const failures: Failure[] = [];
  for (const { scope, label } of await allScopes(deps)) {
    if (p.scope !== undefined && scope !== p.scope) continue;
    const r = await drillScope(deps, scope);
    for (const k of r.kinds.filter((x) => !x.ok))
      failures.push({ what: `restore drill of ${label} (${k.kind})`, details: k.problems.join('; ') });
  }
  return failures;
}

/** Job handlers for the worker (wired in runtime/bootstrap.ts). */
export function backupJobHandlers(deps: BackupDeps) {
  return {
    'backup.run': async (p: JobPayloads['backup.run']) => alertOperators(deps, await runBackups(deps, p)),
    'backup.drill': async (p: JobPayloads['backup.drill']) => alertOperators(deps, await runDrills(deps, p)),
  };
}

/**
 * Schedules (croner, installation time zone — JST by default): only enqueue jobs. The
 * replica every `YOSAN_BACKUP_REPLICA_MINUTES`; every hour at :15 a daily/weekly run that
 * makes a generation only where none exists yet for the current day / ISO week in the
 * tenant's own zone (so a missed night is caught up within the hour after start, and a
 * tenant's day begins at its midnight); drills on Sundays at 04:45.
 */
export function backupSchedules(deps: BackupDeps): Schedule[] {
  const tz = deps.config.timeZone;
  const put =
    <T extends 'backup.run' | 'backup.drill'>(type: T, payload: JobPayloads[T]) =>
    () =>
      inTransaction(deps.storage.control, (tx) => enqueue(tx, { type, payload, maxAttempts: 1 })).then(
        () => undefined,
      );
  return [
    {
      name: 'backup.replica',
      pattern: `*/${deps.config.backupReplicaMinutes} * * * *`,
      timeZone: tz,
      run: put('backup.run', { kinds: ['replica'] }),
    },
    {
      name: 'backup.generations',
      pattern: '15 * * * *',
      timeZone: tz,
      run: put('backup.run', { kinds: ['daily', 'weekly'] }),
    },
    { name: 'backup.drill', pattern: '45 4 * * 0', timeZone: tz, run: put('backup.drill', {}) },
  ];
}

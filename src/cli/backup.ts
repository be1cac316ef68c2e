import { connect } from 'node:net';
import { appendAudit, type Actor } from '../platform/audit/audit-log.js';
import { inTransaction } from '../platform/db/unit-of-work.js';
import type { AppDeps } from '../platform/server/context.js';
import { formatInZone } from '../platform/time/zoned.js';
import { CONTROL_SCOPE, backupStatus, drillScope, restoreTenant } from '../modules/backups/index.js';
import { allScopes, locations } from '../modules/backups/context.js';
import { alertOperators, runBackups } from '../modules/backups/jobs.js';
import { BACKUP_KINDS, listGenerations } from '../modules/backups/layout.js';

export interface BackupCliOptions {
  tenant: string | undefined;
  kind: string | undefined;
  from: string | undefined;
  json: boolean;
  force: boolean;
}

/** Whether something answers on the configured HTTPS port (a running Yosan server). */
function serverListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: host === '0.0.0.0' ? '127.0.0.1' : host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

async function scopesFor(
  deps: AppDeps,
  slug: string | undefined,
): Promise<{ scope: string; label: string }[]> {
  const all = await allScopes(deps);
  if (slug === undefined) return all;
  const found = all.filter((s) => s.label === slug || (slug === CONTROL_SCOPE && s.scope === CONTROL_SCOPE));
  if (found.length === 0) throw new Error(`no tenant "${slug}"`);
  return found;
}

async function audit(
  deps: AppDeps,
  actor: Actor,
  action: string,
  summary: Record<string, unknown>,
): Promise<void> {
  await inTransaction(deps.storage.control, (tx) =>
    appendAudit(tx, actor, { kind: 'operation', action, target: { type: 'backup', id: null }, summary }),
  );
}

/** `yosan backup run|list|drill|restore`; returns the exit code (0 ok, 1 a failure). */
export async function backupCli(
  deps: AppDeps,
  sub: string | undefined,
  o: BackupCliOptions,
  actor: Actor,
): Promise<number> {
  const zoned = (iso: string | null) => (iso ? formatInZone(iso, deps.config.timeZone) : '-');
  switch (sub) {
    case 'run': {
      const all = ['daily', 'weekly', 'replica'] as const;
      const kinds = o.kind ? all.filter((k) => k === o.kind) : [...all];
      if (kinds.length === 0) throw new Error('--kind must be daily, weekly or replica');
      let failures = 0;
      for (const s of await scopesFor(deps, o.tenant)) {
        await audit(deps, actor, 'backup.run', { scope: s.label, kinds });
        const f = await runBackups(deps, {
          kinds,
          scope: s.scope,
          force: true,
        });
        for (const x of f) console.log(`FAILED  ${x.what}: ${x.details}`);
        await alertOperators(deps, f);
        failures += f.length;
      }
      console.log(failures === 0 ? 'All backups were made and verified.' : `${failures} backups FAILED.`);
      return failures === 0 ? 0 : 1;
    }
    case 'list': {
      const rows = [];
      for (const s of await scopesFor(deps, o.tenant)) {
        for (const kind of BACKUP_KINDS) {
          for (const g of listGenerations(locations(deps.config), kind, s.scope)) {
            rows.push({
              scope: s.label,
              kind,
              generation: g.name,
              location: g.location,
              createdAt: g.manifest.createdAt,
              bytes: g.manifest.bytes,
            });
          }
        }
      }
      if (o.json) console.log(JSON.stringify(rows, null, 2));
      else {
        for (const r of rows)
          console.log(
            `${r.scope}\t${r.kind}\t${r.generation}\t${r.location}\t${zoned(r.createdAt)}\t${r.bytes}`,
          );
        if (rows.length === 0) console.log('(no backups)');
      }
      return 0;
    }
    case 'drill': {
      let failed = 0;
      for (const s of await scopesFor(deps, o.tenant)) {
        await audit(deps, actor, 'backup.drill', { scope: s.label });
        const r = await drillScope(deps, s.scope);
        for (const k of r.kinds) {
          console.log(
            `${k.ok ? 'OK    ' : 'FAILED'}  ${s.label} ${k.kind} ${k.generation ?? '-'}${k.ok ? '' : `: ${k.problems.join('; ')}`}`,
          );
        }
        if (!r.ok) {
          failed++;
          await alertOperators(
            deps,
            r.kinds
              .filter((k) => !k.ok)
              .map((k) => ({
                what: `restore drill of ${s.label} (${k.kind})`,
                details: k.problems.join('; '),
              })),
          );
        }
        const st = await backupStatus(deps, s.scope);
        if (st.replicaAgeSeconds !== null) console.log(`        replica age ${st.replicaAgeSeconds} s`);
      }
      return failed === 0 ? 0 : 1;
    }
    case 'restore': {
      if (!o.tenant || !o.from)
        throw new Error('usage: yosan backup restore --tenant slug --from <generation>');
      const [s] = await scopesFor(deps, o.tenant);
      if (!s || s.scope === CONTROL_SCOPE) throw new Error('restore needs a tenant slug');
      if (!o.force && (await serverListening(deps.config.host, deps.config.httpsPort)))
        throw new Error(
          `a server answers on port ${deps.config.httpsPort}: stop Yosan before a restore (or pass --force if that is not Yosan)`,
        );
      await audit(deps, actor, 'backup.restore.requested', { scope: s.label, generation: o.from });
      const r = await restoreTenant(deps, s.scope, o.from, actor);
      console.log(
        `Tenant ${s.label} restored from ${r.kind} generation ${r.generation}; the replaced database is kept as pre-restore generation ${r.preRestoreGeneration ?? '-'}.`,
      );
      return 0;
    }
    default:
      throw new Error(
        'usage: yosan backup run|list|drill|restore [--tenant slug|control] [--kind K] [--from G]',
      );
  }
}

import type { TrustContext, TrustFact, TrustProviders } from '../trust/registry.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { backupStatus, type BackupStatus } from './status.js';
import { RETENTION } from './keep-set.js';

const HOUR = 3_600_000;

function when(ctx: TrustContext, iso: string | null, maxAgeMs: number): TrustFact['status'] {
  if (!iso) return 'unknown';
  return ctx.now.getTime() - new Date(iso).getTime() <= maxAgeMs ? 'ok' : 'warning';
}

const status = (ctx: TrustContext): Promise<BackupStatus> => backupStatus(ctx.deps, ctx.tenant.id);

/** Trust page facts of backups, the replica and restore drills (registered in trust/providers.ts). */
export const backupTrustProviders: TrustProviders = {
  async backups(ctx) {
    const s = await status(ctx);
    const tz = ctx.tenant.time_zone;
    const facts: TrustFact[] = [];
    for (const [kind, maxAge] of [
      ['daily', 26 * HOUR],
      ['weekly', 8 * 24 * HOUR],
    ] as const) {
      const k = s.kinds.find((x) => x.kind === kind)!;
      facts.push({
        id: `backups.${kind}Last`,
        kind: 'datetime',
        value: k.lastAt ? formatInZone(k.lastAt, tz) : null,
        // A run that failed (or was interrupted) after the newest generation shows as failed.
        status: k.lastFailure ? 'failed' : when(ctx, k.lastAt, maxAge),
      });
      facts.push({
        id: `backups.${kind}Kept`,
        kind: 'text',
        value: `${k.generations} / ${RETENTION[kind]}`,
        status: k.generations > 0 ? 'ok' : 'unknown',
      });
    }
    facts.push({
      id: 'backups.encryption',
      kind: 'code',
      value: 'backup-encryption',
      status: s.keyExists ? 'ok' : 'failed',
    });
    return facts;
  },
  async replica(ctx) {
    const s = await status(ctx);
    if (s.engine === 'postgres')
      return [{ id: 'replica.age', kind: 'code', value: 'replica-wal', status: 'unknown' }];
    const limit = ctx.deps.config.backupReplicaMinutes * 60 + 120;
    return [
      {
        id: 'replica.age',
        kind: 'text',
        value: s.replicaAgeSeconds === null ? null : `${s.replicaAgeSeconds} s`,
        status: s.replicaAgeSeconds === null ? 'unknown' : s.replicaAgeSeconds <= limit ? 'ok' : 'warning',
      },
    ];
  },
  async 'restore-drill'(ctx) {
    const s = await status(ctx);
    const d = s.lastDrill;
    return [
      {
        id: 'restoreDrill.lastAt',
        kind: 'datetime',
        value: d ? formatInZone(d.at, ctx.tenant.time_zone) : null,
        status: when(ctx, d?.at ?? null, 8 * 24 * HOUR),
      },
      {
        id: 'restoreDrill.result',
        kind: 'code',
        value: d ? (d.ok ? 'drill-passed' : 'drill-failed') : null,
        status: d ? (d.ok ? 'ok' : 'failed') : 'unknown',
      },
    ];
  },
};

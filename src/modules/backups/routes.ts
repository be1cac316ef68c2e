import { appendAudit } from '../../platform/audit/audit-log.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import { enqueue } from '../../platform/jobs/queue.js';
import type { App } from '../../platform/server/app.js';
import { operatorActor, type AppDeps } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { errorResponses } from '../shared-schemas.js';
import { SlugParams } from '../users/schemas.js';
import { allScopes } from './context.js';
import { BackupActionBody, BackupStatusView, JobAccepted, OperatorBackupsView } from './schemas.js';
import { backupStatus, type BackupStatus } from './status.js';

function present(s: BackupStatus, timeZone: string) {
  const z = (iso: string | null) => (iso ? formatInZone(iso, timeZone) : null);
  return {
    engine: s.engine,
    kinds: s.kinds.map((k) => ({
      kind: k.kind,
      location: k.location,
      generations: k.generations,
      lastAt: z(k.lastAt),
      lastFailureAt: z(k.lastFailure?.at ?? null),
    })),
    replicaAgeSeconds: s.replicaAgeSeconds,
    lastDrill: s.lastDrill
      ? {
          at: z(s.lastDrill.at)!,
          ok: s.lastDrill.ok,
          kinds: s.lastDrill.kinds.map((k) => ({ kind: k.kind, ok: k.ok })),
        }
      : null,
    keyExists: s.keyExists,
  };
}

/**
 * Backup facts: the operator's view of every database (and buttons to run a backup or a
 * restore drill now: they enqueue jobs, audited), and an org admin's view of their own
 * tenant only (`/t/:slug/api/admin/backups`).
 */
export function backupRoutes(app: App, deps: AppDeps): void {
  const tags = ['backups'];
  app.get(
    '/api/operator/backups',
    {
      config: { auth: 'operator' },
      schema: { tags, response: { 200: OperatorBackupsView, ...errorResponses } },
    },
    async () => {
      const scopes = [];
      for (const s of await allScopes(deps)) {
        const status = await backupStatus(deps, s.scope);
        scopes.push({
          ...s,
          status: present(status, deps.config.timeZone),
          drillProblems: (status.lastDrill?.kinds ?? []).map((k) => ({ kind: k.kind, problems: k.problems })),
        });
      }
      return { scopes };
    },
  );

  for (const [verb, type] of [
    ['drill', 'backup.drill'],
    ['run', 'backup.run'],
  ] as const) {
    app.post(
      `/api/operator/backups/${verb}`,
      {
        config: { auth: 'operator' },
        schema: { tags, body: BackupActionBody, response: { 202: JobAccepted, ...errorResponses } },
      },
      async (req, reply) => {
        const scope = req.body.tenantId;
        if (scope !== undefined && !(await allScopes(deps)).some((s) => s.scope === scope))
          throw new AppError('TENANT_NOT_FOUND');
        const actor = operatorActor(req, req.operator!);
        const jobId = await inTransaction(deps.storage.control, async (tx) => {
          await appendAudit(tx, actor, {
            kind: 'operation',
            action: `backup.${verb}.requested`,
            target: { type: 'tenant', id: scope ?? null },
          });
          return type === 'backup.drill'
            ? enqueue(tx, { type, payload: scope ? { scope } : {}, maxAttempts: 1 })
            : enqueue(tx, {
                type,
                payload: { kinds: ['replica', 'daily', 'weekly'], force: true, ...(scope ? { scope } : {}) },
                maxAttempts: 1,
              });
        });
        return reply.code(202).send({ jobId });
      },
    );
  }

  app.get(
    '/t/:slug/api/admin/backups',
    {
      config: { auth: 'tenant-admin' },
      schema: { tags, params: SlugParams, response: { 200: BackupStatusView, ...errorResponses } },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      return present(await backupStatus(deps, ctx.tenant.id), ctx.tenant.time_zone);
    },
  );
}

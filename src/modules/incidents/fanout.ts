import { appendAudit } from '../../platform/audit/audit-log.js';
import type { TenantTable } from '../../platform/db/types.js';
import { inTransaction, type Tx } from '../../platform/db/unit-of-work.js';
import type { TenantDB } from '../../platform/db/types.js';
import type { OpsNotifyJob } from '../../platform/jobs/queue.js';
import type { AppDeps } from '../../platform/server/context.js';
import { opsDb } from '../maintenance/tables.js';
import { mailFromTenant, tenantRecipients } from '../support/notify.js';

/** Whether this tenant already has the step in its log (a retried job skips it). */
async function alreadyTold(tx: Tx<TenantDB>, job: OpsNotifyJob, step: string): Promise<boolean> {
  const row = await tx.db
    .selectFrom('audit_log')
    .select('seq')
    .where('action', '=', job.action)
    .where('target_id', '=', job.id)
    .where('summary', 'like', `%"step":"${step}"%`)
    .executeTakeFirst();
  return row !== undefined;
}

type Tell = (tx: Tx<TenantDB>, tenant: TenantTable) => Promise<void>;

async function eachTenant(
  deps: AppDeps,
  tenants: TenantTable[],
  job: OpsNotifyJob,
  target: { type: string; id: string; label: string },
  tell: Tell,
): Promise<void> {
  const step = job.updateId ?? job.id;
  for (const tenant of tenants) {
    if (tenant.status !== 'active') continue;
    await inTransaction(deps.storage.tenant(tenant.id), async (tx) => {
      if (await alreadyTold(tx, job, step)) return;
      await appendAudit(
        tx,
        job.actor,
        { kind: 'operation', action: job.action, target, summary: { step } },
        deps.clock,
      );
      await tell(tx, tenant);
    });
  }
}

/**
 * The `ops.notify` job: for each affected active tenant, one transaction with the step's entry in
 * its operation log and its org admins' mails (outbox → queue). Durable (the job is enqueued with
 * the incident or window) and idempotent per tenant (a retry after a partial run skips those done).
 */
export async function notifyTenants(deps: AppDeps, job: OpsNotifyJob): Promise<void> {
  const db = opsDb(deps.storage.control);
  const link = (t: TenantTable, path: string) => `${deps.config.publicUrl}/t/${t.slug}/${path}`;
  if (job.subject === 'maintenance') {
    const w = await db
      .selectFrom('maintenance_windows')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirst();
    if (!w) return;
    const tenants = await db.selectFrom('tenants').selectAll().orderBy('slug').execute();
    const target = { type: 'maintenance', id: w.id, label: `${w.starts_at} – ${w.ends_at}` };
    return eachTenant(deps, tenants, job, target, async (tx, tenant) =>
      mailFromTenant(deps, tx, tenant, await tenantRecipients(tx.db), 'maintenanceScheduled', (r) => ({
        tenant: tenant.display_name,
        startsAt: w.starts_at,
        endsAt: w.ends_at,
        text: r.locale === 'ja' ? w.notice_ja : w.notice_en,
        link: link(tenant, ''),
      })),
    );
  }
  const incident = await db.selectFrom('incidents').selectAll().where('id', '=', job.id).executeTakeFirst();
  if (!incident) return;
  const update = job.updateId
    ? await db.selectFrom('incident_updates').selectAll().where('id', '=', job.updateId).executeTakeFirst()
    : undefined;
  const tenants = incident.all_tenants
    ? await db.selectFrom('tenants').selectAll().orderBy('slug').execute()
    : await db
        .selectFrom('tenants')
        .innerJoin('incident_tenants', 'incident_tenants.tenant_id', 'tenants.id')
        .selectAll('tenants')
        .where('incident_tenants.incident_id', '=', incident.id)
        .orderBy('slug')
        .execute();
  const template = !update
    ? 'incidentDeclared'
    : update.kind === 'resolution'
      ? 'incidentResolved'
      : 'incidentUpdated';
  const target = { type: 'incident', id: incident.id, label: incident.title_en };
  return eachTenant(deps, tenants, job, target, async (tx, tenant) =>
    mailFromTenant(deps, tx, tenant, await tenantRecipients(tx.db), template, (r) => ({
      tenant: tenant.display_name,
      title: r.locale === 'ja' ? incident.title_ja : incident.title_en,
      severity: incident.severity,
      startedAt: incident.started_at,
      at: update?.at ?? incident.started_at,
      text: update
        ? r.locale === 'ja'
          ? update.body_ja
          : update.body_en
        : r.locale === 'ja'
          ? incident.description_ja
          : incident.description_en,
      link: link(tenant, `incidents/${incident.id}`),
    })),
  );
}

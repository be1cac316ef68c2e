import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { newId } from '../../platform/crypto/tokens.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps } from '../../platform/server/context.js';
import { opsDb, type OpsDB, type OpsKysely } from '../maintenance/tables.js';
import type { IncidentTable, IncidentUpdateTable, Severity } from './tables.js';

export interface DeclareInput {
  severity: Severity;
  allTenants: boolean;
  tenantIds: string[];
  titleJa: string;
  titleEn: string;
  descriptionJa: string;
  descriptionEn: string;
  startedAt: string;
}

const target = (i: Pick<IncidentTable, 'id' | 'title_en'>) => ({
  type: 'incident',
  id: i.id,
  label: i.title_en,
});

function instant(value: string, path: string): string {
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(t))
    throw new AppError('VALIDATION_FAILED', { issues: [{ path, code: 'format' }] });
  return new Date(t).toISOString();
}

/** Visible to a tenant: every incident that names it or all tenants. */
export function incidentsForTenant(deps: AppDeps, tenantId: string) {
  const db = opsDb(deps.storage.control);
  return db
    .selectFrom('incidents')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('all_tenants', '=', 1),
        eb.exists(
          eb
            .selectFrom('incident_tenants')
            .select('incident_id')
            .whereRef('incident_tenants.incident_id', '=', 'incidents.id')
            .where('incident_tenants.tenant_id', '=', tenantId),
        ),
      ]),
    )
    .orderBy('started_at', 'desc')
    .execute();
}

export async function incidentForTenant(deps: AppDeps, tenantId: string, id: string): Promise<IncidentTable> {
  const found = (await incidentsForTenant(deps, tenantId)).find((i) => i.id === id);
  if (!found) throw new AppError('INCIDENT_NOT_FOUND');
  return found;
}

export function incidentUpdates(deps: AppDeps, ids: string[]): Promise<IncidentUpdateTable[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return opsDb(deps.storage.control)
    .selectFrom('incident_updates')
    .selectAll()
    .where('incident_id', 'in', ids)
    .orderBy('at')
    .execute();
}

export async function incidentTenantIds(deps: AppDeps, id: string): Promise<string[]> {
  const rows = await opsDb(deps.storage.control)
    .selectFrom('incident_tenants')
    .select('tenant_id')
    .where('incident_id', '=', id)
    .execute();
  return rows.map((r) => r.tenant_id);
}

export async function getIncident(deps: AppDeps, id: string): Promise<IncidentTable> {
  const i = await opsDb(deps.storage.control)
    .selectFrom('incidents')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!i) throw new AppError('INCIDENT_NOT_FOUND');
  return i;
}

export async function declareIncident(
  deps: AppDeps,
  input: DeclareInput,
  actor: Actor,
): Promise<IncidentTable> {
  const startedAt = instant(input.startedAt, '/startedAt');
  const tenantIds = [...new Set(input.tenantIds)];
  if (!input.allTenants && tenantIds.length === 0) throw new AppError('INCIDENT_TENANTS_REQUIRED');
  const incident = await inTransaction(deps.storage.control, async (tx) => {
    const db = tx.db as unknown as OpsKysely;
    if (!input.allTenants) {
      const known = await db.selectFrom('tenants').select('id').where('id', 'in', tenantIds).execute();
      const ids = new Set(known.map((k) => k.id));
      const issues = tenantIds
        .map((t, i) => (ids.has(t) ? undefined : { path: `/tenantIds/${i}`, code: 'format' }))
        .filter((x) => x !== undefined);
      if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
    }
    const now = deps.clock().toISOString();
    const row: IncidentTable = {
      id: newId(),
      severity: input.severity,
      all_tenants: input.allTenants ? 1 : 0,
      title_ja: input.titleJa.trim(),
      title_en: input.titleEn.trim(),
      description_ja: input.descriptionJa.trim(),
      description_en: input.descriptionEn.trim(),
      started_at: startedAt,
      resolved_at: null,
      created_by: actor.id ?? '',
      created_at: now,
      updated_at: now,
    };
    await db.insertInto('incidents').values(row).execute();
    if (!input.allTenants)
      await db
        .insertInto('incident_tenants')
        .values(tenantIds.map((t) => ({ incident_id: row.id, tenant_id: t })))
        .execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'incident.declare',
        target: target(row),
        summary: { severity: row.severity, allTenants: input.allTenants, tenantIds },
      },
      deps.clock,
    );
    await enqueue(tx, {
      type: 'ops.notify',
      payload: { subject: 'incident', id: row.id, action: 'incident.declare', actor },
    });
    return row;
  });
  return incident;
}

export async function postIncidentUpdate(
  deps: AppDeps,
  id: string,
  input: { bodyJa: string; bodyEn: string; resolve: boolean },
  actor: Actor,
): Promise<IncidentTable> {
  const incident = await inTransaction(deps.storage.control, async (tx) => {
    const db = tx.db as unknown as OpsKysely;
    const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('INCIDENT_NOT_FOUND');
    if (row.resolved_at) throw new AppError('INCIDENT_RESOLVED');
    const now = deps.clock().toISOString();
    const update: IncidentUpdateTable = {
      id: newId(),
      incident_id: id,
      kind: input.resolve ? 'resolution' : 'update',
      body_ja: input.bodyJa.trim(),
      body_en: input.bodyEn.trim(),
      at: now,
      created_by: actor.id ?? '',
    };
    await db.insertInto('incident_updates').values(update).execute();
    const change = { updated_at: now, ...(input.resolve ? { resolved_at: now } : {}) };
    await db.updateTable('incidents').set(change).where('id', '=', id).execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: input.resolve ? 'incident.resolve' : 'incident.update',
        target: target(row),
        summary: { updateId: update.id },
      },
      deps.clock,
    );
    const action = input.resolve ? 'incident.resolve' : 'incident.update';
    await enqueue(tx, {
      type: 'ops.notify',
      payload: { subject: 'incident', id, updateId: update.id, action, actor },
    });
    return { ...row, ...change };
  });
  return incident;
}

export function allIncidents(deps: AppDeps) {
  return opsDb(deps.storage.control)
    .selectFrom('incidents')
    .selectAll()
    .orderBy('started_at', 'desc')
    .limit(500)
    .execute();
}

export type { OpsDB };

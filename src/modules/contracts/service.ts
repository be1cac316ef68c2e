import type { Kysely } from 'kysely';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { AnyDb } from '../../platform/db/database.js';
import { signingKey } from '../../platform/audit/signing.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { TenantTable } from '../../platform/db/types.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps } from '../../platform/server/context.js';
import { isCalendarDate } from '../../platform/time/zoned.js';
import { getTenant } from '../tenants/service.js';
import { backupDeadline, closingDay } from './calendar.js';
import { verifyCertificate, type CertificateVerdict, type SignedCertificate } from './certificate.js';
import { contractDb, type ContractTables } from './tables.js';

const target = (t: TenantTable) => ({ type: 'tenant', id: t.id, label: t.slug });

async function openTenant(deps: AppDeps, id: string): Promise<TenantTable> {
  const t = await getTenant(deps, id);
  if (t.status === 'closed') throw new AppError('TENANT_CLOSED', { params: { date: t.contract_end } });
  return t;
}

/** The operator's cancellation of the termination after `contractEnd`, if any. */
export function cancellationFor(control: AnyDb, tenantId: string, contractEnd: string) {
  return contractDb(control)
    .selectFrom('termination_cancellations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('contract_end', '=', contractEnd)
    .executeTakeFirst();
}

/**
 * An operator's change to a tenant's contract: the tenant's own log first (if the control
 * change then fails, its log shows an attempt the unchanged contract contradicts, never a
 * silent change), then the change and the control log entry in one transaction.
 */
async function changeInBothLogs(
  deps: AppDeps,
  tenant: TenantTable,
  actor: Actor,
  entry: { action: string; summary: Record<string, unknown> },
  change: (db: Kysely<ContractTables>) => Promise<unknown>,
): Promise<void> {
  const audit = { kind: 'operation' as const, target: target(tenant), ...entry };
  await inTransaction(deps.storage.tenant(tenant.id), (tx) => appendAudit(tx, actor, audit));
  await inTransaction(deps.storage.control, async (tx) => {
    await change(contractDb(tx.db));
    await appendAudit(tx, actor, audit);
  });
}

/** The operator sets or changes a tenant's contract end date (both logs). */
export async function setContractEnd(deps: AppDeps, id: string, contractEnd: string, actor: Actor) {
  const tenant = await openTenant(deps, id);
  if (!isCalendarDate(contractEnd))
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: '/contractEnd', code: 'date' }] });
  if (contractEnd < tenant.contract_start) throw new AppError('CONTRACT_DATES_INVALID');
  const summary = { from: tenant.contract_end, to: contractEnd, closingDay: closingDay(contractEnd) };
  const now = deps.clock().toISOString();
  await changeInBothLogs(deps, tenant, actor, { action: 'tenant.contract_end', summary }, (db) =>
    db
      .updateTable('tenants')
      .set({ contract_end: contractEnd, updated_at: now })
      .where('id', '=', tenant.id)
      .execute(),
  );
  return { ...tenant, contract_end: contractEnd, updated_at: now };
}

/**
 * Cancels the termination due after the current end date (the tenant stays open past
 * it until a new end date is set). Only before the tenant is closed; the operator must
 * type the tenant's slug.
 */
export async function cancelTermination(deps: AppDeps, id: string, confirmSlug: string, actor: Actor) {
  const tenant = await openTenant(deps, id);
  if (confirmSlug !== tenant.slug)
    throw new AppError('CONFIRMATION_MISMATCH', { params: { slug: tenant.slug } });
  if (await cancellationFor(deps.storage.control.kysely, tenant.id, tenant.contract_end))
    throw new AppError('TERMINATION_ALREADY_CANCELLED');
  const summary = { contractEnd: tenant.contract_end, closingDay: closingDay(tenant.contract_end) };
  await changeInBothLogs(deps, tenant, actor, { action: 'tenant.termination_cancel', summary }, (db) =>
    db
      .insertInto('termination_cancellations')
      .values({
        tenant_id: tenant.id,
        contract_end: tenant.contract_end,
        cancelled_by: actor.name ?? actor.id ?? 'operator',
        cancelled_at: deps.clock().toISOString(),
      })
      .execute(),
  );
  return contractStatus(deps, id);
}

export interface ContractStatus {
  contractEnd: string;
  closingDay: string;
  backupDeadline: string;
  cancelled: { by: string; at: string } | null;
  reminders: { kind: string; sentAt: string; recipients: number }[];
}

export async function contractStatus(deps: AppDeps, id: string): Promise<ContractStatus> {
  const tenant = await getTenant(deps, id);
  const db = contractDb(deps.storage.control.kysely);
  const cancelled = await cancellationFor(deps.storage.control.kysely, id, tenant.contract_end);
  const reminders = await db
    .selectFrom('contract_reminders')
    .selectAll()
    .where('tenant_id', '=', id)
    .where('contract_end', '=', tenant.contract_end)
    .orderBy('sent_at')
    .execute();
  return {
    contractEnd: tenant.contract_end,
    closingDay: closingDay(tenant.contract_end),
    backupDeadline: backupDeadline(tenant.contract_end),
    cancelled: cancelled ? { by: cancelled.cancelled_by, at: cancelled.cancelled_at } : null,
    reminders: reminders.map((r) => ({ kind: r.kind, sentAt: r.sent_at, recipients: Number(r.recipients) })),
  };
}

export function listTerminations(deps: AppDeps) {
  return contractDb(deps.storage.control.kysely)
    .selectFrom('tenant_terminations')
    .selectAll()
    .orderBy('closed_at', 'desc')
    .execute();
}

export async function loadCertificate(deps: AppDeps, tenantId: string): Promise<SignedCertificate> {
  const row = await contractDb(deps.storage.control.kysely)
    .selectFrom('deletion_certificates')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!row) throw new AppError('CERTIFICATE_NOT_FOUND');
  return { certificate: JSON.parse(row.body) as SignedCertificate['certificate'], signature: row.signature };
}

/** Verifies a certificate (stored, or uploaded by the operator) with the installation's key. */
export function verifyWithInstallationKey(deps: AppDeps, signed: SignedCertificate): CertificateVerdict {
  return verifyCertificate(signed, signingKey(deps.config.dataDir).publicKey);
}

import { appendAudit, SYSTEM_ACTOR } from '../../platform/audit/audit-log.js';
import { signingKey } from '../../platform/audit/signing.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { AppDeps } from '../../platform/server/context.js';
import { artefactSources, type ArtefactSource } from './artefacts.js';
import { backupDeadline, dateIn } from './calendar.js';
import { certificateBodyText, RETAINED, signCertificate } from './certificate.js';
import { contractDb } from './tables.js';

/**
 * Terminates a tenant whose contract has ended: closes it (sign-in refused from now on),
 * runs every artefact source's deletion (recording evidence as it goes), checks that no
 * source lists anything any more, and issues the signed deletion certificate.
 * Idempotent and restartable: a run interrupted at any point is finished by the next.
 */
export async function terminateTenant(deps: AppDeps, tenantId: string, now: Date): Promise<void> {
  const control = deps.storage.control;
  const db = contractDb(control.kysely);
  const term = await termination(deps, tenantId);
  if (term?.completed_at) return;
  if (!term) {
    const tenant = await db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirst();
    if (!tenant) return;
    await inTransaction(control, async (tx) => {
      const t = contractDb(tx.db);
      await t
        .insertInto('tenant_terminations')
        .values({
          tenant_id: tenant.id,
          slug: tenant.slug,
          display_name: tenant.display_name,
          contract_end: tenant.contract_end,
          time_zone: tenant.time_zone,
          closed_at: now.toISOString(),
          completed_at: null,
        })
        .execute();
      await t
        .updateTable('tenants')
        .set({ status: 'closed', updated_at: now.toISOString() })
        .where('id', '=', tenant.id)
        .execute();
      await appendAudit(tx, SYSTEM_ACTOR, {
        kind: 'operation',
        action: 'tenant.close',
        target: { type: 'tenant', id: tenant.id, label: tenant.slug },
        summary: { contractEnd: tenant.contract_end },
      });
    });
  }
  const sources = artefactSources(deps);
  await deleteAll(deps, tenantId, sources, now);
  await issueCertificate(deps, tenantId, sources, now);
}

function termination(deps: AppDeps, tenantId: string) {
  return contractDb(deps.storage.control.kysely)
    .selectFrom('tenant_terminations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
}

async function deleteAll(
  deps: AppDeps,
  tenantId: string,
  sources: ArtefactSource[],
  now: Date,
): Promise<void> {
  const db = contractDb(deps.storage.control.kysely);
  for (const source of sources) {
    const evidence = await source.delete(tenantId, now);
    for (const e of evidence) {
      await db
        .insertInto('deletion_evidence')
        .values({
          tenant_id: tenantId,
          source: source.name,
          artefact: e.id,
          location: e.location,
          method: e.method,
          bytes: e.bytes,
          deleted_at: e.deletedAt,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'source', 'artefact']).doNothing())
        .execute();
    }
  }
}

/** Lists every source; throws (so the job is retried) if anything of the tenant is left. */
async function checkNothingLeft(tenantId: string, sources: ArtefactSource[]): Promise<void> {
  const left: string[] = [];
  for (const s of sources) {
    const found = await s.list(tenantId);
    if (found.length) left.push(`${s.name}: ${found.map((a) => a.id).join(', ')}`);
  }
  if (left.length) throw new Error(`Artefacts remain after deletion (${left.join('; ')})`);
}

/** Signs and stores (or re-issues, after a sweep found more) the certificate. */
async function issueCertificate(deps: AppDeps, tenantId: string, sources: ArtefactSource[], now: Date) {
  await checkNothingLeft(tenantId, sources);
  const control = deps.storage.control;
  const db = contractDb(control.kysely);
  const term = await termination(deps, tenantId);
  if (!term) throw new Error(`No termination record for ${tenantId}`);
  const evidence = await db
    .selectFrom('deletion_evidence')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('deleted_at')
    .orderBy('source')
    .orderBy('artefact')
    .execute();
  const completedAt = term.completed_at ?? now.toISOString();
  const signed = signCertificate(signingKey(deps.config.dataDir), {
    format: 'yosan-deletion-certificate',
    version: 1,
    tenant: { id: term.tenant_id, slug: term.slug, displayName: term.display_name },
    contractEnd: term.contract_end,
    timeZone: term.time_zone,
    closedAt: term.closed_at,
    completedAt,
    artefacts: evidence.map((e) => ({
      source: e.source,
      id: e.artefact,
      location: e.location,
      bytes: e.bytes === null ? null : Number(e.bytes),
      method: e.method,
      deletedAt: e.deleted_at,
    })),
    verification: { checkedAt: now.toISOString(), sources: sources.map((s) => s.name), remaining: 0 },
    retained: [...RETAINED],
    issuedAt: now.toISOString(),
  });
  const row = {
    tenant_id: tenantId,
    body: certificateBodyText(signed.certificate),
    key_id: signed.certificate.keyId,
    signature: signed.signature,
    issued_at: now.toISOString(),
  };
  await inTransaction(control, async (tx) => {
    const t = contractDb(tx.db);
    await t.deleteFrom('deletion_certificates').where('tenant_id', '=', tenantId).execute();
    await t.insertInto('deletion_certificates').values(row).execute();
    await t
      .updateTable('tenant_terminations')
      .set({ completed_at: completedAt })
      .where('tenant_id', '=', tenantId)
      .execute();
    await appendAudit(tx, SYSTEM_ACTOR, {
      kind: 'operation',
      action: term.completed_at ? 'tenant.certificate.reissue' : 'tenant.delete',
      target: { type: 'tenant', id: tenantId, label: term.slug },
      summary: { artefacts: evidence.length, certificateKeyId: row.key_id },
    });
  });
}

/**
 * Until the backup deadline (30 days after the end date), every daily run lists all
 * sources again for each terminated tenant; anything found (a copy that appeared late,
 * a location that was offline) is deleted and the certificate re-issued with it.
 */
export async function sweepTerminated(deps: AppDeps, now: Date): Promise<number> {
  const db = contractDb(deps.storage.control.kysely);
  const done = await db
    .selectFrom('tenant_terminations')
    .selectAll()
    .where('completed_at', 'is not', null)
    .execute();
  const sources = artefactSources(deps);
  let swept = 0;
  for (const term of done) {
    if (dateIn(now, term.time_zone) > backupDeadline(term.contract_end)) continue;
    let found = 0;
    for (const s of sources) found += (await s.list(term.tenant_id)).length;
    if (found === 0) continue;
    await deleteAll(deps, term.tenant_id, sources, now);
    await issueCertificate(deps, term.tenant_id, sources, now);
    swept += 1;
  }
  return swept;
}

import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { Database } from '../../platform/db/database.js';
import type { TenantDB, TenantTable } from '../../platform/db/types.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { AppDeps } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { verifyTenantLogs } from '../evidence/service.js';
import { factDisplay, factLabel, NOT_AVAILABLE, sectionLabel } from './labels.js';
import { recordVerification } from './log-verifications.js';
import { TRUST_PROVIDERS } from './providers.js';
import { collectTrustFacts, type TlsFacts, type TrustProviders, type TrustSection } from './registry.js';

export interface TrustReport {
  tenant: { slug: string; name: string };
  generatedAt: string;
  sections: TrustSection[];
}

export async function trustReport(
  deps: AppDeps,
  tenant: TenantTable,
  db: Database<TenantDB>,
  tls: TlsFacts,
  providers: TrustProviders = TRUST_PROVIDERS,
): Promise<TrustReport> {
  const now = deps.clock();
  const sections = await collectTrustFacts({ deps, tenant, db, now, tls }, providers);
  return {
    tenant: { slug: tenant.slug, name: tenant.display_name },
    generatedAt: formatInZone(now, tenant.time_zone),
    sections,
  };
}

/** The report with ja/en labels and readable values, as the page and the CLI show it. */
export function presentTrust(report: TrustReport, locale: Locale) {
  return {
    tenant: report.tenant,
    generatedAt: report.generatedAt,
    sections: report.sections.map((s) => ({
      id: s.id,
      title: sectionLabel(s.id, locale),
      available: s.available,
      ...(s.available ? {} : { notice: NOT_AVAILABLE[locale] }),
      facts: s.facts.map((f) => ({
        id: f.id,
        label: factLabel(f.id, locale),
        status: f.status,
        kind: f.kind,
        value: f.value,
        display: factDisplay(f, locale),
      })),
    })),
  };
}

/**
 * Verifies the tenant's log chain and its signed checkpoints now (the evidence module's check),
 * keeps the outcome for the trust page, and notes in the operation log who asked.
 */
export async function verifyLogsNow(
  deps: AppDeps,
  tenant: TenantTable,
  db: Database<TenantDB>,
  actor: Actor,
  requestedBy: string,
) {
  const now = deps.clock();
  const signed = await verifyTenantLogs(
    deps.storage.control.kysely,
    deps.config.dataDir,
    tenant,
    db.kysely,
    now,
  );
  await inTransaction(db, async (tx) => {
    await recordVerification(tx.db, signed.report, requestedBy, now);
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'logs.verify',
        target: { type: 'log', id: 'operation', label: 'operation' },
        summary: { result: signed.report.result, entriesChecked: signed.report.entriesChecked },
      },
      deps.clock,
    );
  });
  return signed;
}

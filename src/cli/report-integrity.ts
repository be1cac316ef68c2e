import type { Actor } from '../platform/audit/audit-log.js';
import type { AppDeps } from '../platform/server/context.js';
import { presentTrust, trustReport, verifyLogsNow } from '../modules/trust/service.js';
import { tlsFromConfig } from '../modules/trust/tls-facts.js';

/**
 * `yosan report integrity [--json]` (§22): for every tenant, verifies its log chain now (recorded and
 * audited like the trust page's "verify now") and prints the trust page's facts, with the TLS facts
 * taken from the configured certificate. Returns the exit code: 1 when any tenant's logs fail.
 */
export async function reportIntegrity(deps: AppDeps, actor: Actor, json: boolean): Promise<number> {
  const tenants = await deps.storage.control.kysely
    .selectFrom('tenants')
    .selectAll()
    .orderBy('slug')
    .execute();
  const tls = tlsFromConfig(deps.config);
  const reports = [];
  let failed = 0;
  for (const tenant of tenants) {
    const db = deps.storage.tenant(tenant.id);
    const { report } = await verifyLogsNow(deps, tenant, db, actor, 'cli');
    if (report.result !== 'valid') failed++;
    reports.push(presentTrust(await trustReport(deps, tenant, db, tls), 'en'));
  }
  if (json) {
    console.log(JSON.stringify({ version: deps.version, tenants: reports }, null, 2));
  } else {
    console.log(`Yosan ${deps.version} — integrity report, ${tenants.length} tenant(s)`);
    for (const r of reports) {
      console.log(`\n== ${r.tenant.slug} (${r.tenant.name}) at ${r.generatedAt}`);
      for (const s of r.sections) {
        if (!s.available) {
          console.log(`  ${s.title}: ${s.notice ?? 'not available yet'}`);
          continue;
        }
        console.log(`  ${s.title}`);
        for (const f of s.facts) console.log(`    [${f.status.padEnd(7)}] ${f.label}: ${f.display}`);
      }
    }
    if (tenants.length === 0) console.log('(no tenants)');
  }
  return failed === 0 ? 0 : 1;
}

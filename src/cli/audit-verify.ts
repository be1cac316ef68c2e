import { CONTROL_SCOPE, verifyScope, type ScopeVerdict } from '../platform/audit/checkpoints.js';
import { signingKey } from '../platform/audit/signing.js';
import type { AppDeps } from '../platform/server/context.js';

/**
 * `yosan audit verify [--tenant slug]`: recomputes the control chain and every tenant's
 * (or one tenant's), checks every signed checkpoint, prints one line per chain and names
 * the first entry that fails. Returns the exit code: 0 all good, 1 a failure.
 */
export async function auditVerify(deps: AppDeps, slug: string | undefined): Promise<number> {
  const control = deps.storage.control.kysely;
  const key = signingKey(deps.config.dataDir);
  const tenants = await control
    .selectFrom('tenants')
    .select(['id', 'slug'])
    .where('status', '!=', 'closed')
    .$if(slug !== undefined, (q) => q.where('slug', '=', slug!))
    .orderBy('slug')
    .execute();
  if (slug !== undefined && tenants.length === 0) {
    console.error(`yosan: no tenant "${slug}"`);
    return 2;
  }
  const verdicts: { label: string; v: ScopeVerdict }[] = [];
  if (slug === undefined) {
    verdicts.push({ label: 'control', v: await verifyScope(control, CONTROL_SCOPE, control, key) });
  }
  for (const t of tenants) {
    const v = await verifyScope(control, t.id, deps.storage.tenant(t.id).kysely, key);
    verdicts.push({ label: `tenant ${t.slug}`, v });
  }
  console.log(`Signing key fingerprint (SHA-256): ${key.keyId}`);
  for (const { label, v } of verdicts) {
    const facts = `${v.entries} entries, head ${v.headSeq}, ${v.checkpointsChecked} checkpoints`;
    if (v.ok) console.log(`OK      ${label}: ${facts}`);
    else {
      const f = v.firstFailure!;
      console.log(
        `FAILED  ${label}: ${facts}; first failing entry seq ${f.seq}${f.id ? ` (id ${f.id})` : ''}: ${f.problem}${f.checkpointId ? ` (checkpoint ${f.checkpointId})` : ''}`,
      );
    }
  }
  const failed = verdicts.filter((x) => !x.v.ok).length;
  console.log(
    failed === 0
      ? `All ${verdicts.length} audit chains are intact.`
      : `${failed} of ${verdicts.length} audit chains FAILED verification.`,
  );
  return failed === 0 ? 0 : 1;
}

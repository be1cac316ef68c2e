import { formatInZone } from '../../platform/time/zoned.js';
import { latestVerification } from './log-verifications.js';
import type { TrustContext, TrustFact, TrustProviders } from './registry.js';

import { backupTrustProviders } from '../backups/trust.js';
import { contractTrustProviders } from '../contracts/trust.js';

const fact = (
  id: string,
  value: string | null,
  kind: TrustFact['kind'] = 'text',
  status?: TrustFact['status'],
) => ({
  id,
  kind,
  value,
  status: status ?? (value === null ? 'unknown' : 'ok'),
});

/** §3: where the data is (as configured by the operator) and the region of the tenant's contract. */
async function regionFacts({ deps, tenant }: TrustContext): Promise<TrustFact[]> {
  return [
    fact('region.primary', deps.config.dataRegion ?? null),
    fact('region.backup', deps.config.backupRegion ?? null),
    fact('region.contracted', tenant.region),
  ];
}

const WARN_DAYS = 30;

/** §12: the protocol of the reader's own connection and when the server's certificate expires. */
async function tlsFacts({ tls, now, tenant }: TrustContext): Promise<TrustFact[]> {
  const expiry = tls.certificateValidTo;
  const daysLeft = expiry ? (expiry.getTime() - now.getTime()) / 86_400_000 : null;
  const modern = tls.protocol === 'TLSv1.3' || tls.protocol === 'TLSv1.2' || tls.protocol === 'TLSv1.2+';
  return [
    fact('tls.source', tls.source, 'code'),
    fact('tls.protocol', tls.protocol, 'text', tls.protocol === null ? 'unknown' : modern ? 'ok' : 'failed'),
    fact('tls.cipher', tls.cipher),
    fact(
      'tls.certificateExpiry',
      expiry ? formatInZone(expiry, tenant.time_zone) : null,
      'datetime',
      daysLeft === null ? 'unknown' : daysLeft <= 0 ? 'failed' : daysLeft < WARN_DAYS ? 'warning' : 'ok',
    ),
  ];
}

/**
 * §21: the operation and sign-in logs are kept for the whole contract (never deleted while it
 * runs; the audit tables refuse UPDATE and DELETE), and the latest verification of their chain.
 */
async function logFacts({ db, tenant }: TrustContext): Promise<TrustFact[]> {
  const count = await db.kysely
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const last = await latestVerification(db.kysely);
  return [
    fact('logs.retention', 'whole-contract', 'code'),
    fact('logs.entries', String(Number(count?.n ?? 0))),
    fact(
      'logs.lastVerificationResult',
      last?.result ?? null,
      'code',
      !last ? 'unknown' : last.result === 'valid' ? 'ok' : 'failed',
    ),
    fact('logs.lastVerificationAt', last ? formatInZone(last.at, tenant.time_zone) : null, 'datetime'),
  ];
}

/** §13: the running version (the one in the footer, `/api/meta` and `yosan --version`). */
async function versionFacts({ deps }: TrustContext): Promise<TrustFact[]> {
  return [fact('version.app', deps.version)];
}

/**
 * The registered providers: this module's own, and those of the backups (backups, replica,
 * restore drills) and contracts (end, deletion dates) modules.
 */
export const TRUST_PROVIDERS: TrustProviders = {
  region: regionFacts,
  tls: tlsFacts,
  logs: logFacts,
  version: versionFacts,
  ...backupTrustProviders,
  ...contractTrustProviders,
};

import type { Database } from '../../platform/db/database.js';
import type { TenantDB, TenantTable } from '../../platform/db/types.js';
import type { AppDeps } from '../../platform/server/context.js';

/**
 * The trust page's registry (§3, §12, §14, §15, §21, §22): each section is a promise of the
 * whitepaper, and a module proves it by registering a provider that reads live facts from the
 * system. A section whose provider is not registered is shown as "not available yet", never
 * as text pretending to be a fact.
 */
export const TRUST_SECTIONS = [
  'region',
  'tls',
  'backups',
  'replica',
  'restore-drill',
  'logs',
  'contract',
  'version',
] as const;
export type TrustSectionId = (typeof TRUST_SECTIONS)[number];

export type FactStatus = 'ok' | 'warning' | 'failed' | 'unknown';
/** How a value is to be shown: as is, as a date-time (ISO 8601 in the tenant zone), a date, or a code. */
export type FactKind = 'text' | 'datetime' | 'date' | 'code';

export interface TrustFact {
  id: string;
  status: FactStatus;
  kind: FactKind;
  value: string | null;
}

/** What a provider is given: one tenant, and how the reader is connected (or the configured cert). */
export interface TrustContext {
  deps: AppDeps;
  tenant: TenantTable;
  db: Database<TenantDB>;
  now: Date;
  tls: TlsFacts;
}

export interface TlsFacts {
  /** `connection`: from this request's TLS socket; `configuration`: from the server's certificate. */
  source: 'connection' | 'configuration';
  protocol: string | null;
  cipher: string | null;
  certificateValidTo: Date | null;
}

export type TrustProvider = (ctx: TrustContext) => Promise<TrustFact[]>;
export type TrustProviders = Partial<Record<TrustSectionId, TrustProvider>>;

export interface TrustSection {
  id: TrustSectionId;
  available: boolean;
  facts: TrustFact[];
}

/** Asks every registered provider, in the sections' order; a failing provider is reported, not hidden. */
export async function collectTrustFacts(
  ctx: TrustContext,
  providers: TrustProviders,
): Promise<TrustSection[]> {
  const sections: TrustSection[] = [];
  for (const id of TRUST_SECTIONS) {
    const provider = providers[id];
    if (!provider) {
      sections.push({ id, available: false, facts: [] });
      continue;
    }
    try {
      sections.push({ id, available: true, facts: await provider(ctx) });
    } catch (error) {
      ctx.deps.logger.error({ err: error, section: id, tenant: ctx.tenant.slug }, 'trust provider failed');
      sections.push({
        id,
        available: true,
        facts: [{ id: `${id}.error`, status: 'failed', kind: 'code', value: 'provider-failed' }],
      });
    }
  }
  return sections;
}

import { enqueueFromTenant } from '../../platform/jobs/queue.js';
import type { Tx } from '../../platform/db/unit-of-work.js';
import type { ControlDB, TenantDB, TenantTable, UserTable } from '../../platform/db/types.js';
import type { Kysely } from 'kysely';
import type { OpsMailJob } from '../../platform/mail/templates.js';
import type { AppDeps } from '../../platform/server/context.js';

type Recipient = Pick<UserTable, 'email' | 'locale'>;

/** Operators who can sign in: the support desk's other side. */
export function operatorRecipients(control: Kysely<ControlDB>): Promise<Recipient[]> {
  return control
    .selectFrom('operators')
    .select(['email', 'locale'])
    .where('password_hash', 'is not', null)
    .execute();
}

/** A tenant's active org admins (and `extraUserId`, e.g. a ticket's opener), each once. */
export async function tenantRecipients(
  db: Kysely<TenantDB> | Tx<TenantDB>['db'],
  extraUserId?: string,
): Promise<Recipient[]> {
  let q = db.selectFrom('users').select(['email', 'locale']).where('status', '=', 'active');
  q = extraUserId
    ? q.where((eb) => eb.or([eb('is_org_admin', '=', 1), eb('id', '=', extraUserId)]))
    : q.where('is_org_admin', '=', 1);
  const rows = await q.execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.email) && seen.add(r.email));
}

type ParamsOf<J, T> = J extends { template: infer U; params: infer P } ? (T extends U ? P : never) : never;
type MailBody<T extends OpsMailJob['template']> = ParamsOf<OpsMailJob, T>;

/**
 * Queues one mail per recipient through the tenant's outbox (same transaction as the change;
 * relayed to the durable queue after commit, retried there).
 */
export async function mailFromTenant<T extends OpsMailJob['template']>(
  deps: AppDeps,
  tx: Tx<TenantDB>,
  tenant: TenantTable,
  recipients: readonly Recipient[],
  template: T,
  params: (r: Recipient) => MailBody<T>,
): Promise<void> {
  for (const r of recipients) {
    const payload = {
      template,
      to: r.email,
      locale: r.locale,
      timeZone: tenant.time_zone,
      params: params(r),
    };
    await enqueueFromTenant(tx, tenant.id, { type: 'mail.send', payload: payload as OpsMailJob }, (id) =>
      deps.relayTenantOutbox(id),
    );
  }
}

import type { TenantTable } from '../../platform/db/types.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { AppDeps } from '../../platform/server/context.js';
import { expireExports } from '../exports/service.js';
import { closingDay, dateIn, daysBetween, isClosingDue, reminderDue } from './calendar.js';
import { cancellationFor } from './service.js';
import { contractDb } from './tables.js';
import { sweepTerminated, terminateTenant } from './termination.js';

export interface DayResult {
  reminders: number;
  terminated: number;
  swept: number;
  exportsExpired: number;
}

/**
 * The daily contract run (`contracts.daily`, scheduled each morning in the installation
 * zone, JST): reminders 30 and 7 days before each end date (each once, recorded with its
 * end date), terminations due (the day after the end date, unless the operator cancelled),
 * the sweep of terminated tenants until their backup deadline, and expired exports.
 * Every step is idempotent, so the run may be repeated or resumed at any time.
 */
export async function runContractDay(deps: AppDeps, now: Date): Promise<DayResult> {
  const result: DayResult = { reminders: 0, terminated: 0, swept: 0, exportsExpired: 0 };
  const db = contractDb(deps.storage.control.kysely);
  // One tenant's failure never holds up the others: each step is tried for every tenant,
  // and the run then fails (so the job is retried) naming what went wrong.
  const failures: string[] = [];
  const attempt = async (what: string, step: () => Promise<void>) => {
    try {
      await step();
    } catch (error) {
      failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      deps.logger.error({ err: error, step: what }, 'contract day step failed');
    }
  };
  const tenants = await db.selectFrom('tenants').selectAll().execute();
  for (const t of tenants) {
    await attempt(`tenant ${t.slug}`, async () => {
      const today = dateIn(now, t.time_zone);
      const cancelled = await cancellationFor(deps.storage.control.kysely, t.id, t.contract_end);
      if (t.status === 'closed' || (isClosingDue(t.contract_end, today) && !cancelled)) {
        await terminateTenant(deps, t.id, now);
        result.terminated += 1;
        return;
      }
      const kind = cancelled ? null : reminderDue(t.contract_end, today);
      if (kind && (await sendReminder(deps, t, kind, today, now))) result.reminders += 1;
    });
  }
  // Terminations interrupted after the tenant row was deleted.
  const unfinished = await db
    .selectFrom('tenant_terminations')
    .select('tenant_id')
    .where('completed_at', 'is', null)
    .execute();
  for (const u of unfinished) {
    if (tenants.some((t) => t.id === u.tenant_id)) continue;
    await attempt(`termination ${u.tenant_id}`, async () => {
      await terminateTenant(deps, u.tenant_id, now);
      result.terminated += 1;
    });
  }
  await attempt('sweep', async () => {
    result.swept = await sweepTerminated(deps, now);
  });
  await attempt('exports', async () => {
    result.exportsExpired = await expireExports(deps, now);
  });
  if (failures.length) throw new Error(`Contract day incomplete: ${failures.join('; ')}`);
  return result;
}

type TenantRow = TenantTable;

/** Records the reminder and enqueues one mail per org admin in one transaction; false if sent before. */
async function sendReminder(
  deps: AppDeps,
  t: TenantRow,
  kind: '30d' | '7d',
  today: string,
  now: Date,
): Promise<boolean> {
  const admins = await deps.storage
    .tenant(t.id)
    .kysely.selectFrom('users')
    .select(['email', 'display_name', 'locale'])
    .where('is_org_admin', '=', 1)
    .where('status', 'in', ['active', 'invited'])
    .execute();
  return inTransaction(deps.storage.control, async (tx) => {
    const inserted = await contractDb(tx.db)
      .insertInto('contract_reminders')
      .values({
        tenant_id: t.id,
        kind,
        contract_end: t.contract_end,
        sent_at: now.toISOString(),
        recipients: admins.length,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'contract_end']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    for (const a of admins) {
      await enqueue(tx, {
        type: 'mail.send',
        tenantId: t.id,
        payload: {
          template: 'contractEnding',
          to: a.email,
          locale: a.locale,
          timeZone: t.time_zone,
          params: {
            name: a.display_name,
            tenant: t.display_name,
            end: t.contract_end,
            closing: closingDay(t.contract_end),
            days: String(daysBetween(today, t.contract_end)),
            link: `${deps.config.publicUrl}/t/${t.slug}/admin/export`,
          },
        },
      });
    }
    return true;
  });
}

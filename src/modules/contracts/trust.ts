import type { TrustContext, TrustFact, TrustProviders } from '../trust/registry.js';
import { backupDeadline, closingDay, daysBetween, dateIn, REMINDER_DAYS } from './calendar.js';
import { cancellationFor } from './service.js';

/**
 * Trust page facts of the contract (§4, §5): when it ends, the day the live data is deleted (the
 * day after the end, JST), the day by which every backup generation is gone (30 days after the
 * end), and whether the operator has cancelled the termination of this end date. Registered in
 * trust/providers.ts; every date comes from the tenant row and the contracts module's calendar.
 */
export const contractTrustProviders: TrustProviders = {
  async contract(ctx: TrustContext): Promise<TrustFact[]> {
    const end = ctx.tenant.contract_end;
    const today = dateIn(ctx.now, ctx.tenant.time_zone);
    const left = daysBetween(today, end);
    const soon = Math.max(...REMINDER_DAYS);
    const cancelled = await cancellationFor(ctx.deps.storage.control.kysely, ctx.tenant.id, end);
    return [
      {
        id: 'contract.end',
        kind: 'date',
        value: end,
        status: left < 0 ? 'failed' : left <= soon ? 'warning' : 'ok',
      },
      { id: 'contract.liveDataDeletedOn', kind: 'date', value: closingDay(end), status: 'ok' },
      { id: 'contract.backupsDeletedBy', kind: 'date', value: backupDeadline(end), status: 'ok' },
      {
        id: 'contract.termination',
        kind: 'code',
        value: cancelled ? 'termination-cancelled' : 'termination-scheduled',
        status: cancelled ? 'warning' : 'ok',
      },
    ];
  },
};

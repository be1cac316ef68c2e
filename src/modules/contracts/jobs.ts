import { inTransaction } from '../../platform/db/unit-of-work.js';
import { enqueue } from '../../platform/jobs/queue.js';
import type { Schedule } from '../../platform/jobs/scheduler.js';
import type { JobHandlers } from '../../platform/jobs/worker.js';
import type { AppDeps } from '../../platform/server/context.js';
import { buildExport } from '../exports/service.js';
import { runContractDay } from './daily.js';

/** Job handlers of contracts and exports (wired in runtime/bootstrap.ts). */
export function contractJobHandlers(deps: AppDeps): Pick<JobHandlers, 'contracts.daily' | 'export.build'> {
  return {
    'contracts.daily': async () => {
      const result = await runContractDay(deps, deps.clock());
      deps.logger.info(result, 'contract day run');
    },
    'export.build': async (payload, job) => {
      if (!job.tenant_id) throw new Error('export.build needs a tenant');
      await buildExport(deps, job.tenant_id, payload.exportId);
    },
  };
}

/** Daily at 00:15 in the installation zone (JST): the day's contract run, as a durable job. */
export function contractSchedules(deps: AppDeps): Schedule[] {
  return [
    {
      name: 'contracts.daily',
      pattern: '15 0 * * *',
      timeZone: deps.config.timeZone,
      run: () =>
        inTransaction(deps.storage.control, (tx) =>
          enqueue(tx, { type: 'contracts.daily', payload: {} }),
        ).then(() => undefined),
    },
  ];
}

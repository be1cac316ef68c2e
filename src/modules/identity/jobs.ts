import type { JobHandlers } from '../../platform/jobs/worker.js';
import type { AppDeps } from '../../platform/server/context.js';
import { sendPasswordReset } from './password-reset.js';

/** Job handlers of sign-in and password reset (wired in runtime/bootstrap.ts). */
export function identityJobHandlers(deps: AppDeps): Pick<JobHandlers, 'auth.password_reset'> {
  return {
    'auth.password_reset': async (payload, job) => {
      if (!job.tenant_id) throw new Error('auth.password_reset needs a tenant');
      const tenant = await deps.storage.control.kysely
        .selectFrom('tenants')
        .selectAll()
        .where('id', '=', job.tenant_id)
        .executeTakeFirst();
      // A tenant closed since the request: nothing to send.
      if (!tenant || tenant.status === 'closed') return;
      await sendPasswordReset(deps, { tenant, db: deps.storage.tenant(tenant.id) }, payload);
    },
  };
}

import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps } from '../../platform/server/context.js';
import { errorResponses } from '../shared-schemas.js';
import { SlugParams } from '../users/schemas.js';
import { TrustResponse, VerifyNowResponse } from './schemas.js';
import { presentTrust, trustReport, verifyLogsNow } from './service.js';
import { tlsFromSocket } from './tls-facts.js';

/** The trust page (org admins): the whitepaper's promises as live facts of this tenant. */
export function trustRoutes(app: App, deps: AppDeps): void {
  const tags = ['trust'];
  const base = '/t/:slug/api/admin/trust';

  app.get(
    base,
    {
      config: { auth: 'tenant-admin' },
      schema: { tags, params: SlugParams, response: { 200: TrustResponse, ...errorResponses } },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const report = await trustReport(deps, ctx.tenant, ctx.db, tlsFromSocket(req.raw.socket));
      return presentTrust(report, req.locale);
    },
  );

  app.post(
    `${base}/verify-logs`,
    {
      config: { auth: 'tenant-admin' },
      schema: { tags, params: SlugParams, response: { 200: VerifyNowResponse, ...errorResponses } },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const user = req.user!;
      const { report } = await verifyLogsNow(
        deps,
        ctx.tenant,
        ctx.db,
        userActor(req, user),
        `user:${user.id}`,
      );
      return { result: report.result, entriesChecked: report.entriesChecked, verifiedAt: report.verifiedAt };
    },
  );
}

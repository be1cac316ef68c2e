import { Type } from 'typebox';
import type { App } from '../../platform/server/app.js';
import { clientOf, type AppDeps } from '../../platform/server/context.js';
import { clearSessionCookie, tenantCookie } from '../../platform/server/cookies.js';
import { hashToken } from '../../platform/crypto/tokens.js';
import { ErrorResponse, errorResponses } from '../shared-schemas.js';
import { TenantSlugParams, TotpSetup } from '../identity/schemas.js';
import { userView } from '../identity/routes.js';
import { presentSession, presentSignInEvent } from './presenters.js';
import {
  ChangePasswordBody,
  MeResponse,
  PasswordBody,
  RecoveryCodesResponse,
  SecurityPolicy,
  SessionIdParams,
  TotpCodeBody,
} from './schemas.js';
import {
  changePassword,
  disableTotp,
  enableTotp,
  endAllMySessions,
  endMySession,
  myPage,
  securityPolicy,
  setSecurityPolicy,
  setUpTotp,
} from './service.js';
const withLocked = { ...errorResponses, 423: ErrorResponse };

/** My page (§11), own password and two-step verification, and the tenant's 2FA policy. */
export function accountRoutes(app: App, deps: AppDeps): void {
  const tags = ['account'];
  const params = TenantSlugParams;
  const noContent = { 204: Type.Null(), ...errorResponses };

  app.get(
    '/t/:slug/api/me',
    {
      config: { auth: 'tenant-user' },
      schema: { tags, params, response: { 200: MeResponse, ...errorResponses } },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const user = req.user!;
      const tz = ctx.tenant.time_zone;
      const page = await myPage(deps, ctx, user);
      const view = await userView(ctx, user);
      const currentId = hashToken(req.sessionToken!);
      return {
        user: { ...view, totpEnabled: page.totpEnabled, totpRequired: page.totpRequired },
        previousSignIn: view.previousSignIn,
        recentSignIns: page.recent.map((r) => presentSignInEvent(r, tz)),
        sessions: page.sessions.map((s) => presentSession(deps.secret, s, currentId, tz)),
      };
    },
  );

  app.post(
    '/t/:slug/api/me/password',
    {
      config: { auth: 'tenant-user', limit: 'sensitive' },
      schema: { tags, params, body: ChangePasswordBody, response: { 204: Type.Null(), ...withLocked } },
    },
    async (req, reply) => {
      await changePassword(deps, req.tenantCtx!, req.user!, req.sessionToken!, req.body, clientOf(req));
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/t/:slug/api/me/sessions/:id',
    {
      config: { auth: 'tenant-user' },
      schema: { tags, params: SessionIdParams, response: noContent },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      const { current } = await endMySession(
        deps,
        ctx,
        req.user!,
        req.sessionToken!,
        req.params.id,
        clientOf(req),
      );
      if (current) clearSessionCookie(reply, tenantCookie(ctx.tenant.slug));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/t/:slug/api/me/sessions/revoke-all',
    {
      config: { auth: 'tenant-user' },
      schema: { tags, params, response: noContent },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      await endAllMySessions(deps, ctx, req.user!, clientOf(req));
      clearSessionCookie(reply, tenantCookie(ctx.tenant.slug));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/t/:slug/api/me/totp/setup',
    {
      config: { auth: 'tenant-user', limit: 'sensitive' },
      schema: { tags, params, response: { 200: TotpSetup, ...errorResponses } },
    },
    async (req) => setUpTotp(deps, req.tenantCtx!, req.user!),
  );

  app.post(
    '/t/:slug/api/me/totp/enable',
    {
      config: { auth: 'tenant-user', limit: 'sensitive' },
      schema: {
        tags,
        params,
        body: TotpCodeBody,
        response: { 200: RecoveryCodesResponse, ...errorResponses },
      },
    },
    async (req) => ({
      recoveryCodes: await enableTotp(deps, req.tenantCtx!, req.user!, req.body.code, clientOf(req)),
    }),
  );

  app.post(
    '/t/:slug/api/me/totp/disable',
    {
      config: { auth: 'tenant-user', limit: 'sensitive' },
      schema: { tags, params, body: PasswordBody, response: { 204: Type.Null(), ...withLocked } },
    },
    async (req, reply) => {
      await disableTotp(deps, req.tenantCtx!, req.user!, req.body.password, clientOf(req));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/t/:slug/api/admin/security',
    {
      config: { auth: 'tenant-admin' },
      schema: { tags, params, response: { 200: SecurityPolicy, ...errorResponses } },
    },
    async (req) => ({ require2fa: await securityPolicy(req.tenantCtx!) }),
  );

  app.put(
    '/t/:slug/api/admin/security',
    {
      config: { auth: 'tenant-admin' },
      schema: { tags, params, body: SecurityPolicy, response: { 200: SecurityPolicy, ...errorResponses } },
    },
    async (req) => ({
      require2fa: await setSecurityPolicy(
        deps,
        req.tenantCtx!,
        req.user!,
        req.body.require2fa,
        clientOf(req),
      ),
    }),
  );
}

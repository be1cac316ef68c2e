import { Type } from 'typebox';
import type { App } from '../../platform/server/app.js';
import { clientOf, type AppDeps } from '../../platform/server/context.js';
import { clearSessionCookie, setSessionCookie, tenantCookie } from '../../platform/server/cookies.js';
import { errorResponses } from '../shared-schemas.js';
import { presentUser } from './presenters.js';
import {
  AcceptInvitationBody,
  InvitationBody,
  InvitationInfo,
  TenantMeta,
  TenantSlugParams,
  UserResponse,
  UserSignInBody,
} from './schemas.js';
import { acceptInvitation, inspectInvitation, previousSignIn, signInUser, signOutUser } from './service.js';

const SIGN_IN_LIMIT = { max: 20, timeWindow: '1 minute' };

/** Tenant users' sign-in, invitation and session routes under `/t/:slug/api`. */
export function identityRoutes(app: App, deps: AppDeps): void {
  const tags = ['identity'];
  const params = TenantSlugParams;
  const cookieAge = deps.config.sessionAbsoluteHours * 3600;

  app.get(
    '/t/:slug/api/meta',
    {
      config: { auth: 'tenant-public' },
      schema: { tags, params, response: { 200: TenantMeta, ...errorResponses } },
    },
    async (req) => ({ slug: req.tenantCtx!.tenant.slug, displayName: req.tenantCtx!.tenant.display_name }),
  );

  app.post(
    '/t/:slug/api/invitations/inspect',
    {
      config: { auth: 'tenant-public', rateLimit: SIGN_IN_LIMIT },
      schema: { tags, params, body: InvitationBody, response: { 200: InvitationInfo, ...errorResponses } },
    },
    async (req) => {
      const user = await inspectInvitation(deps, req.tenantCtx!, req.body.token);
      return { email: user.email, displayName: user.display_name };
    },
  );

  app.post(
    '/t/:slug/api/invitations/accept',
    {
      config: { auth: 'tenant-public', rateLimit: SIGN_IN_LIMIT },
      schema: { tags, params, body: AcceptInvitationBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await acceptInvitation(deps, req.tenantCtx!, req.body, clientOf(req));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/t/:slug/api/session',
    {
      config: { auth: 'tenant-public', rateLimit: SIGN_IN_LIMIT },
      schema: { tags, params, body: UserSignInBody, response: { 200: UserResponse, ...errorResponses } },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      const { user, token } = await signInUser(deps, ctx, req.body, clientOf(req));
      setSessionCookie(reply, tenantCookie(ctx.tenant.slug), token, cookieAge);
      return { user: presentUser(user, await previousSignIn(ctx, user.id), ctx.tenant.time_zone) };
    },
  );

  app.get(
    '/t/:slug/api/session',
    {
      config: { auth: 'tenant-user' },
      schema: { tags, params, response: { 200: UserResponse, ...errorResponses } },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      return { user: presentUser(req.user!, await previousSignIn(ctx, req.user!.id), ctx.tenant.time_zone) };
    },
  );

  app.delete(
    '/t/:slug/api/session',
    {
      config: { auth: 'tenant-user' },
      schema: { tags, params, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      await signOutUser(ctx, req.user!, req.sessionToken!, clientOf(req));
      clearSessionCookie(reply, tenantCookie(ctx.tenant.slug));
      return reply.code(204).send(null);
    },
  );
}

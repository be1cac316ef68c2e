import { Type } from 'typebox';
import type { App } from '../../platform/server/app.js';
import { clientOf, type AppDeps } from '../../platform/server/context.js';
import { clearSessionCookie, tenantCookie } from '../../platform/server/cookies.js';
import { handOverSession } from '../../platform/server/session-handover.js';
import { ErrorResponse, errorResponses } from '../shared-schemas.js';
import { inspectPasswordReset, requestPasswordReset, resetPassword } from './password-reset.js';
import { presentUser } from './presenters.js';
import {
  AcceptInvitationBody,
  EmailResponse,
  EnrolAtSignInBody,
  EnrolAtSignInResponse,
  ForgotPasswordBody,
  InvitationBody,
  InvitationInfo,
  MfaTokenBody,
  ResetPasswordBody,
  SignInResponse,
  TenantMeta,
  TenantSlugParams,
  TotpSetup,
  TotpSignInBody,
  UserResponse,
  UserSignInBody,
  type UserView,
} from './schemas.js';
import {
  acceptInvitation,
  completeTotpSignIn,
  finishEnrolmentAtSignIn,
  inspectInvitation,
  previousSignIn,
  signInUser,
  signOutUser,
  startEnrolmentAtSignIn,
} from './service.js';
import type { TenantContext } from '../../platform/server/context.js';
import type { UserTable } from '../../platform/db/types.js';

/** Sign-in answers also include 423 ACCOUNT_LOCKED. */
const lockedResponses = { ...errorResponses, 423: ErrorResponse };

export async function userView(ctx: TenantContext, user: UserTable): Promise<UserView> {
  return presentUser(user, await previousSignIn(ctx, user.id), ctx.tenant.time_zone);
}

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
      config: { auth: 'tenant-public', limit: 'sign-in' },
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
      config: { auth: 'tenant-public', limit: 'sign-in' },
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
      config: { auth: 'tenant-public', limit: 'sign-in' },
      schema: { tags, params, body: UserSignInBody, response: { 200: SignInResponse, ...lockedResponses } },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      const outcome = await signInUser(deps, ctx, req.body, clientOf(req));
      if (outcome.kind === 'mfa') return { mfaRequired: true as const, mfaToken: outcome.mfaToken };
      if (outcome.kind === 'enrol') return { enrolmentRequired: true as const, mfaToken: outcome.mfaToken };
      await handOverSession(
        req,
        reply,
        ctx.db.kysely,
        tenantCookie(ctx.tenant.slug),
        outcome.token,
        cookieAge,
      );
      return { user: await userView(ctx, outcome.user) };
    },
  );

  app.post(
    '/t/:slug/api/session/totp',
    {
      config: { auth: 'tenant-public', limit: 'sign-in' },
      schema: { tags, params, body: TotpSignInBody, response: { 200: UserResponse, ...lockedResponses } },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      const { user, token } = await completeTotpSignIn(deps, ctx, req.body, clientOf(req));
      await handOverSession(req, reply, ctx.db.kysely, tenantCookie(ctx.tenant.slug), token, cookieAge);
      return { user: await userView(ctx, user) };
    },
  );

  app.post(
    '/t/:slug/api/session/totp/setup',
    {
      config: { auth: 'tenant-public', limit: 'sign-in' },
      schema: { tags, params, body: MfaTokenBody, response: { 200: TotpSetup, ...errorResponses } },
    },
    async (req) => startEnrolmentAtSignIn(deps, req.tenantCtx!, req.body.mfaToken),
  );

  app.post(
    '/t/:slug/api/session/totp/enable',
    {
      config: { auth: 'tenant-public', limit: 'sign-in' },
      schema: {
        tags,
        params,
        body: EnrolAtSignInBody,
        response: { 200: EnrolAtSignInResponse, ...lockedResponses },
      },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      const done = await finishEnrolmentAtSignIn(deps, ctx, req.body, clientOf(req));
      await handOverSession(req, reply, ctx.db.kysely, tenantCookie(ctx.tenant.slug), done.token, cookieAge);
      return { user: await userView(ctx, done.user), recoveryCodes: done.recoveryCodes };
    },
  );

  app.post(
    '/t/:slug/api/password/forgot',
    {
      config: { auth: 'tenant-public', limit: 'sign-in' },
      schema: {
        tags,
        params,
        body: ForgotPasswordBody,
        response: { 202: Type.Object({}), ...errorResponses },
      },
    },
    async (req, reply) => {
      await requestPasswordReset(deps, req.tenantCtx!, req.body.email, clientOf(req));
      return reply.code(202).send({});
    },
  );

  app.post(
    '/t/:slug/api/password/reset/inspect',
    {
      config: { auth: 'tenant-public', limit: 'sign-in' },
      schema: { tags, params, body: InvitationBody, response: { 200: EmailResponse, ...errorResponses } },
    },
    async (req) => {
      const user = await inspectPasswordReset(deps, req.tenantCtx!, req.body.token);
      return { email: user.email };
    },
  );

  app.post(
    '/t/:slug/api/password/reset',
    {
      config: { auth: 'tenant-public', limit: 'sign-in' },
      schema: { tags, params, body: ResetPasswordBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await resetPassword(deps, req.tenantCtx!, req.body, clientOf(req));
      return reply.code(204).send(null);
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
      return { user: await userView(ctx, req.user!) };
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

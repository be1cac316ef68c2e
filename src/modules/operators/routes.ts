import { Type } from 'typebox';
import type { App } from '../../platform/server/app.js';
import type { AppDeps } from '../../platform/server/context.js';
import { clientOf } from '../../platform/server/context.js';
import { clearSessionCookie, OPERATOR_COOKIE } from '../../platform/server/cookies.js';
import { handOverSession } from '../../platform/server/session-handover.js';
import { errorResponses } from '../shared-schemas.js';
import { presentOperator } from './presenters.js';
import { OperatorResponse, SetPasswordBody, SetupBody, SetupStatus, SignInBody } from './schemas.js';
import {
  completeSetup,
  setOperatorPassword,
  setupNeeded,
  signInOperator,
  signOutOperator,
} from './service.js';

export function operatorRoutes(app: App, deps: AppDeps): void {
  const cookieAge = deps.config.sessionAbsoluteHours * 3600;
  const tags = ['operator'];

  app.get(
    '/api/operator/setup',
    { config: { auth: 'public' }, schema: { tags, response: { 200: SetupStatus } } },
    async () => ({ needed: await setupNeeded(deps) }),
  );

  app.post(
    '/api/operator/setup',
    {
      config: { auth: 'public', limit: 'sign-in' },
      schema: { tags, body: SetupBody, response: { 201: OperatorResponse, ...errorResponses } },
    },
    async (req, reply) => {
      const { operator, token } = await completeSetup(deps, req.body, clientOf(req));
      await handOverSession(req, reply, deps.storage.control.kysely, OPERATOR_COOKIE, token, cookieAge);
      return reply.code(201).send({ operator: presentOperator(operator) });
    },
  );

  app.post(
    '/api/operator/password',
    {
      config: { auth: 'public', limit: 'sign-in' },
      schema: { tags, body: SetPasswordBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await setOperatorPassword(deps, req.body, clientOf(req));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/operator/session',
    {
      config: { auth: 'public', limit: 'sign-in' },
      schema: { tags, body: SignInBody, response: { 200: OperatorResponse, ...errorResponses } },
    },
    async (req, reply) => {
      const { operator, token } = await signInOperator(deps, req.body, clientOf(req));
      await handOverSession(req, reply, deps.storage.control.kysely, OPERATOR_COOKIE, token, cookieAge);
      return { operator: presentOperator(operator) };
    },
  );

  app.get(
    '/api/operator/session',
    {
      config: { auth: 'operator' },
      schema: { tags, response: { 200: OperatorResponse, ...errorResponses } },
    },
    async (req) => ({ operator: presentOperator(req.operator!) }),
  );

  app.delete(
    '/api/operator/session',
    { config: { auth: 'operator' }, schema: { tags, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await signOutOperator(deps, req.operator!, req.sessionToken!, clientOf(req));
      clearSessionCookie(reply, OPERATOR_COOKIE);
      return reply.code(204).send(null);
    },
  );
}

import { ping } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { App } from '../../platform/server/app.js';
import type { AppDeps } from '../../platform/server/context.js';
import { issueCsrf } from '../../platform/server/csrf.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { errorResponses } from '../shared-schemas.js';
import { activeWindow } from '../maintenance/service.js';
import {
  CsrfToken,
  Health,
  JobList,
  JobQuery,
  Meta,
  OutboxList,
  OutboxMessage,
  OutboxParams,
  Readiness,
} from './schemas.js';

/** Health, meta, CSRF, and the operator's views of the job queue and the mail outbox. */
export function systemRoutes(app: App, deps: AppDeps): void {
  const zoned = (iso: string) => formatInZone(iso, deps.config.timeZone);

  app.get(
    '/healthz',
    { config: { auth: 'public', limit: 'none' }, schema: { tags: ['system'], response: { 200: Health } } },
    async () => {
      const w = await activeWindow(deps.storage.control.kysely, deps.clock()).catch(() => undefined);
      return { status: 'ok', ...(w ? { maintenance: { active: true, endsAt: zoned(w.ends_at) } } : {}) };
    },
  );

  app.get(
    '/readyz',
    {
      config: { auth: 'public', limit: 'none' },
      schema: { tags: ['system'], response: { 200: Readiness, 503: Readiness } },
    },
    async (_req, reply) => {
      let database = true;
      let controlMigrations = false;
      try {
        await ping(deps.storage.control);
        controlMigrations = (await deps.storage.controlPending()).length === 0;
      } catch {
        database = false;
      }
      const tenantMigrations = deps.health.tenantMigrationFailures.length === 0;
      const ready = database && controlMigrations && tenantMigrations;
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not-ready',
        checks: { database, controlMigrations, tenantMigrations },
      });
    },
  );

  app.get(
    '/api/meta',
    { config: { auth: 'public' }, schema: { tags: ['system'], response: { 200: Meta } } },
    async () => ({
      name: 'Yosan',
      version: deps.version,
    }),
  );

  app.get(
    '/api/csrf',
    { config: { auth: 'public' }, schema: { tags: ['system'], response: { 200: CsrfToken } } },
    async (req, reply) => ({
      token: issueCsrf(deps.secret, req, reply),
    }),
  );

  app.get(
    '/api/operator/jobs',
    {
      config: { auth: 'operator' },
      schema: { tags: ['operator'], querystring: JobQuery, response: { 200: JobList, ...errorResponses } },
    },
    async (req) => {
      let q = deps.storage.control.kysely
        .selectFrom('jobs')
        .selectAll()
        .orderBy('created_at', 'desc')
        .limit(200);
      if (req.query.status) q = q.where('status', '=', req.query.status);
      const rows = await q.execute();
      return {
        items: rows.map((j) => ({
          id: j.id,
          type: j.type,
          tenantId: j.tenant_id,
          status: j.status,
          attempts: j.attempts,
          maxAttempts: j.max_attempts,
          runAt: zoned(j.run_at),
          lastError: j.last_error,
          createdAt: zoned(j.created_at),
          updatedAt: zoned(j.updated_at),
        })),
      };
    },
  );

  app.get(
    '/api/operator/outbox',
    {
      config: { auth: 'operator' },
      schema: { tags: ['operator'], response: { 200: OutboxList, ...errorResponses } },
    },
    async () => ({
      enabled: deps.mailer.usesOutbox,
      items: (await deps.mailer.listOutbox()).map((m) => ({ ...m, createdAt: zoned(m.createdAt) })),
    }),
  );

  app.get(
    '/api/operator/outbox/:id',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['operator'],
        params: OutboxParams,
        response: { 200: OutboxMessage, ...errorResponses },
      },
    },
    async (req) => {
      const m = await deps.mailer.readOutbox(req.params.id);
      if (!m) throw new AppError('MAIL_NOT_FOUND');
      return { ...m, createdAt: zoned(m.createdAt) };
    },
  );
}

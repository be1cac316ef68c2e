import { Type } from 'typebox';
import type { App } from '../../platform/server/app.js';
import { operatorActor, type AppDeps } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { presentIncidents } from '../incidents/routes.js';
import { incidentsForTenant } from '../incidents/service.js';
import { errorResponses } from '../shared-schemas.js';
import { SlugParams } from '../users/schemas.js';
import { AVAILABILITY_GOAL, thirdSundayWindow } from './availability.js';
import { maintenanceGate } from './gate.js';
import { allWindows, availability, comingWindows, endWindow, scheduleWindow } from './service.js';
import type { MaintenanceWindowTable } from './tables.js';

const WindowView = Type.Object({
  id: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  noticeJa: Type.String(),
  noticeEn: Type.String(),
  status: Type.Union([Type.Literal('scheduled'), Type.Literal('ended'), Type.Literal('cancelled')]),
  active: Type.Boolean(),
});
const WindowList = Type.Object({ items: Type.Array(WindowView) });
const WindowResponse = Type.Object({ window: WindowView });
const ScheduleBody = Type.Object(
  {
    startsAt: Type.String({ minLength: 10, maxLength: 40 }),
    endsAt: Type.String({ minLength: 10, maxLength: 40 }),
    noticeJa: Type.String({ minLength: 1, maxLength: 2000 }),
    noticeEn: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
const MonthQuery = Type.Object(
  { month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }) },
  { additionalProperties: false },
);
const Suggestion = Type.Object({ date: Type.String(), startsAt: Type.String(), endsAt: Type.String() });
const Availability = Type.Object({
  goal: Type.Number(),
  months: Type.Array(
    Type.Object({
      month: Type.String(),
      percent: Type.Union([Type.Number(), Type.Null()]),
      goalMet: Type.Union([Type.Boolean(), Type.Null()]),
      downMinutes: Type.Number(),
      maintenanceMinutes: Type.Number(),
      measuredMinutes: Type.Number(),
    }),
  ),
});
const Notices = Type.Object({
  incidents: Type.Array(
    Type.Object({
      id: Type.String(),
      severity: Type.String(),
      titleJa: Type.String(),
      titleEn: Type.String(),
      startedAt: Type.String(),
    }),
  ),
  maintenance: Type.Array(WindowView),
});

function present(w: MaintenanceWindowTable, zone: string, now: Date) {
  const iso = now.toISOString();
  return {
    id: w.id,
    startsAt: formatInZone(w.starts_at, zone),
    endsAt: formatInZone(w.ends_at, zone),
    noticeJa: w.notice_ja,
    noticeEn: w.notice_en,
    status: w.status,
    active: w.status === 'scheduled' && w.starts_at <= iso && w.ends_at > iso,
  };
}
const minutes = (ms: number) => Math.round(ms / 600) / 100;

/** Maintenance windows, availability, the tenant banner's notices, and the maintenance gate. */
export function maintenanceRoutes(app: App, deps: AppDeps): void {
  const tags = ['maintenance'];
  const op = { auth: 'operator' as const };
  const zone = deps.config.timeZone;
  app.addHook('onRequest', maintenanceGate(deps));

  app.get(
    '/api/operator/maintenance',
    { config: op, schema: { tags, response: { 200: WindowList, ...errorResponses } } },
    async () => ({
      items: (await allWindows(deps)).map((w) => present(w, zone, deps.clock())),
    }),
  );

  app.post(
    '/api/operator/maintenance',
    {
      config: op,
      schema: { tags, body: ScheduleBody, response: { 201: WindowResponse, ...errorResponses } },
    },
    async (req, res) => {
      const w = await scheduleWindow(deps, req.body, operatorActor(req, req.operator!));
      return res.code(201).send({ window: present(w, zone, deps.clock()) });
    },
  );

  app.post(
    '/api/operator/maintenance/:id/end',
    {
      config: op,
      schema: {
        tags,
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: WindowResponse, ...errorResponses },
      },
    },
    async (req) => ({
      window: present(
        await endWindow(deps, req.params.id, operatorActor(req, req.operator!)),
        zone,
        deps.clock(),
      ),
    }),
  );

  app.get(
    '/api/operator/maintenance/third-sunday',
    {
      config: op,
      schema: { tags, querystring: MonthQuery, response: { 200: Suggestion, ...errorResponses } },
    },
    async (req) => {
      const s = thirdSundayWindow(req.query.month);
      return {
        date: s.date,
        startsAt: formatInZone(s.startsAt, 'Asia/Tokyo'),
        endsAt: formatInZone(s.endsAt, 'Asia/Tokyo'),
      };
    },
  );

  app.get(
    '/api/operator/availability',
    {
      config: op,
      schema: {
        tags,
        querystring: Type.Object(
          { months: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 })) },
          { additionalProperties: false },
        ),
        response: { 200: Availability, ...errorResponses },
      },
    },
    async (req) => ({
      goal: AVAILABILITY_GOAL,
      months: (await availability(deps, req.query.months ?? 6)).map((m) => ({
        month: m.month,
        percent: m.percent,
        goalMet: m.goalMet,
        downMinutes: minutes(m.downMs),
        maintenanceMinutes: minutes(m.maintenanceMs),
        measuredMinutes: minutes(m.measuredMs),
      })),
    }),
  );

  app.get(
    '/t/:slug/api/notices',
    {
      config: { auth: 'tenant-user' },
      schema: { tags, params: SlugParams, response: { 200: Notices, ...errorResponses } },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const open = (await incidentsForTenant(deps, ctx.tenant.id)).filter((i) => !i.resolved_at);
      const incidents = await presentIncidents(deps, open, ctx.tenant.time_zone);
      return {
        incidents: incidents.map((i) => ({
          id: i.id,
          severity: i.severity,
          titleJa: i.titleJa,
          titleEn: i.titleEn,
          startedAt: i.startedAt,
        })),
        maintenance: (await comingWindows(deps)).map((w) => present(w, ctx.tenant.time_zone, deps.clock())),
      };
    },
  );
}

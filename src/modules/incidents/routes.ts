import { Type, type Static } from 'typebox';
import type { App } from '../../platform/server/app.js';
import { operatorActor, type AppDeps } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { errorResponses } from '../shared-schemas.js';
import { SlugParams } from '../users/schemas.js';
import {
  allIncidents,
  declareIncident,
  getIncident,
  incidentForTenant,
  incidentsForTenant,
  incidentTenantIds,
  incidentUpdates,
} from './service.js';
import { postIncidentUpdate } from './service.js';
import type { IncidentTable, IncidentUpdateTable } from './tables.js';

const Severity = Type.Union([Type.Literal('minor'), Type.Literal('major'), Type.Literal('critical')]);
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const UpdateView = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('update'), Type.Literal('resolution')]),
  bodyJa: Type.String(),
  bodyEn: Type.String(),
  at: Type.String(),
});
export const IncidentView = Type.Object({
  id: Type.String(),
  severity: Severity,
  allTenants: Type.Boolean(),
  tenantIds: Type.Optional(Type.Array(Type.String())),
  titleJa: Type.String(),
  titleEn: Type.String(),
  descriptionJa: Type.String(),
  descriptionEn: Type.String(),
  startedAt: Type.String(),
  resolvedAt: Type.Union([Type.String(), Type.Null()]),
  updates: Type.Array(UpdateView),
});
export type IncidentView = Static<typeof IncidentView>;
const IncidentList = Type.Object({ items: Type.Array(IncidentView) });
const IncidentResponse = Type.Object({ incident: IncidentView });
const DeclareBody = Type.Object(
  {
    severity: Severity,
    allTenants: Type.Boolean(),
    tenantIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 10_000 }),
    titleJa: Text(200),
    titleEn: Text(200),
    descriptionJa: Text(10_000),
    descriptionEn: Text(10_000),
    startedAt: Type.String({ minLength: 10, maxLength: 40, description: 'ISO 8601 with offset' }),
  },
  { additionalProperties: false },
);
const UpdateBody = Type.Object(
  { bodyJa: Text(10_000), bodyEn: Text(10_000), resolve: Type.Boolean() },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const TenantIdParams = Type.Object({
  slug: Type.String({ maxLength: 64 }),
  id: Type.String({ maxLength: 64 }),
});

export async function presentIncidents(
  deps: AppDeps,
  rows: IncidentTable[],
  zone: string,
  withTenants = false,
): Promise<IncidentView[]> {
  const updates = await incidentUpdates(
    deps,
    rows.map((r) => r.id),
  );
  const byIncident = new Map<string, IncidentUpdateTable[]>();
  for (const u of updates) byIncident.set(u.incident_id, [...(byIncident.get(u.incident_id) ?? []), u]);
  const out: IncidentView[] = [];
  for (const i of rows) {
    out.push({
      id: i.id,
      severity: i.severity,
      allTenants: i.all_tenants === 1,
      ...(withTenants ? { tenantIds: await incidentTenantIds(deps, i.id) } : {}),
      titleJa: i.title_ja,
      titleEn: i.title_en,
      descriptionJa: i.description_ja,
      descriptionEn: i.description_en,
      startedAt: formatInZone(i.started_at, zone),
      resolvedAt: i.resolved_at ? formatInZone(i.resolved_at, zone) : null,
      updates: (byIncident.get(i.id) ?? []).map((u) => ({
        id: u.id,
        kind: u.kind,
        bodyJa: u.body_ja,
        bodyEn: u.body_en,
        at: formatInZone(u.at, zone),
      })),
    });
  }
  return out;
}

/** Incidents (§18): operators declare and update; every user of an affected tenant reads them. */
export function incidentRoutes(app: App, deps: AppDeps): void {
  const tags = ['incidents'];
  const op = { auth: 'operator' as const };
  const zone = deps.config.timeZone;

  app.get(
    '/api/operator/incidents',
    { config: op, schema: { tags, response: { 200: IncidentList, ...errorResponses } } },
    async () => ({
      items: await presentIncidents(deps, await allIncidents(deps), zone, true),
    }),
  );

  app.post(
    '/api/operator/incidents',
    {
      config: op,
      schema: { tags, body: DeclareBody, response: { 201: IncidentResponse, ...errorResponses } },
    },
    async (req, res) => {
      const i = await declareIncident(deps, req.body, operatorActor(req, req.operator!));
      const [incident] = await presentIncidents(deps, [i], zone, true);
      return res.code(201).send({ incident: incident! });
    },
  );

  app.get(
    '/api/operator/incidents/:id',
    {
      config: op,
      schema: { tags, params: IdParams, response: { 200: IncidentResponse, ...errorResponses } },
    },
    async (req) => ({
      incident: (await presentIncidents(deps, [await getIncident(deps, req.params.id)], zone, true))[0]!,
    }),
  );

  app.post(
    '/api/operator/incidents/:id/updates',
    {
      config: op,
      schema: {
        tags,
        params: IdParams,
        body: UpdateBody,
        response: { 200: IncidentResponse, ...errorResponses },
      },
    },
    async (req) => {
      const i = await postIncidentUpdate(deps, req.params.id, req.body, operatorActor(req, req.operator!));
      return { incident: (await presentIncidents(deps, [i], zone, true))[0]! };
    },
  );

  const auth = 'tenant-user' as const;
  app.get(
    '/t/:slug/api/incidents',
    {
      config: { auth },
      schema: { tags, params: SlugParams, response: { 200: IncidentList, ...errorResponses } },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      return {
        items: await presentIncidents(
          deps,
          await incidentsForTenant(deps, ctx.tenant.id),
          ctx.tenant.time_zone,
        ),
      };
    },
  );

  app.get(
    '/t/:slug/api/incidents/:id',
    {
      config: { auth },
      schema: { tags, params: TenantIdParams, response: { 200: IncidentResponse, ...errorResponses } },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      const i = await incidentForTenant(deps, ctx.tenant.id, req.params.id);
      return { incident: (await presentIncidents(deps, [i], ctx.tenant.time_zone))[0]! };
    },
  );
}

import type { App } from '../../platform/server/app.js';
import { operatorActor, type AppDeps } from '../../platform/server/context.js';
import { errorResponses } from '../shared-schemas.js';
import { presentTenant } from './presenters.js';
import { CreateTenantBody, TenantListResponse, TenantParams, TenantResponse } from './schemas.js';
import { createTenant, getTenant, listTenants, setTenantStatus } from './service.js';

export function tenantRoutes(app: App, deps: AppDeps): void {
  const tags = ['tenants'];
  const present = (t: Parameters<typeof presentTenant>[0]) =>
    presentTenant(t, deps.config.publicUrl, deps.config.timeZone);

  app.get(
    '/api/operator/tenants',
    {
      config: { auth: 'operator' },
      schema: { tags, response: { 200: TenantListResponse, ...errorResponses } },
    },
    async () => ({ items: (await listTenants(deps)).map(present) }),
  );

  app.post(
    '/api/operator/tenants',
    {
      config: { auth: 'operator' },
      schema: { tags, body: CreateTenantBody, response: { 201: TenantResponse, ...errorResponses } },
    },
    async (req, reply) => {
      const tenant = await createTenant(deps, req.body, operatorActor(req, req.operator!));
      return reply.code(201).send({ tenant: present(tenant) });
    },
  );

  app.get(
    '/api/operator/tenants/:id',
    {
      config: { auth: 'operator' },
      schema: { tags, params: TenantParams, response: { 200: TenantResponse, ...errorResponses } },
    },
    async (req) => ({ tenant: present(await getTenant(deps, req.params.id)) }),
  );

  for (const [verb, status] of [
    ['suspend', 'suspended'],
    ['resume', 'active'],
  ] as const) {
    app.post(
      `/api/operator/tenants/:id/${verb}`,
      {
        config: { auth: 'operator' },
        schema: { tags, params: TenantParams, response: { 200: TenantResponse, ...errorResponses } },
      },
      async (req) => ({
        tenant: present(
          await setTenantStatus(deps, req.params.id, status, operatorActor(req, req.operator!)),
        ),
      }),
    );
  }
}

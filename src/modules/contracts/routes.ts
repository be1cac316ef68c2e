import { Type } from 'typebox';
import { AppError } from '../../platform/errors/app-error.js';
import type { App } from '../../platform/server/app.js';
import { operatorActor, type AppDeps } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { errorResponses, IsoDate } from '../shared-schemas.js';
import { TenantParams } from '../tenants/schemas.js';
import { certificateHtml } from './certificate-html.js';
import { parseCertificate } from './certificate.js';
import {
  cancelTermination,
  contractStatus,
  listTerminations,
  loadCertificate,
  setContractEnd,
  verifyWithInstallationKey,
  type ContractStatus,
} from './service.js';

const ContractView = Type.Object({
  contractEnd: Type.String(),
  closingDay: Type.String(),
  backupDeadline: Type.String(),
  cancelled: Type.Union([Type.Object({ by: Type.String(), at: Type.String() }), Type.Null()]),
  reminders: Type.Array(
    Type.Object({ kind: Type.String(), sentAt: Type.String(), recipients: Type.Integer() }),
  ),
});
const ContractResponse = Type.Object({ contract: ContractView });
const Verdict = Type.Object({
  ok: Type.Boolean(),
  keyMatches: Type.Boolean(),
  signatureValid: Type.Boolean(),
  keyId: Type.String(),
});
const TerminationView = Type.Object({
  tenantId: Type.String(),
  slug: Type.String(),
  displayName: Type.String(),
  contractEnd: Type.String(),
  closedAt: Type.String(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
});

/** Contract end, termination and deletion certificates (operators, §4/§5). */
export function contractRoutes(app: App, deps: AppDeps): void {
  const tags = ['contracts'];
  const auth = 'operator' as const;
  const zone = deps.config.timeZone;
  const present = (c: ContractStatus) => ({
    ...c,
    cancelled: c.cancelled ? { by: c.cancelled.by, at: formatInZone(c.cancelled.at, zone) } : null,
    reminders: c.reminders.map((r) => ({ ...r, sentAt: formatInZone(r.sentAt, zone) })),
  });

  app.get(
    '/api/operator/tenants/:id/contract',
    {
      config: { auth },
      schema: { tags, params: TenantParams, response: { 200: ContractResponse, ...errorResponses } },
    },
    async (req) => ({ contract: present(await contractStatus(deps, req.params.id)) }),
  );

  app.put(
    '/api/operator/tenants/:id/contract',
    {
      config: { auth },
      schema: {
        tags,
        params: TenantParams,
        body: Type.Object({ contractEnd: IsoDate }, { additionalProperties: false }),
        response: { 200: ContractResponse, ...errorResponses },
      },
    },
    async (req) => {
      await setContractEnd(deps, req.params.id, req.body.contractEnd, operatorActor(req, req.operator!));
      return { contract: present(await contractStatus(deps, req.params.id)) };
    },
  );

  app.post(
    '/api/operator/tenants/:id/termination/cancel',
    {
      config: { auth },
      schema: {
        tags,
        params: TenantParams,
        body: Type.Object({ confirmSlug: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
        response: { 200: ContractResponse, ...errorResponses },
      },
    },
    async (req) => ({
      contract: present(
        await cancelTermination(deps, req.params.id, req.body.confirmSlug, operatorActor(req, req.operator!)),
      ),
    }),
  );

  app.get(
    '/api/operator/terminations',
    {
      config: { auth },
      schema: {
        tags,
        response: { 200: Type.Object({ items: Type.Array(TerminationView) }), ...errorResponses },
      },
    },
    async () => ({
      items: (await listTerminations(deps)).map((t) => ({
        tenantId: t.tenant_id,
        slug: t.slug,
        displayName: t.display_name,
        contractEnd: t.contract_end,
        closedAt: formatInZone(t.closed_at, zone),
        completedAt: t.completed_at ? formatInZone(t.completed_at, zone) : null,
      })),
    }),
  );

  app.get(
    '/api/operator/terminations/:id/certificate',
    {
      config: { auth },
      schema: { tags, params: TenantParams, response: { 200: Type.Unknown(), ...errorResponses } },
    },
    async (req, reply) => {
      const signed = await loadCertificate(deps, req.params.id);
      const name = `deletion-certificate-${signed.certificate.tenant.slug}`;
      return reply
        .header('content-disposition', `attachment; filename="${name}.json"`)
        .send({ ...signed, verification: verifyWithInstallationKey(deps, signed) });
    },
  );

  app.get(
    '/api/operator/terminations/:id/certificate.html',
    {
      config: { auth },
      schema: { tags, params: TenantParams, response: { 200: Type.String(), ...errorResponses } },
    },
    async (req, reply) => {
      const signed = await loadCertificate(deps, req.params.id);
      const name = `deletion-certificate-${signed.certificate.tenant.slug}`;
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.html"`)
        .send(certificateHtml(signed, req.locale));
    },
  );

  app.post(
    '/api/operator/terminations/:id/certificate/verify',
    {
      config: { auth },
      schema: { tags, params: TenantParams, response: { 200: Verdict, ...errorResponses } },
    },
    async (req) => verifyWithInstallationKey(deps, await loadCertificate(deps, req.params.id)),
  );

  app.post(
    '/api/operator/certificates/verify',
    {
      config: { auth },
      schema: {
        tags,
        body: Type.Object({ text: Type.String({ maxLength: 5_000_000 }) }, { additionalProperties: false }),
        response: { 200: Verdict, ...errorResponses },
      },
    },
    async (req) => {
      let signed;
      try {
        signed = parseCertificate(req.body.text);
      } catch {
        throw new AppError('CERTIFICATE_INVALID');
      }
      return verifyWithInstallationKey(deps, signed);
    },
  );
}

import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { issueToken } from '../../platform/auth/one-time-tokens.js';
import { newId, newTenantId } from '../../platform/crypto/tokens.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { TenantTable, UserTable } from '../../platform/db/types.js';
import { AppError } from '../../platform/errors/app-error.js';
import { enqueue } from '../../platform/jobs/queue.js';
import type { AppDeps } from '../../platform/server/context.js';
import { isCalendarDate, isValidTimeZone } from '../../platform/time/zoned.js';
import { tenantsRepo } from './repository.js';
import type { CreateTenantBody } from './schemas.js';
import { checkSlug } from './slug.js';

function validate(input: CreateTenantBody): void {
  checkSlug(input.slug);
  const issues = [];
  if (!isCalendarDate(input.contractStart)) issues.push({ path: '/contractStart', code: 'date' });
  if (!isCalendarDate(input.contractEnd)) issues.push({ path: '/contractEnd', code: 'date' });
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone))
    issues.push({ path: '/timeZone', code: 'format' });
  if (!input.displayName.trim()) issues.push({ path: '/displayName', code: 'required' });
  if (!input.region.trim()) issues.push({ path: '/region', code: 'required' });
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
  if (input.contractEnd < input.contractStart) throw new AppError('CONTRACT_DATES_INVALID');
}

/**
 * Creates a tenant: its own database (migrated), the first organisation
 * administrator with a single-use invitation, entries in both the tenant's and
 * the control log, and the invitation e-mail job. Order: tenant database first,
 * then the control row with the mail job in one transaction; if that fails the
 * new database is removed, so a half-made tenant never remains and no mail goes out.
 */
export async function createTenant(
  deps: AppDeps,
  input: CreateTenantBody,
  actor: Actor,
): Promise<TenantTable> {
  validate(input);
  const control = deps.storage.control;
  if (await tenantsRepo.bySlug(control.kysely, input.slug))
    throw new AppError('SLUG_TAKEN', { params: { slug: input.slug } });

  const now = deps.clock();
  const tenant: TenantTable = {
    id: newTenantId(),
    slug: input.slug,
    display_name: input.displayName.trim(),
    status: 'active',
    contract_start: input.contractStart,
    contract_end: input.contractEnd,
    region: input.region.trim(),
    time_zone: input.timeZone ?? deps.config.timeZone,
    first_admin_email: input.firstAdminEmail.toLowerCase(),
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  const admin: UserTable = {
    id: newId(),
    email: tenant.first_admin_email,
    display_name: tenant.first_admin_email.split('@')[0] ?? tenant.first_admin_email,
    locale: input.firstAdminLocale ?? 'ja',
    is_org_admin: 1,
    status: 'invited',
    password_hash: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };

  const tenantDb = await deps.storage.createTenantDatabase(tenant.id);
  try {
    const invitation = await inTransaction(tenantDb, async (tx) => {
      await tx.db.insertInto('settings').values({ key: 'time_zone', value: tenant.time_zone }).execute();
      await tx.db.insertInto('users').values(admin).execute();
      const issued = await issueToken(
        tx.db,
        'invitation',
        admin.id,
        deps.config.invitationHours * 3_600_000,
        now,
      );
      await appendAudit(tx, actor, {
        kind: 'operation',
        action: 'tenant.create',
        target: { type: 'tenant', id: tenant.id, label: tenant.slug },
        summary: {
          displayName: tenant.display_name,
          contractStart: tenant.contract_start,
          contractEnd: tenant.contract_end,
          region: tenant.region,
        },
      });
      await appendAudit(tx, actor, {
        kind: 'operation',
        action: 'user.invite',
        target: { type: 'user', id: admin.id, label: admin.email },
        summary: { email: admin.email, isOrgAdmin: true, expiresAt: issued.expiresAt },
      });
      return issued;
    });
    await inTransaction(control, async (tx) => {
      await tenantsRepo.insert(tx.db, tenant);
      await appendAudit(tx, actor, {
        kind: 'operation',
        action: 'tenant.create',
        target: { type: 'tenant', id: tenant.id, label: tenant.slug },
        summary: {
          displayName: tenant.display_name,
          contractStart: tenant.contract_start,
          contractEnd: tenant.contract_end,
          region: tenant.region,
          firstAdminEmail: tenant.first_admin_email,
        },
      });
      await enqueue(tx, {
        type: 'mail.send',
        tenantId: tenant.id,
        payload: {
          template: 'invitation',
          to: admin.email,
          locale: admin.locale,
          timeZone: tenant.time_zone,
          params: {
            name: admin.display_name,
            tenant: tenant.display_name,
            link: `${deps.config.publicUrl}/t/${tenant.slug}/invite#token=${invitation.token}`,
            expiresAt: invitation.expiresAt,
          },
        },
      });
    });
  } catch (error) {
    await deps.storage.dropTenantDatabase(tenant.id);
    if (await tenantsRepo.bySlug(control.kysely, input.slug))
      throw new AppError('SLUG_TAKEN', { params: { slug: input.slug } });
    throw error;
  }
  return tenant;
}

export function listTenants(deps: AppDeps): Promise<TenantTable[]> {
  return tenantsRepo.list(deps.storage.control.kysely);
}

export async function getTenant(deps: AppDeps, id: string): Promise<TenantTable> {
  const t = await tenantsRepo.byId(deps.storage.control.kysely, id);
  if (!t) throw new AppError('TENANT_NOT_FOUND');
  return t;
}

/** Suspends or resumes a tenant; logged in the control log and in the tenant's own log. */
export async function setTenantStatus(
  deps: AppDeps,
  id: string,
  status: TenantTable['status'],
  actor: Actor,
): Promise<TenantTable> {
  const tenant = await getTenant(deps, id);
  if (tenant.status === status) throw new AppError('TENANT_STATE_CONFLICT', { params: { state: status } });
  const action = status === 'suspended' ? 'tenant.suspend' : 'tenant.resume';
  const now = deps.clock().toISOString();
  const target = { type: 'tenant', id: tenant.id, label: tenant.slug };
  // The tenant's own log first: if the control change then fails, the tenant's log
  // shows an attempt that the (unchanged) status contradicts, never a silent change.
  await inTransaction(deps.storage.tenant(tenant.id), (tx) =>
    appendAudit(tx, actor, {
      kind: 'operation',
      action,
      target,
      summary: { from: tenant.status, to: status },
    }),
  );
  await inTransaction(deps.storage.control, async (tx) => {
    await tenantsRepo.setStatus(tx.db, tenant.id, status, now);
    await appendAudit(tx, actor, {
      kind: 'operation',
      action,
      target,
      summary: { from: tenant.status, to: status },
    });
  });
  return { ...tenant, status, updated_at: now };
}

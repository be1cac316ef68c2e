import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { issueToken, linksIssuedSince, revokeTokens } from '../../platform/auth/one-time-tokens.js';
import { deleteSessionsOf } from '../../platform/auth/sessions.js';
import { newId } from '../../platform/crypto/tokens.js';
import type { TenantDB, UserTable } from '../../platform/db/types.js';
import { inTransaction, type Tx } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import { enqueueFromTenant, type JobSpec } from '../../platform/jobs/queue.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { throttleKey } from '../identity/throttle.js';
import { presentUserAdmin, type UserFacts } from './presenters.js';
import { insertChunked, isUniqueViolation, usersRepo, type UserFilter } from './repository.js';
import type { CreateUserBody, UpdateUserBody, UserAdminView } from './schemas.js';

export type Db = TenantContext['db']['kysely'];

export const userTarget = (u: Pick<UserTable, 'id' | 'email'>) => ({
  type: 'user',
  id: u.id,
  label: u.email,
});

/** Groups, last sign-in and two-step facts for a set of users, then their admin views. */
export async function presentUsers(
  ctx: TenantContext,
  users: readonly UserTable[],
  db: Db = ctx.db.kysely,
  now: Date = new Date(),
): Promise<UserAdminView[]> {
  const ids = users.map((u) => u.id);
  const facts: UserFacts = {
    groups: await usersRepo.groupsOf(db, ids),
    lastSignIns: await usersRepo.lastSignIns(db, ids),
    totp: await usersRepo.totpEnabled(db, ids),
    locked: new Set(await lockedUserIds(db, now)),
  };
  return users.map((u) => presentUserAdmin(u, facts, ctx.tenant.time_zone));
}

export async function presentOne(ctx: TenantContext, user: UserTable): Promise<UserAdminView> {
  const [view] = await presentUsers(ctx, [user]);
  return view!;
}

export async function listUsers(
  ctx: TenantContext,
  filter: UserFilter,
  page = 1,
  pageSize = 50,
  now: Date = new Date(),
): Promise<{ items: UserAdminView[]; total: number; page: number; pageSize: number }> {
  const lockedIds =
    filter.state === 'locked' || filter.state === 'active' ? await lockedUserIds(ctx.db.kysely, now) : [];
  const res = await usersRepo.page(ctx.db.kysely, { ...filter, lockedIds }, page, pageSize);
  return { items: await presentUsers(ctx, res.items, ctx.db.kysely, now), total: res.total, page, pageSize };
}

/**
 * Users whose sign-in is locked at `now`. Locks are kept per e-mail hash (so that
 * unknown addresses lock alike and reveal nothing); the few live locks are matched
 * to users here.
 */
export async function lockedUserIds(db: Db, now: Date): Promise<string[]> {
  const keys = await db
    .selectFrom('sign_in_throttle')
    .select('key')
    .where('locked_until', '>', now.toISOString())
    .execute();
  if (keys.length === 0) return [];
  const locked = new Set(keys.map((k) => k.key));
  const users = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('status', '<>', 'deleted')
    .execute();
  return users.filter((u) => locked.has(throttleKey(u.email))).map((u) => u.id);
}

export async function getUser(ctx: TenantContext, id: string): Promise<UserTable> {
  const user = await usersRepo.liveById(ctx.db.kysely, id);
  if (!user) throw new AppError('USER_NOT_FOUND');
  return user;
}

async function liveUserIn(tx: Tx<TenantDB>, id: string): Promise<UserTable> {
  const user = await usersRepo.liveById(tx.db, id);
  if (!user) throw new AppError('USER_NOT_FOUND');
  return user;
}

function invitationLink(deps: AppDeps, ctx: TenantContext, token: string): string {
  return `${deps.config.publicUrl}/t/${ctx.tenant.slug}/invite#token=${token}`;
}

export function invitationMail(
  deps: AppDeps,
  ctx: TenantContext,
  user: Pick<UserTable, 'email' | 'display_name' | 'locale'>,
  token: string,
  expiresAt: string,
): JobSpec<'mail.send'> {
  return {
    type: 'mail.send',
    payload: {
      template: 'invitation',
      to: user.email,
      locale: user.locale,
      timeZone: ctx.tenant.time_zone,
      params: {
        name: user.display_name,
        tenant: ctx.tenant.display_name,
        link: invitationLink(deps, ctx, token),
        expiresAt,
      },
    },
  };
}

/** The tenant outbox relay, as a plain function. */
export const relayOf = (deps: AppDeps) => (tenantId: string) => deps.relayTenantOutbox(tenantId);

export const invitationMs = (deps: AppDeps) => deps.config.invitationHours * 3_600_000;

/** Unknown group ids as field issues (`/groupIds/2`). */
export async function checkGroupIds(db: Db | Tx<TenantDB>['db'], ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = new Set((await usersRepo.groupsByIds(db, unique)).map((g) => g.id));
  const issues = ids
    .map((id, i) => (found.has(id) ? undefined : { path: `/groupIds/${i}`, code: 'unknown_group' }))
    .filter((x) => x !== undefined);
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
  return unique;
}

/**
 * Registers one user (§8) with a single-use invitation link; the invitation mail
 * is written to the tenant outbox in the same transaction, so no mail goes out
 * for a registration that rolled back. Nobody chooses the user's password.
 */
export async function createUser(
  deps: AppDeps,
  ctx: TenantContext,
  input: CreateUserBody,
  actor: Actor,
): Promise<UserTable> {
  const email = input.email.trim().toLowerCase();
  const displayName = input.displayName.trim();
  if (!displayName)
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: '/displayName', code: 'required' }] });
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const groupIds = await checkGroupIds(tx.db, input.groupIds);
      if (await usersRepo.liveByEmail(tx.db, email)) throw new AppError('EMAIL_TAKEN');
      const now = deps.clock();
      const user: UserTable = {
        id: newId(),
        email,
        display_name: displayName,
        locale: input.locale,
        is_org_admin: input.isOrgAdmin ? 1 : 0,
        status: 'invited',
        password_hash: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      await tx.db.insertInto('users').values(user).execute();
      await insertChunked(
        tx.db,
        'group_members',
        groupIds.map((g) => ({ group_id: g, user_id: user.id, created_at: now.toISOString() })),
      );
      const invitation = await issueToken(tx.db, 'invitation', user.id, invitationMs(deps), now);
      await appendAudit(
        tx,
        actor,
        {
          kind: 'operation',
          action: 'user.invite',
          target: userTarget(user),
          summary: {
            email,
            displayName,
            locale: user.locale,
            isOrgAdmin: input.isOrgAdmin,
            groupIds,
            expiresAt: invitation.expiresAt,
          },
        },
        deps.clock,
      );
      await enqueueFromTenant(
        tx,
        ctx.tenant.id,
        invitationMail(deps, ctx, user, invitation.token, invitation.expiresAt),
        relayOf(deps),
      );
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('EMAIL_TAKEN');
    throw error;
  }
}

export async function updateUser(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  input: UpdateUserBody,
  actor: Actor,
): Promise<UserTable> {
  const displayName = input.displayName?.trim();
  if (input.displayName !== undefined && !displayName)
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: '/displayName', code: 'required' }] });
  return inTransaction(ctx.db, async (tx) => {
    const user = await liveUserIn(tx, id);
    const change: Partial<UserTable> = {};
    if (displayName !== undefined && displayName !== user.display_name) change.display_name = displayName;
    if (input.locale !== undefined && input.locale !== user.locale) change.locale = input.locale;
    if (Object.keys(change).length === 0) return user;
    const now = deps.clock().toISOString();
    await tx.db
      .updateTable('users')
      .set({ ...change, updated_at: now })
      .where('id', '=', id)
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'user.update',
        target: userTarget(user),
        summary: {
          from: { displayName: user.display_name, locale: user.locale },
          to: { displayName: change.display_name ?? user.display_name, locale: change.locale ?? user.locale },
        },
      },
      deps.clock,
    );
    return { ...user, ...change, updated_at: now };
  });
}

/** A new invitation link; the previous one stops working at once. Only for invited users. */
export async function resendInvitation(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  actor: Actor,
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const user = await liveUserIn(tx, id);
    if (user.status !== 'invited') throw new AppError('INVITATION_NOT_PENDING');
    const now = deps.clock();
    // The same hourly cap as reset mails (issue 21 point 5): no inbox flooded by repeated resends.
    const perHour = deps.config.resetMailsPerHour;
    if (
      (await linksIssuedSince(tx.db, 'invitation', user.id, new Date(now.getTime() - 3_600_000))) >= perHour
    )
      throw new AppError('INVITATION_RESEND_LIMIT', { params: { perHour } });
    await revokeTokens(tx.db, 'invitation', user.id, now);
    const invitation = await issueToken(tx.db, 'invitation', user.id, invitationMs(deps), now);
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'user.invitation_resend',
        target: userTarget(user),
        summary: { expiresAt: invitation.expiresAt },
      },
      deps.clock,
    );
    await enqueueFromTenant(
      tx,
      ctx.tenant.id,
      invitationMail(deps, ctx, user, invitation.token, invitation.expiresAt),
      relayOf(deps),
    );
  });
}

/**
 * Deletes a user: the row stays (status `deleted`, no password) so log entries keep
 * their name and the address can be registered again; sessions, memberships and
 * unused links end at once. Refused for oneself and for the last org admin.
 */
export async function deleteUser(deps: AppDeps, ctx: TenantContext, id: string, actor: Actor): Promise<void> {
  if (actor.id === id) throw new AppError('CANNOT_DELETE_SELF');
  await inTransaction(ctx.db, async (tx) => {
    const admins = await usersRepo.liveAdmins(tx.db, ctx.db.dialect === 'postgres');
    const user = await liveUserIn(tx, id);
    if (user.is_org_admin === 1 && admins.filter((a) => a.id !== id).length === 0)
      throw new AppError('LAST_ORG_ADMIN');
    const now = deps.clock();
    await tx.db
      .updateTable('users')
      .set({ status: 'deleted', password_hash: null, updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
    await deleteSessionsOf(tx.db, id);
    await tx.db.deleteFrom('group_members').where('user_id', '=', id).execute();
    await revokeTokens(tx.db, 'invitation', id, now);
    await revokeTokens(tx.db, 'reset', id, now);
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'user.delete',
        target: userTarget(user),
        summary: { email: user.email, displayName: user.display_name, wasOrgAdmin: user.is_org_admin === 1 },
      },
      deps.clock,
    );
  });
}

/**
 * Grants or revokes org admin (§9). At least one org admin always remains (checked
 * inside the transaction, admin rows locked on PostgreSQL). The auth hook reads the
 * user row on every request, so the change applies from the user's next request.
 */
export async function setOrgAdmin(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  isOrgAdmin: boolean,
  actor: Actor,
): Promise<UserTable> {
  return inTransaction(ctx.db, async (tx) => {
    const admins = await usersRepo.liveAdmins(tx.db, ctx.db.dialect === 'postgres');
    const user = await liveUserIn(tx, id);
    if ((user.is_org_admin === 1) === isOrgAdmin) return user;
    if (!isOrgAdmin && admins.filter((a) => a.id !== id).length === 0) throw new AppError('LAST_ORG_ADMIN');
    const now = deps.clock().toISOString();
    await tx.db
      .updateTable('users')
      .set({ is_org_admin: isOrgAdmin ? 1 : 0, updated_at: now })
      .where('id', '=', id)
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: isOrgAdmin ? 'user.org_admin_grant' : 'user.org_admin_revoke',
        target: userTarget(user),
        summary: { from: user.is_org_admin === 1, to: isOrgAdmin },
      },
      deps.clock,
    );
    await enqueueFromTenant(
      tx,
      ctx.tenant.id,
      {
        type: 'mail.send',
        payload: {
          template: isOrgAdmin ? 'orgAdminGranted' : 'orgAdminRevoked',
          to: user.email,
          locale: user.locale,
          timeZone: ctx.tenant.time_zone,
          params: {
            name: user.display_name,
            tenant: ctx.tenant.display_name,
            by: actor.name ?? '',
            link: `${deps.config.publicUrl}/t/${ctx.tenant.slug}/`,
          },
        },
      },
      relayOf(deps),
    );
    return { ...user, is_org_admin: isOrgAdmin ? 1 : 0, updated_at: now };
  });
}

/** Ends every session of a user at once. */
export async function revokeSessions(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  actor: Actor,
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const user = await liveUserIn(tx, id);
    await deleteSessionsOf(tx.db, id);
    await appendAudit(
      tx,
      actor,
      { kind: 'operation', action: 'user.sessions_revoke', target: userTarget(user) },
      deps.clock,
    );
  });
}

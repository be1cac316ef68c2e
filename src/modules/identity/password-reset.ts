import { appendAudit } from '../../platform/audit/audit-log.js';
import { consumeToken, inspectToken, revokeTokens } from '../../platform/auth/one-time-tokens.js';
import { deleteSessionsOf } from '../../platform/auth/sessions.js';
import { checkPasswordPolicy, hashPassword } from '../../platform/crypto/passwords.js';
import { hashToken, newToken } from '../../platform/crypto/tokens.js';
import { inTransaction, type Tx } from '../../platform/db/unit-of-work.js';
import type { TenantDB, UserTable } from '../../platform/db/types.js';
import { AppError } from '../../platform/errors/app-error.js';
import { enqueueFromTenant } from '../../platform/jobs/queue.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { identityRepo } from './repository.js';
import { userTarget, type Client } from './service.js';
import { clearFailures, throttleKey } from './throttle.js';

/** A reset link is valid this long (§10). */
export const RESET_VALID_MS = 30 * 60_000;

/**
 * "Forgot password" (§10). Whether or not the address belongs to an active user, the
 * same work is done — one user lookup, a new random token and its SHA-256, earlier
 * reset links of the subject revoked, a token row, a login-log entry, one transaction
 * and an outbox relay — and the caller answers 202 `{}` either way. Only for a real
 * user does the token row name a subject (so only that link can ever work) and the
 * transaction also hold the reset mail for the outbox.
 */
export async function requestPasswordReset(
  deps: AppDeps,
  ctx: TenantContext,
  rawEmail: string,
  client: Client,
): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  const found = await identityRepo.liveUserByEmail(ctx.db.kysely, email);
  const user = found?.status === 'active' ? found : undefined;
  const token = newToken();
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + RESET_VALID_MS).toISOString();
  await inTransaction(ctx.db, async (tx) => {
    await revokeTokens(tx.db, 'reset', user?.id ?? null, now);
    await tx.db
      .insertInto('one_time_tokens')
      .values({
        id: hashToken(token),
        purpose: 'reset',
        subject_id: user?.id ?? null,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
    await appendAudit(
      tx,
      { type: 'anonymous', id: user?.id ?? null, name: email.slice(0, 254), ...client },
      {
        kind: 'login',
        action: 'auth.password_reset_requested',
        result: user ? 'success' : 'failure',
        target: { type: 'user', id: user?.id ?? null, label: email },
      },
      deps.clock,
    );
    if (user) {
      await enqueueFromTenant(
        tx,
        ctx.tenant.id,
        {
          type: 'mail.send',
          payload: {
            template: 'passwordReset',
            to: user.email,
            locale: user.locale,
            timeZone: ctx.tenant.time_zone,
            params: {
              name: user.display_name,
              tenant: ctx.tenant.display_name,
              link: `${deps.config.publicUrl}/t/${ctx.tenant.slug}/reset-password#token=${token}`,
              expiresAt,
            },
          },
        },
        async () => undefined,
      );
    }
  });
  await deps.relayTenantOutbox(ctx.tenant.id);
}

async function resetUser(deps: AppDeps, ctx: TenantContext, token: string): Promise<UserTable> {
  const row = await inspectToken(ctx.db.kysely, 'reset', token, deps.clock());
  const user = row.subject_id ? await identityRepo.userById(ctx.db.kysely, row.subject_id) : undefined;
  if (!user || user.status !== 'active') throw new AppError('TOKEN_INVALID');
  return user;
}

export function inspectPasswordReset(deps: AppDeps, ctx: TenantContext, token: string): Promise<UserTable> {
  return resetUser(deps, ctx, token);
}

/** Enqueues the "your password was changed" notice in the caller's transaction. */
export async function enqueuePasswordChangedMail(
  tx: Tx<TenantDB>,
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  at: Date,
): Promise<void> {
  await enqueueFromTenant(
    tx,
    ctx.tenant.id,
    {
      type: 'mail.send',
      payload: {
        template: 'passwordChanged',
        to: user.email,
        locale: user.locale,
        timeZone: ctx.tenant.time_zone,
        params: { name: user.display_name, tenant: ctx.tenant.display_name, at: at.toISOString() },
      },
    },
    (id) => deps.relayTenantOutbox(id),
  );
}

/**
 * Sets a new password with a reset link: the link is used up, every session of the
 * user ends, pending second steps are dropped, the lock is lifted and a notice is
 * mailed. Two-step verification stays as it is: the next sign-in still asks for it.
 */
export async function resetPassword(
  deps: AppDeps,
  ctx: TenantContext,
  body: { token: string; password: string },
  client: Client,
): Promise<void> {
  const user = await resetUser(deps, ctx, body.token);
  checkPasswordPolicy(
    body.password,
    { email: user.email, name: user.display_name },
    deps.config.passwordMinLength,
  );
  const hash = await hashPassword(body.password);
  await inTransaction(ctx.db, async (tx) => {
    const now = deps.clock();
    await consumeToken(tx.db, 'reset', body.token, now);
    await tx.db
      .updateTable('users')
      .set({ password_hash: hash, updated_at: now.toISOString() })
      .where('id', '=', user.id)
      .execute();
    await identityRepo.updateSecurity(tx.db, user.id, { password_changed_at: now.toISOString() });
    await deleteSessionsOf(tx.db, user.id);
    await tx.db.deleteFrom('mfa_challenges').where('user_id', '=', user.id).execute();
    await clearFailures(tx.db, throttleKey(user.email));
    await appendAudit(
      tx,
      { type: 'user', id: user.id, name: user.display_name, ...client },
      { kind: 'login', action: 'auth.password_reset', target: userTarget(user) },
      deps.clock,
    );
    await enqueuePasswordChangedMail(tx, deps, ctx, user, now);
  });
}

import { createHmac, randomInt } from 'node:crypto';
import { appendAudit } from '../../platform/audit/audit-log.js';
import {
  consumeToken,
  inspectToken,
  linksIssuedSince,
  revokeTokens,
} from '../../platform/auth/one-time-tokens.js';
import { deleteSessionsOf } from '../../platform/auth/sessions.js';
import { checkPasswordPolicy, hashPassword } from '../../platform/crypto/passwords.js';
import { hashToken, newToken } from '../../platform/crypto/tokens.js';
import { inTransaction, type Tx } from '../../platform/db/unit-of-work.js';
import type { TenantDB, UserTable } from '../../platform/db/types.js';
import { AppError } from '../../platform/errors/app-error.js';
import { enqueue, enqueueFromTenant, type JobPayloads } from '../../platform/jobs/queue.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { identityRepo } from './repository.js';
import { userTarget, type Client } from './service.js';
import { clearFailures, throttleKey } from './throttle.js';

/** A reset link is valid this long (§10). */
export const RESET_VALID_MS = 30 * 60_000;

/**
 * "Forgot password" (§10, issue 21 point 5). The request does the same work whatever the
 * address: no lookup, one job in the queue (`auth.password_reset`), and the caller answers
 * 202 `{}`. The job (`sendPasswordReset`) looks the address up and mails, at most
 * `YOSAN_RESET_MAILS_PER_HOUR` times an hour per address.
 */
export async function requestPasswordReset(
  deps: AppDeps,
  ctx: TenantContext,
  rawEmail: string,
  client: Client,
): Promise<void> {
  const email = rawEmail.trim().toLowerCase().slice(0, 254);
  await inTransaction(deps.storage.control, (tx) =>
    enqueue(tx, {
      type: 'auth.password_reset',
      tenantId: ctx.tenant.id,
      payload: { email, ip: client.ip, userAgent: client.userAgent },
      maxAttempts: 3,
      // The job's work differs by existence: it runs a little later (the worker's next poll), at
      // a time unrelated to this answer, so it cannot show in this or the next answer's time.
      runAt: new Date(Date.now() + 250 + randomInt(500)),
    }),
  );
}

export type ResetOutcome = 'sent' | 'unknown' | 'suppressed';

/**
 * The job behind "forgot password": for an active user below the hourly cap, earlier reset
 * links are revoked, a new one is made and mailed; every request leaves one sign-in-log entry
 * (`auth.password_reset_requested`, success for a real user, failure for an unknown address;
 * `auth.password_reset_suppressed` over the cap). The app log names the address only by a
 * keyed hash.
 */
export async function sendPasswordReset(
  deps: AppDeps,
  ctx: TenantContext,
  p: JobPayloads['auth.password_reset'],
): Promise<ResetOutcome> {
  const email = p.email;
  const found = await identityRepo.liveUserByEmail(ctx.db.kysely, email);
  const user = found?.status === 'active' ? found : undefined;
  const now = deps.clock();
  const cap = deps.config.resetMailsPerHour;
  const actor = {
    type: 'anonymous' as const,
    id: user?.id ?? null,
    name: email,
    ip: p.ip,
    userAgent: p.userAgent,
  };
  const target = { type: 'user', id: user?.id ?? null, label: email };
  const outcome = await inTransaction(ctx.db, async (tx): Promise<ResetOutcome> => {
    if (!user) {
      await appendAudit(
        tx,
        actor,
        { kind: 'login', action: 'auth.password_reset_requested', result: 'failure', target },
        deps.clock,
      );
      return 'unknown';
    }
    if ((await linksIssuedSince(tx.db, 'reset', user.id, new Date(now.getTime() - 3_600_000))) >= cap) {
      await appendAudit(
        tx,
        actor,
        {
          kind: 'login',
          action: 'auth.password_reset_suppressed',
          result: 'failure',
          target,
          summary: { reason: 'RESET_MAIL_CAP', perHour: cap },
        },
        deps.clock,
      );
      return 'suppressed';
    }
    const token = newToken();
    const expiresAt = new Date(now.getTime() + RESET_VALID_MS).toISOString();
    await revokeTokens(tx.db, 'reset', user.id, now);
    await tx.db
      .insertInto('one_time_tokens')
      .values({
        id: hashToken(token),
        purpose: 'reset',
        subject_id: user.id,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
    await appendAudit(
      tx,
      actor,
      { kind: 'login', action: 'auth.password_reset_requested', result: 'success', target },
      deps.clock,
    );
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
      (id) => deps.relayTenantOutbox(id),
    );
    return 'sent';
  });
  if (outcome === 'suppressed')
    deps.logger.info(
      { tenant: ctx.tenant.slug, address: addressRef(deps.secret, email), perHour: cap },
      'password reset mail suppressed (hourly cap)',
    );
  return outcome;
}

/** An address in the app log: a keyed hash (the same address gives the same reference), never the text. */
export const addressRef = (secret: string, email: string): string =>
  createHmac('sha256', secret).update(`address:${email}`).digest('hex').slice(0, 16);

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

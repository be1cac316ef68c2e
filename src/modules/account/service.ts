import { appendAudit } from '../../platform/audit/audit-log.js';
import { deleteSessionsOf } from '../../platform/auth/sessions.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../platform/crypto/passwords.js';
import { hashToken } from '../../platform/crypto/tokens.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { AuditLogTable, SessionTable, UserTable } from '../../platform/db/types.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Actor } from '../../platform/audit/audit-log.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { enqueuePasswordChangedMail } from '../../modules/identity/password-reset.js';
import { identityRepo, totpRequiredFor, type Require2fa } from '../identity/repository.js';
import {
  activateTotp,
  failSignIn,
  openSecret,
  sealSecret,
  totpEnrolment,
  userTarget,
  type Client,
} from '../identity/service.js';
import { lockedUntil, throttleKey } from '../identity/throttle.js';
import { newTotpSecret, verifyTotp } from '../identity/totp.js';
import { formatForPeople } from '../../platform/time/zoned.js';
import { sessionPublicId } from './presenters.js';
import type { ChangePasswordBody } from './schemas.js';

const RECENT_SIGN_INS = 20;

const actorOf = (user: UserTable, client: Client): Actor => ({
  type: 'user',
  id: user.id,
  name: user.display_name,
  ...client,
});

/** What My page shows (§11): the user's sign-in history and live sessions. */
export async function myPage(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
): Promise<{
  recent: AuditLogTable[];
  sessions: SessionTable[];
  totpEnabled: boolean;
  totpRequired: boolean;
}> {
  const db = ctx.db.kysely;
  const recent = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('actor_id', '=', user.id)
    .where('kind', '=', 'login')
    .where('action', '=', 'auth.sign_in')
    .orderBy('seq', 'desc')
    .limit(RECENT_SIGN_INS)
    .execute();
  const nowIso = deps.clock().toISOString();
  const sessions = await db
    .selectFrom('sessions')
    .selectAll()
    .where('subject_id', '=', user.id)
    .where('idle_expires_at', '>', nowIso)
    .where('absolute_expires_at', '>', nowIso)
    .orderBy('created_at', 'desc')
    .execute();
  const security = await identityRepo.security(db, user.id);
  return {
    recent,
    sessions,
    totpEnabled: Boolean(security?.totp_secret),
    totpRequired: totpRequiredFor(await identityRepo.require2fa(db), user),
  };
}

/**
 * Checks the user's current password for a sensitive change. Wrong guesses count
 * toward the same lock as sign-in failures, so a stolen session cannot be used to
 * guess the password.
 */
async function confirmPassword(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  password: string,
  client: Client,
): Promise<void> {
  const until = await lockedUntil(ctx.db.kysely, throttleKey(user.email), deps.clock());
  if (until)
    throw new AppError('ACCOUNT_LOCKED', {
      params: { until: formatForPeople(until, ctx.tenant.time_zone) },
    });
  if (await verifyPassword(user.password_hash ?? '', password)) return;
  const error = await failSignIn(deps, ctx, user.email, user, client, 'password');
  throw error.code === 'ACCOUNT_LOCKED' ? error : new AppError('CURRENT_PASSWORD_INCORRECT');
}

/** Changes the password (the current one is needed); other sessions end; notice mailed. */
export async function changePassword(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  currentToken: string,
  body: ChangePasswordBody,
  client: Client,
): Promise<void> {
  await confirmPassword(deps, ctx, user, body.currentPassword, client);
  checkPasswordPolicy(
    body.newPassword,
    { email: user.email, name: user.display_name },
    deps.config.passwordMinLength,
  );
  const hash = await hashPassword(body.newPassword);
  await inTransaction(ctx.db, async (tx) => {
    const now = deps.clock();
    await tx.db
      .updateTable('users')
      .set({ password_hash: hash, updated_at: now.toISOString() })
      .where('id', '=', user.id)
      .execute();
    await identityRepo.updateSecurity(tx.db, user.id, { password_changed_at: now.toISOString() });
    await tx.db
      .deleteFrom('sessions')
      .where('subject_id', '=', user.id)
      .where('id', '<>', hashToken(currentToken))
      .execute();
    await appendAudit(
      tx,
      actorOf(user, client),
      { kind: 'login', action: 'auth.password_changed', target: userTarget(user) },
      deps.clock,
    );
    await enqueuePasswordChangedMail(tx, deps, ctx, user, now);
  });
}

/** Ends one of the user's own sessions by its opaque id; says whether it was the current one. */
export async function endMySession(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  currentToken: string,
  publicId: string,
  client: Client,
): Promise<{ current: boolean }> {
  const sessions = await ctx.db.kysely
    .selectFrom('sessions')
    .select('id')
    .where('subject_id', '=', user.id)
    .execute();
  const session = sessions.find((s) => sessionPublicId(deps.secret, s) === publicId);
  if (!session) throw new AppError('SESSION_NOT_FOUND');
  await inTransaction(ctx.db, async (tx) => {
    await tx.db.deleteFrom('sessions').where('id', '=', session.id).execute();
    await appendAudit(
      tx,
      actorOf(user, client),
      {
        kind: 'login',
        action: 'auth.session_ended',
        target: userTarget(user),
        summary: { session: publicId },
      },
      deps.clock,
    );
  });
  return { current: session.id === hashToken(currentToken) };
}

/** "Sign out everywhere": every session of the user ends, this one included. */
export async function endAllMySessions(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  client: Client,
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    await deleteSessionsOf(tx.db, user.id);
    await appendAudit(
      tx,
      actorOf(user, client),
      { kind: 'login', action: 'auth.sign_out_everywhere', target: userTarget(user) },
      deps.clock,
    );
  });
}

/** Starts setting up two-step verification: a new secret, pending until confirmed with a code. */
export async function setUpTotp(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
): Promise<{ secret: string; otpauthUrl: string; qrSvg: string }> {
  const security = await identityRepo.security(ctx.db.kysely, user.id);
  if (security?.totp_secret) throw new AppError('TOTP_ALREADY_ENABLED');
  const secret = newTotpSecret();
  await inTransaction(ctx.db, (tx) =>
    identityRepo.updateSecurity(tx.db, user.id, { totp_pending_secret: sealSecret(deps, secret) }),
  );
  return totpEnrolment(ctx, user, secret);
}

/** Confirms the pending secret with a first code; returns the ten recovery codes (shown once). */
export async function enableTotp(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  code: string,
  client: Client,
): Promise<string[]> {
  const security = await identityRepo.security(ctx.db.kysely, user.id);
  if (security?.totp_secret) throw new AppError('TOTP_ALREADY_ENABLED');
  if (!security?.totp_pending_secret) throw new AppError('TOTP_NOT_SET_UP');
  const sealed = security.totp_pending_secret;
  const step = verifyTotp(openSecret(deps, sealed), code, deps.clock(), null);
  if (step === null) throw new AppError('MFA_CODE_INVALID');
  return inTransaction(ctx.db, (tx) => activateTotp(tx, deps, user, sealed, step, client));
}

/** Turns two-step verification off (the password is needed), unless the tenant requires it. */
export async function disableTotp(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  password: string,
  client: Client,
): Promise<void> {
  if (totpRequiredFor(await identityRepo.require2fa(ctx.db.kysely), user))
    throw new AppError('TOTP_REQUIRED');
  await confirmPassword(deps, ctx, user, password, client);
  await inTransaction(ctx.db, async (tx) => {
    await identityRepo.updateSecurity(tx.db, user.id, {
      totp_secret: null,
      totp_pending_secret: null,
      totp_enabled_at: null,
      totp_last_step: null,
    });
    await tx.db.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
    await appendAudit(
      tx,
      actorOf(user, client),
      { kind: 'login', action: 'auth.totp_disabled', target: userTarget(user) },
      deps.clock,
    );
  });
}

export function securityPolicy(ctx: TenantContext): Promise<Require2fa> {
  return identityRepo.require2fa(ctx.db.kysely);
}

/** An org admin sets who must use two-step verification (operation log). */
export async function setSecurityPolicy(
  deps: AppDeps,
  ctx: TenantContext,
  admin: UserTable,
  require2fa: Require2fa,
  client: Client,
): Promise<Require2fa> {
  await inTransaction(ctx.db, async (tx) => {
    const before = await identityRepo.require2fa(tx.db);
    await identityRepo.setRequire2fa(tx.db, require2fa);
    await appendAudit(
      tx,
      actorOf(admin, client),
      {
        kind: 'operation',
        action: 'security.require_2fa',
        target: { type: 'tenant', id: ctx.tenant.id, label: ctx.tenant.slug },
        summary: { before, after: require2fa },
      },
      deps.clock,
    );
  });
  return require2fa;
}

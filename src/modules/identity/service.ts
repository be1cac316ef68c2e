import { appendAudit, SYSTEM_ACTOR } from '../../platform/audit/audit-log.js';
import { consumeToken, inspectToken } from '../../platform/auth/one-time-tokens.js';
import { createSession, deleteSession } from '../../platform/auth/sessions.js';
import { open, seal } from '../../platform/crypto/secretbox.js';
import { hashToken, newId, newToken } from '../../platform/crypto/tokens.js';
import { enqueueFromTenant } from '../../platform/jobs/queue.js';
import { formatForPeople } from '../../platform/time/zoned.js';
import { identityRepo, totpRequiredFor } from './repository.js';
import { clearFailures, lockedUntil, recordFailure, throttleKey } from './throttle.js';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, otpauthUrl, qrSvg, verifyTotp } from './totp.js';
import {
  checkPasswordPolicy,
  dummyPasswordHash,
  hashPassword,
  verifyPassword,
} from '../../platform/crypto/passwords.js';
import { inTransaction, type Tx } from '../../platform/db/unit-of-work.js';
import type { AuditLogTable, MfaChallengeTable, TenantDB, UserTable } from '../../platform/db/types.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import type { AcceptInvitationBody, UserSignInBody } from './schemas.js';

export interface Client {
  ip: string | null;
  userAgent: string | null;
}

export const userTarget = (u: UserTable) => ({ type: 'user', id: u.id, label: u.email });

async function invitedUser(ctx: TenantContext, token: string, now: Date): Promise<UserTable> {
  const row = await inspectToken(ctx.db.kysely, 'invitation', token, now);
  const user = row.subject_id
    ? await ctx.db.kysely.selectFrom('users').selectAll().where('id', '=', row.subject_id).executeTakeFirst()
    : undefined;
  if (!user || user.status === 'deleted') throw new AppError('TOKEN_INVALID');
  return user;
}

export function inspectInvitation(deps: AppDeps, ctx: TenantContext, token: string): Promise<UserTable> {
  return invitedUser(ctx, token, deps.clock());
}

/** The invited user sets their own password (§10); the link then stops working. */
export async function acceptInvitation(
  deps: AppDeps,
  ctx: TenantContext,
  body: AcceptInvitationBody,
  client: Client,
): Promise<void> {
  const user = await invitedUser(ctx, body.token, deps.clock());
  checkPasswordPolicy(
    body.password,
    { email: user.email, name: user.display_name },
    deps.config.passwordMinLength,
  );
  const hash = await hashPassword(body.password);
  await inTransaction(ctx.db, async (tx) => {
    const now = deps.clock();
    await consumeToken(tx.db, 'invitation', body.token, now);
    await tx.db
      .updateTable('users')
      .set({ password_hash: hash, status: 'active', updated_at: now.toISOString() })
      .where('id', '=', user.id)
      .execute();
    await appendAudit(
      tx,
      { type: 'user', id: user.id, name: user.display_name, ...client },
      {
        kind: 'login',
        action: 'auth.password_set',
        target: userTarget(user),
      },
    );
  });
}

/** The answer of the password step: a session, or the second step to take. */
export type SignInOutcome =
  | { kind: 'session'; user: UserTable; token: string }
  | { kind: 'mfa'; mfaToken: string }
  | { kind: 'enrol'; mfaToken: string };

const MFA_TOKEN_MINUTES = 5;
const MFA_MAX_ATTEMPTS = 5;

function sessionPolicy(deps: AppDeps) {
  return { idleMinutes: deps.config.sessionIdleMinutes, absoluteHours: deps.config.sessionAbsoluteHours };
}

function lockedError(until: string, ctx: TenantContext): AppError {
  return new AppError('ACCOUNT_LOCKED', { params: { until: formatForPeople(until, ctx.tenant.time_zone) } });
}

/**
 * Records a failed guess for the account behind `email` (known or not) in the login
 * log, counts it toward the lock, and when it causes a lock writes `auth.locked` and
 * mails the user. Returns the error to answer with.
 */
export async function failSignIn(
  deps: AppDeps,
  ctx: TenantContext,
  email: string,
  user: UserTable | undefined,
  client: Client,
  reason: 'password' | 'totp' | 'recovery_code',
): Promise<AppError> {
  const key = throttleKey(email);
  const lock = await inTransaction(ctx.db, async (tx) => {
    const now = deps.clock();
    const { lockedUntil: until } = await recordFailure(tx.db, key, now);
    const actor = { type: 'anonymous' as const, id: user?.id ?? null, name: email.slice(0, 254), ...client };
    const target = { type: 'user', id: user?.id ?? null, label: email };
    await appendAudit(
      tx,
      actor,
      { kind: 'login', action: 'auth.sign_in', result: 'failure', target, summary: { reason } },
      deps.clock,
    );
    if (until) {
      await appendAudit(
        tx,
        { ...SYSTEM_ACTOR, ...client },
        { kind: 'login', action: 'auth.locked', target, summary: { until } },
        deps.clock,
      );
      if (user?.status === 'active') {
        await enqueueFromTenant(
          tx,
          ctx.tenant.id,
          {
            type: 'mail.send',
            payload: {
              template: 'accountLocked',
              to: user.email,
              locale: user.locale,
              timeZone: ctx.tenant.time_zone,
              params: {
                name: user.display_name,
                tenant: ctx.tenant.display_name,
                until,
                ip: client.ip ?? '-',
              },
            },
          },
          (id) => deps.relayTenantOutbox(id),
        );
      }
    }
    return until;
  });
  return lock ? lockedError(lock, ctx) : new AppError('INVALID_CREDENTIALS');
}

/** Refuses while the account behind `email` is locked (known or not), logging the refusal. */
async function refuseIfLocked(
  deps: AppDeps,
  ctx: TenantContext,
  email: string,
  user: UserTable | undefined,
  client: Client,
): Promise<void> {
  const until = await lockedUntil(ctx.db.kysely, throttleKey(email), deps.clock());
  if (!until) return;
  await inTransaction(ctx.db, (tx) =>
    appendAudit(
      tx,
      { type: 'anonymous', id: user?.id ?? null, name: email.slice(0, 254), ...client },
      {
        kind: 'login',
        action: 'auth.sign_in',
        result: 'failure',
        target: { type: 'user', id: user?.id ?? null, label: email },
        summary: { reason: 'locked' },
      },
      deps.clock,
    ),
  );
  throw lockedError(until, ctx);
}

/** Creates the session of a complete sign-in, ends the failure streak and logs it. */
async function startSession(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  client: Client,
  method: 'password' | 'totp' | 'recovery_code',
  extra?: (tx: Tx<TenantDB>) => Promise<void>,
): Promise<{ user: UserTable; token: string }> {
  return inTransaction(ctx.db, async (tx) => {
    await extra?.(tx);
    const { token } = await createSession(tx.db, user.id, sessionPolicy(deps), client, deps.clock());
    await clearFailures(tx.db, throttleKey(user.email));
    await appendAudit(
      tx,
      { type: 'user', id: user.id, name: user.display_name, ...client },
      { kind: 'login', action: 'auth.sign_in', target: userTarget(user), summary: { method } },
      deps.clock,
    );
    return { user, token };
  });
}

/**
 * The password step of signing in (§10). Unknown addresses are answered exactly as
 * wrong passwords (the same hashing work, the same throttle and lock). With two-step
 * verification on, or required by the tenant and not yet set up, the answer is a
 * short-lived single-use `mfaToken` for the second step instead of a session.
 */
export async function signInUser(
  deps: AppDeps,
  ctx: TenantContext,
  body: UserSignInBody,
  client: Client,
): Promise<SignInOutcome> {
  const email = body.email.trim().toLowerCase();
  const user = await identityRepo.liveUserByEmail(ctx.db.kysely, email);
  await refuseIfLocked(deps, ctx, email, user, client);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), body.password);
  if (!user || user.status !== 'active' || !ok) {
    throw await failSignIn(deps, ctx, email, user, client, 'password');
  }
  const security = await identityRepo.security(ctx.db.kysely, user.id);
  const enabled = Boolean(security?.totp_secret);
  const required = totpRequiredFor(await identityRepo.require2fa(ctx.db.kysely), user);
  if (enabled || required) {
    const mfaToken = newToken();
    const now = deps.clock();
    await inTransaction(ctx.db, async (tx) => {
      await tx.db.deleteFrom('mfa_challenges').where('expires_at', '<=', now.toISOString()).execute();
      await tx.db
        .insertInto('mfa_challenges')
        .values({
          id: hashToken(mfaToken),
          user_id: user.id,
          purpose: enabled ? 'sign_in' : 'enrol',
          pending_secret: null,
          attempts: 0,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + MFA_TOKEN_MINUTES * 60_000).toISOString(),
          used_at: null,
        })
        .execute();
    });
    return enabled ? { kind: 'mfa', mfaToken } : { kind: 'enrol', mfaToken };
  }
  const started = await startSession(deps, ctx, user, client, 'password');
  return { kind: 'session', ...started };
}

/** A live second-step challenge and its user, or MFA_TOKEN_INVALID. */
async function challengeOf(
  deps: AppDeps,
  ctx: TenantContext,
  mfaToken: string,
  purpose: MfaChallengeTable['purpose'],
): Promise<{ challenge: MfaChallengeTable; user: UserTable }> {
  const challenge = await ctx.db.kysely
    .selectFrom('mfa_challenges')
    .selectAll()
    .where('id', '=', hashToken(mfaToken))
    .executeTakeFirst();
  const now = deps.clock().toISOString();
  if (
    !challenge ||
    challenge.purpose !== purpose ||
    challenge.used_at !== null ||
    challenge.expires_at <= now ||
    challenge.attempts >= MFA_MAX_ATTEMPTS
  )
    throw new AppError('MFA_TOKEN_INVALID');
  const user = await identityRepo.userById(ctx.db.kysely, challenge.user_id);
  if (!user || user.status !== 'active') throw new AppError('MFA_TOKEN_INVALID');
  return { challenge, user };
}

/** Marks a challenge used; a second, concurrent use fails. */
async function useChallenge(tx: Tx<TenantDB>, challenge: MfaChallengeTable, now: Date): Promise<void> {
  const res = await tx.db
    .updateTable('mfa_challenges')
    .set({ used_at: now.toISOString() })
    .where('id', '=', challenge.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('MFA_TOKEN_INVALID');
}

async function failSecondStep(
  deps: AppDeps,
  ctx: TenantContext,
  challenge: MfaChallengeTable,
  user: UserTable,
  client: Client,
  reason: 'totp' | 'recovery_code',
): Promise<AppError> {
  await ctx.db.kysely
    .updateTable('mfa_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', challenge.id)
    .execute();
  const error = await failSignIn(deps, ctx, user.email, user, client, reason);
  return error.code === 'ACCOUNT_LOCKED' ? error : new AppError('MFA_CODE_INVALID');
}

/** The second step: a code from the authenticator app, or one of the recovery codes. */
export async function completeTotpSignIn(
  deps: AppDeps,
  ctx: TenantContext,
  body: { mfaToken: string; code?: string; recoveryCode?: string },
  client: Client,
): Promise<{ user: UserTable; token: string }> {
  const { challenge, user } = await challengeOf(deps, ctx, body.mfaToken, 'sign_in');
  await refuseIfLocked(deps, ctx, user.email, user, client);
  const security = await identityRepo.security(ctx.db.kysely, user.id);
  if (!security?.totp_secret) throw new AppError('MFA_TOKEN_INVALID');
  const now = deps.clock();
  if (typeof body.code === 'string') {
    const secret = openSecret(deps, security.totp_secret);
    const step = verifyTotp(secret, body.code, now, security.totp_last_step);
    if (step === null) throw await failSecondStep(deps, ctx, challenge, user, client, 'totp');
    return startSession(deps, ctx, user, client, 'totp', async (tx) => {
      await useChallenge(tx, challenge, now);
      await identityRepo.updateSecurity(tx.db, user.id, { totp_last_step: step });
    });
  }
  if (typeof body.recoveryCode === 'string') {
    const hash = hashRecoveryCode(body.recoveryCode);
    const code = await ctx.db.kysely
      .selectFrom('recovery_codes')
      .select('id')
      .where('user_id', '=', user.id)
      .where('code_hash', '=', hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (!code) throw await failSecondStep(deps, ctx, challenge, user, client, 'recovery_code');
    return startSession(deps, ctx, user, client, 'recovery_code', async (tx) => {
      await useChallenge(tx, challenge, now);
      const res = await tx.db
        .updateTable('recovery_codes')
        .set({ used_at: now.toISOString() })
        .where('id', '=', code.id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('MFA_CODE_INVALID');
    });
  }
  throw new AppError('VALIDATION_FAILED', { issues: [{ path: '/code', code: 'required' }] });
}

export const TOTP_PURPOSE = 'totp-secret';
export function sealSecret(deps: AppDeps, secret: string): string {
  return seal(deps.secret, TOTP_PURPOSE, secret);
}
export function openSecret(deps: AppDeps, sealed: string): string {
  return open(deps.secret, TOTP_PURPOSE, sealed);
}

/** What an authenticator app needs: the secret, the otpauth:// URL and its QR code (SVG). */
export async function totpEnrolment(
  ctx: TenantContext,
  user: UserTable,
  secret: string,
): Promise<{ secret: string; otpauthUrl: string; qrSvg: string }> {
  const url = otpauthUrl(secret, user.email, `Yosan (${ctx.tenant.display_name})`);
  return { secret, otpauthUrl: url, qrSvg: await qrSvg(url) };
}

/** Turns two-step verification on with the pending secret, in the caller's transaction. */
export async function activateTotp(
  tx: Tx<TenantDB>,
  deps: AppDeps,
  user: UserTable,
  sealedSecret: string,
  step: number,
  client: Client,
): Promise<string[]> {
  const now = deps.clock().toISOString();
  await identityRepo.updateSecurity(tx.db, user.id, {
    totp_secret: sealedSecret,
    totp_pending_secret: null,
    totp_enabled_at: now,
    totp_last_step: step,
  });
  await tx.db.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
  const codes = newRecoveryCodes();
  await tx.db
    .insertInto('recovery_codes')
    .values(
      codes.map((c) => ({
        id: newId(),
        user_id: user.id,
        code_hash: hashRecoveryCode(c),
        created_at: now,
        used_at: null,
      })),
    )
    .execute();
  await appendAudit(
    tx,
    { type: 'user', id: user.id, name: user.display_name, ...client },
    { kind: 'login', action: 'auth.totp_enabled', target: userTarget(user) },
    deps.clock,
  );
  return codes;
}

/** Enrolment during sign-in when the tenant requires 2FA: the secret for the app. */
export async function startEnrolmentAtSignIn(
  deps: AppDeps,
  ctx: TenantContext,
  mfaToken: string,
): Promise<{ secret: string; otpauthUrl: string; qrSvg: string }> {
  const { challenge, user } = await challengeOf(deps, ctx, mfaToken, 'enrol');
  const secret = newTotpSecret();
  await ctx.db.kysely
    .updateTable('mfa_challenges')
    .set({ pending_secret: sealSecret(deps, secret) })
    .where('id', '=', challenge.id)
    .execute();
  return totpEnrolment(ctx, user, secret);
}

/** Finishes enrolment during sign-in with a first code; signs in and returns the recovery codes. */
export async function finishEnrolmentAtSignIn(
  deps: AppDeps,
  ctx: TenantContext,
  body: { mfaToken: string; code: string },
  client: Client,
): Promise<{ user: UserTable; token: string; recoveryCodes: string[] }> {
  const { challenge, user } = await challengeOf(deps, ctx, body.mfaToken, 'enrol');
  if (!challenge.pending_secret) throw new AppError('TOTP_NOT_SET_UP');
  const now = deps.clock();
  const step = verifyTotp(openSecret(deps, challenge.pending_secret), body.code, now, null);
  if (step === null) throw await failSecondStep(deps, ctx, challenge, user, client, 'totp');
  let recoveryCodes: string[] = [];
  const started = await startSession(deps, ctx, user, client, 'totp', async (tx) => {
    await useChallenge(tx, challenge, now);
    recoveryCodes = await activateTotp(tx, deps, user, challenge.pending_secret!, step, client);
  });
  return { ...started, recoveryCodes };
}

export async function signOutUser(
  ctx: TenantContext,
  user: UserTable,
  token: string,
  client: Client,
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    await deleteSession(tx.db, token);
    await appendAudit(
      tx,
      { type: 'user', id: user.id, name: user.display_name, ...client },
      {
        kind: 'login',
        action: 'auth.sign_out',
        target: userTarget(user),
      },
    );
  });
}

/** The sign-in before the current one (§11), read from the login log. */
export async function previousSignIn(ctx: TenantContext, userId: string): Promise<AuditLogTable | undefined> {
  const rows = await ctx.db.kysely
    .selectFrom('audit_log')
    .selectAll()
    .where('actor_id', '=', userId)
    .where('kind', '=', 'login')
    .where('action', '=', 'auth.sign_in')
    .where('result', '=', 'success')
    .orderBy('seq', 'desc')
    .limit(2)
    .execute();
  return rows[1];
}

import { appendAudit } from '../../platform/audit/audit-log.js';
import { consumeToken, inspectToken } from '../../platform/auth/one-time-tokens.js';
import { createSession, deleteSession } from '../../platform/auth/sessions.js';
import {
  checkPasswordPolicy,
  dummyPasswordHash,
  hashPassword,
  verifyPassword,
} from '../../platform/crypto/passwords.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { AuditLogTable, UserTable } from '../../platform/db/types.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import type { AcceptInvitationBody, UserSignInBody } from './schemas.js';

export interface Client {
  ip: string | null;
  userAgent: string | null;
}

const userTarget = (u: UserTable) => ({ type: 'user', id: u.id, label: u.email });

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
  checkPasswordPolicy(body.password, { email: user.email, name: user.display_name });
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

export async function signInUser(
  deps: AppDeps,
  ctx: TenantContext,
  body: UserSignInBody,
  client: Client,
): Promise<{ user: UserTable; token: string }> {
  const email = body.email.trim().toLowerCase();
  const user = await ctx.db.kysely
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email)
    .where('status', '<>', 'deleted')
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), body.password);
  if (!user || user.status !== 'active' || !ok) {
    await inTransaction(ctx.db, (tx) =>
      appendAudit(
        tx,
        { type: 'anonymous', id: user?.id ?? null, name: email.slice(0, 254), ...client },
        {
          kind: 'login',
          action: 'auth.sign_in',
          result: 'failure',
          target: { type: 'user', id: user?.id ?? null, label: email },
        },
      ),
    );
    throw new AppError('INVALID_CREDENTIALS');
  }
  const policy = {
    idleMinutes: deps.config.sessionIdleMinutes,
    absoluteHours: deps.config.sessionAbsoluteHours,
  };
  return inTransaction(ctx.db, async (tx) => {
    const { token } = await createSession(tx.db, user.id, policy, client, deps.clock());
    await appendAudit(
      tx,
      { type: 'user', id: user.id, name: user.display_name, ...client },
      {
        kind: 'login',
        action: 'auth.sign_in',
        target: userTarget(user),
      },
    );
    return { user, token };
  });
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

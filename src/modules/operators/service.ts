import { appendAudit, SYSTEM_ACTOR, type Actor } from '../../platform/audit/audit-log.js';
import { consumeToken, inspectToken, issueToken, revokeTokens } from '../../platform/auth/one-time-tokens.js';
import { createSession, deleteSession } from '../../platform/auth/sessions.js';
import {
  checkPasswordPolicy,
  dummyPasswordHash,
  hashPassword,
  verifyPassword,
} from '../../platform/crypto/passwords.js';
import { newId } from '../../platform/crypto/tokens.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { OperatorTable } from '../../platform/db/types.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { enqueue } from '../../platform/jobs/queue.js';
import type { AppDeps } from '../../platform/server/context.js';
import { operatorsRepo } from './repository.js';
import type { SetPasswordBody, SetupBody, SignInBody } from './schemas.js';

const SETUP_VALID_MS = 7 * 24 * 3_600_000;

export interface Client {
  ip: string | null;
  userAgent: string | null;
}

/**
 * While no operator exists, makes a fresh one-time setup link (older ones stop
 * working) and returns it; afterwards returns undefined.
 */
export async function ensureSetupLink(deps: AppDeps): Promise<string | undefined> {
  const db = deps.storage.control.kysely;
  if ((await operatorsRepo.countWithPassword(db)) > 0) return undefined;
  const now = deps.clock();
  const { token } = await inTransaction(deps.storage.control, async (tx) => {
    await revokeTokens(tx.db, 'setup', null, now);
    return issueToken(tx.db, 'setup', null, SETUP_VALID_MS, now);
  });
  return `${deps.config.publicUrl}/operator/setup#token=${token}`;
}

export async function setupNeeded(deps: AppDeps): Promise<boolean> {
  return (await operatorsRepo.countWithPassword(deps.storage.control.kysely)) === 0;
}

function sessionPolicy(deps: AppDeps) {
  return { idleMinutes: deps.config.sessionIdleMinutes, absoluteHours: deps.config.sessionAbsoluteHours };
}

/** First-run setup: the one-time link creates the first operator and signs them in. */
export async function completeSetup(
  deps: AppDeps,
  body: SetupBody,
  client: Client,
): Promise<{ operator: OperatorTable; token: string }> {
  const db = deps.storage.control.kysely;
  if (!(await setupNeeded(deps))) throw new AppError('SETUP_ALREADY_DONE');
  await inspectToken(db, 'setup', body.token, deps.clock());
  checkPasswordPolicy(
    body.password,
    { email: body.email, name: body.displayName },
    deps.config.passwordMinLength,
  );
  const hash = await hashPassword(body.password);
  return inTransaction(deps.storage.control, async (tx) => {
    const now = deps.clock();
    await consumeToken(tx.db, 'setup', body.token, now);
    if ((await operatorsRepo.countWithPassword(tx.db)) > 0) throw new AppError('SETUP_ALREADY_DONE');
    const existing = await operatorsRepo.byEmail(tx.db, body.email);
    if (existing) throw new AppError('EMAIL_TAKEN');
    const operator: OperatorTable = {
      id: newId(),
      email: body.email.toLowerCase(),
      display_name: body.displayName.trim(),
      password_hash: hash,
      locale: body.locale,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    await operatorsRepo.insert(tx.db, operator);
    const actor: Actor = { type: 'operator', id: operator.id, name: operator.display_name, ...client };
    await appendAudit(tx, actor, {
      kind: 'operation',
      action: 'operator.setup',
      target: { type: 'operator', id: operator.id, label: operator.email },
      summary: { email: operator.email, displayName: operator.display_name },
    });
    const { token } = await createSession(tx.db, operator.id, sessionPolicy(deps), client, now);
    await appendAudit(tx, actor, {
      kind: 'login',
      action: 'auth.sign_in',
      target: { type: 'operator', id: operator.id, label: operator.email },
    });
    return { operator, token };
  });
}

/**
 * Creates a further operator without a password and returns a one-time
 * set-password link (also e-mailed). Used by `yosan operator create`.
 */
export async function inviteOperator(
  deps: AppDeps,
  input: { email: string; displayName?: string; locale?: Locale },
  actor: Actor = SYSTEM_ACTOR,
): Promise<{ operator: OperatorTable; link: string; expiresAt: string }> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: '/email', code: 'email' }] });
  }
  const validMs = deps.config.invitationHours * 3_600_000;
  return inTransaction(deps.storage.control, async (tx) => {
    const now = deps.clock();
    let operator = await operatorsRepo.byEmail(tx.db, email);
    if (operator?.password_hash) throw new AppError('EMAIL_TAKEN');
    if (!operator) {
      operator = {
        id: newId(),
        email,
        display_name: input.displayName?.trim() || email,
        password_hash: null,
        locale: input.locale ?? 'ja',
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      await operatorsRepo.insert(tx.db, operator);
    }
    await revokeTokens(tx.db, 'invitation', operator.id, now);
    const { token, expiresAt } = await issueToken(tx.db, 'invitation', operator.id, validMs, now);
    const link = `${deps.config.publicUrl}/operator/set-password#token=${token}`;
    await appendAudit(tx, actor, {
      kind: 'operation',
      action: 'operator.invite',
      target: { type: 'operator', id: operator.id, label: email },
      summary: { email, expiresAt },
    });
    await enqueue(tx, {
      type: 'mail.send',
      payload: {
        template: 'operatorInvitation',
        to: email,
        locale: operator.locale,
        timeZone: deps.config.timeZone,
        params: { email, link, expiresAt },
      },
    });
    return { operator, link, expiresAt };
  });
}

/** Sets an operator's password from a one-time link. */
export async function setOperatorPassword(
  deps: AppDeps,
  body: SetPasswordBody,
  client: Client,
): Promise<void> {
  const db = deps.storage.control.kysely;
  const row = await inspectToken(db, 'invitation', body.token, deps.clock());
  const operator = row.subject_id ? await operatorsRepo.byId(db, row.subject_id) : undefined;
  if (!operator) throw new AppError('TOKEN_INVALID');
  checkPasswordPolicy(
    body.password,
    { email: operator.email, name: operator.display_name },
    deps.config.passwordMinLength,
  );
  const hash = await hashPassword(body.password);
  await inTransaction(deps.storage.control, async (tx) => {
    const now = deps.clock();
    await consumeToken(tx.db, 'invitation', body.token, now);
    await operatorsRepo.setPassword(tx.db, operator.id, hash, now.toISOString());
    await appendAudit(
      tx,
      { type: 'operator', id: operator.id, name: operator.display_name, ...client },
      {
        kind: 'login',
        action: 'auth.password_set',
        target: { type: 'operator', id: operator.id, label: operator.email },
      },
    );
  });
}

export async function signInOperator(
  deps: AppDeps,
  body: SignInBody,
  client: Client,
): Promise<{ operator: OperatorTable; token: string }> {
  const email = body.email.trim().toLowerCase();
  const operator = await operatorsRepo.byEmail(deps.storage.control.kysely, email);
  // Verify against a dummy hash when there is no such operator, so timing does not tell.
  const ok = await verifyPassword(operator?.password_hash ?? (await dummyPasswordHash()), body.password);
  if (!operator || !operator.password_hash || !ok) {
    await inTransaction(deps.storage.control, (tx) =>
      appendAudit(
        tx,
        { type: 'anonymous', id: operator?.id ?? null, name: email.slice(0, 254), ...client },
        {
          kind: 'login',
          action: 'auth.sign_in',
          result: 'failure',
          target: { type: 'operator', id: operator?.id ?? null, label: email },
        },
      ),
    );
    throw new AppError('INVALID_CREDENTIALS');
  }
  return inTransaction(deps.storage.control, async (tx) => {
    const { token } = await createSession(tx.db, operator.id, sessionPolicy(deps), client, deps.clock());
    await appendAudit(
      tx,
      { type: 'operator', id: operator.id, name: operator.display_name, ...client },
      {
        kind: 'login',
        action: 'auth.sign_in',
        target: { type: 'operator', id: operator.id, label: operator.email },
      },
    );
    return { operator, token };
  });
}

export async function signOutOperator(
  deps: AppDeps,
  operator: OperatorTable,
  token: string,
  client: Client,
): Promise<void> {
  await inTransaction(deps.storage.control, async (tx) => {
    await deleteSession(tx.db, token);
    await appendAudit(
      tx,
      { type: 'operator', id: operator.id, name: operator.display_name, ...client },
      {
        kind: 'login',
        action: 'auth.sign_out',
        target: { type: 'operator', id: operator.id, label: operator.email },
      },
    );
  });
}

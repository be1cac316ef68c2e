import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, linkToken } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { mailsTo, movableClock, newClient, tenantWithAdmin, type ErrorJson } from '../support/identity.js';
import type { TestServer } from '../support/server.js';

const PASSWORD = 'copper lantern harbour 6624';
const clock = movableClock();
let ts: TestServer;
let email: string;
let password = PASSWORD;
let secret: string;
let recoveryCodes: string[];

const codeAt = (base32: string, at = clock.now()) =>
  new TOTP({ secret: Secret.fromBase32(base32), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: at.getTime(),
  });

interface SignIn {
  user?: { email: string };
  mfaRequired?: boolean;
  enrolmentRequired?: boolean;
  mfaToken?: string;
}

async function signIn(c: HttpsClient) {
  return c.post<SignIn>('/t/mfa/api/session', { email, password });
}

beforeAll(async () => {
  const env = await tenantWithAdmin('mfa', PASSWORD, { clock: clock.now });
  ts = env.ts;
  email = env.email;
});
afterAll(async () => {
  await ts?.stop();
});

describe('two-step verification (TOTP)', () => {
  it('is set up with a QR code and a first code, and returns 10 recovery codes once', async () => {
    const c = await newClient(ts);
    expect((await signIn(c)).json.user?.email).toBe(email);
    const setup = await c.post<{ secret: string; otpauthUrl: string; qrSvg: string }>(
      '/t/mfa/api/me/totp/setup',
    );
    expect(setup.status).toBe(200);
    secret = setup.json.secret;
    expect(setup.json.otpauthUrl).toMatch(/^otpauth:\/\/totp\/.*algorithm=SHA1&digits=6&period=30/);
    expect(setup.json.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const wrong = await c.post<ErrorJson>('/t/mfa/api/me/totp/enable', {
      code: codeAt(secret, new Date(clock.now().getTime() - 10 * 60_000)),
    });
    expect(wrong.json.error.code).toBe('MFA_CODE_INVALID');
    const ok = await c.post<{ recoveryCodes: string[] }>('/t/mfa/api/me/totp/enable', {
      code: codeAt(secret),
    });
    expect(ok.status).toBe(200);
    recoveryCodes = ok.json.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const me = await c.get<{ user: { totpEnabled: boolean } }>('/t/mfa/api/me');
    expect(me.json.user.totpEnabled).toBe(true);
    expect(me.text).not.toContain(secret);
    // Stored encrypted; recovery codes only as hashes.
    const deps = ts.server.runtime.deps;
    const t = await deps.storage.control.kysely.selectFrom('tenants').select('id').executeTakeFirstOrThrow();
    const db = deps.storage.tenant(t.id).kysely;
    const sec = await db.selectFrom('user_security').selectAll().executeTakeFirstOrThrow();
    expect(sec.totp_secret).toMatch(/^v1\./);
    expect(JSON.stringify(sec)).not.toContain(secret);
    const codes = await db.selectFrom('recovery_codes').select('code_hash').execute();
    expect(codes).toHaveLength(10);
    expect(JSON.stringify(codes)).not.toContain(recoveryCodes[0]!);
    expect(setup.json.secret).not.toBe('');
    expect((await c.post<ErrorJson>('/t/mfa/api/me/totp/setup')).json.error.code).toBe(
      'TOTP_ALREADY_ENABLED',
    );
  });

  it('makes sign-in two steps; the mfaToken works once and a used code cannot be replayed', async () => {
    const c = await newClient(ts);
    const first = await signIn(c);
    expect(first.json).toEqual({ mfaRequired: true, mfaToken: expect.any(String) as string });
    expect(c.cookies.has('__Host-yosan-t-mfa')).toBe(false);
    const mfaToken = first.json.mfaToken!;
    // The code used to enable it (same 30 s step) is refused as a replay.
    const replay = await c.post<ErrorJson>('/t/mfa/api/session/totp', { mfaToken, code: codeAt(secret) });
    expect(replay.json.error.code).toBe('MFA_CODE_INVALID');
    clock.advance(30_000);
    const ok = await c.post<{ user: { email: string } }>('/t/mfa/api/session/totp', {
      mfaToken,
      code: codeAt(secret),
    });
    expect(ok.status).toBe(200);
    expect(ok.json.user.email).toBe(email);
    expect((await c.get('/t/mfa/api/me')).status).toBe(200);
    clock.advance(30_000);
    const reuse = await c.post<ErrorJson>('/t/mfa/api/session/totp', { mfaToken, code: codeAt(secret) });
    expect(reuse.json.error.code).toBe('MFA_TOKEN_INVALID');
  });

  it('accepts each recovery code once', async () => {
    const c = await newClient(ts);
    const a = await signIn(c);
    const ok = await c.post('/t/mfa/api/session/totp', {
      mfaToken: a.json.mfaToken,
      recoveryCode: recoveryCodes[0]!.toUpperCase(),
    });
    expect(ok.status).toBe(200);
    const b = await signIn(await newClient(ts));
    const again = await c.post<ErrorJson>('/t/mfa/api/session/totp', {
      mfaToken: b.json.mfaToken,
      recoveryCode: recoveryCodes[0],
    });
    expect(again.json.error.code).toBe('MFA_CODE_INVALID');
  });

  it('is still asked for after a password reset', async () => {
    const c = await newClient(ts);
    await c.post('/t/mfa/api/password/forgot', { email });
    const mail = await eventually(() => mailsTo(ts, email, 'Reset')[0]);
    const token = linkToken(mail.text, '/t/mfa/reset-password');
    password = 'violet summit ferry 9043';
    expect((await c.post('/t/mfa/api/password/reset', { token, password })).status).toBe(204);
    const after = await signIn(c);
    expect(after.json.mfaRequired).toBe(true);
    expect(after.json.user).toBeUndefined();
  });

  it('follows the tenant policy: required 2FA cannot be turned off, and users without it enrol at sign-in', async () => {
    const admin = await newClient(ts);
    const step = await signIn(admin);
    clock.advance(30_000);
    await admin.post('/t/mfa/api/session/totp', { mfaToken: step.json.mfaToken, code: codeAt(secret) });
    expect((await admin.get('/t/mfa/api/admin/security')).json).toEqual({ require2fa: 'none' });
    const put = await admin.request('PUT', '/t/mfa/api/admin/security', { require2fa: 'everyone' });
    expect(put.json).toEqual({ require2fa: 'everyone' });
    const refused = await admin.post<ErrorJson>('/t/mfa/api/me/totp/disable', { password });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('TOTP_REQUIRED');

    await admin.request('PUT', '/t/mfa/api/admin/security', { require2fa: 'none' });
    const wrong = await admin.post<ErrorJson>('/t/mfa/api/me/totp/disable', {
      password: 'not my password at all',
    });
    expect(wrong.json.error.code).toBe('CURRENT_PASSWORD_INCORRECT');
    expect((await admin.post('/t/mfa/api/me/totp/disable', { password })).status).toBe(204);
    await admin.request('PUT', '/t/mfa/api/admin/security', { require2fa: 'admins' });

    const c = await newClient(ts);
    const first = await signIn(c);
    expect(first.json).toEqual({ enrolmentRequired: true, mfaToken: expect.any(String) as string });
    expect(c.cookies.has('__Host-yosan-t-mfa')).toBe(false);
    const setup = await c.post<{ secret: string }>('/t/mfa/api/session/totp/setup', {
      mfaToken: first.json.mfaToken,
    });
    expect(setup.status).toBe(200);
    const done = await c.post<{ user: { email: string }; recoveryCodes: string[] }>(
      '/t/mfa/api/session/totp/enable',
      { mfaToken: first.json.mfaToken, code: codeAt(setup.json.secret) },
    );
    expect(done.status).toBe(200);
    expect(done.json.recoveryCodes).toHaveLength(10);
    expect((await c.get<{ user: { totpEnabled: boolean } }>('/t/mfa/api/me')).json.user.totpEnabled).toBe(
      true,
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/platform/audit/audit-log.js';
import {
  eventually,
  linkToken,
  OPERATOR,
  outboxMessages,
  setUpOperator,
  tenantBody,
} from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';

interface ErrorJson {
  error: { code: string; message: string; refId?: string; issues?: { path: string; code: string }[] };
}
interface TenantJson {
  tenant: { id: string; slug: string; status: string; createdAt: string; url: string };
}

let ts: TestServer;
let op: HttpsClient;

beforeAll(async () => {
  ts = await startTestServer();
  op = await setUpOperator(ts);
});
afterAll(async () => {
  await ts?.stop();
});

describe('first-run setup', () => {
  it('works once: the link cannot be used again and setup is then closed', async () => {
    const c = ts.client();
    await c.primeCsrf();
    expect((await c.get('/api/operator/setup')).json).toEqual({ needed: false });
    const token = new URL(ts.setupUrl!).hash.replace('#token=', '');
    const again = await c.post<ErrorJson>('/api/operator/setup', {
      token,
      ...OPERATOR,
      email: 'x@y.example',
      locale: 'en',
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('SETUP_ALREADY_DONE');
  });

  it('signs the operator in, and out', async () => {
    const c = ts.client();
    await c.primeCsrf();
    const bad = await c.post<ErrorJson>('/api/operator/session', {
      email: OPERATOR.email,
      password: 'wrong password here',
    });
    expect(bad.status).toBe(401);
    expect(bad.json.error.code).toBe('INVALID_CREDENTIALS');
    const ok = await c.post('/api/operator/session', { email: OPERATOR.email, password: OPERATOR.password });
    expect(ok.status).toBe(200);
    const cookie = String(ok.headers['set-cookie']);
    expect(cookie).toMatch(/__Host-yosan-op=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Strict/);
    expect((await c.get('/api/operator/session')).status).toBe(200);
    expect((await c.delete('/api/operator/session')).status).toBe(204);
    expect((await c.get('/api/operator/session')).status).toBe(401);
  });
});

describe('tenants', () => {
  it('creates a tenant with its own database, lists it, and invites the first org admin', async () => {
    const res = await op.post<TenantJson>('/api/operator/tenants', tenantBody('acme'));
    expect(res.status).toBe(201);
    expect(res.json.tenant).toMatchObject({
      slug: 'acme',
      status: 'active',
      url: `${ts.config.publicUrl}/t/acme/`,
    });
    expect(res.json.tenant.createdAt).toMatch(/\+09:00$/);
    const list = await op.get<{ items: { slug: string }[] }>('/api/operator/tenants');
    expect(list.json.items.map((t) => t.slug)).toContain('acme');

    const mail = await eventually(() => outboxMessages(ts).find((m) => m.to === 'admin@acme.example'));
    expect(mail.subject).toContain('invited');
    const token = linkToken(mail.text, '/t/acme/invite');

    const u = ts.client();
    await u.primeCsrf();
    const info = await u.post<{ email: string }>('/t/acme/api/invitations/inspect', { token });
    expect(info.json.email).toBe('admin@acme.example');
    const weak = await u.post<ErrorJson>('/t/acme/api/invitations/accept', { token, password: 'short' });
    expect(weak.json.error.code).toBe('PASSWORD_TOO_SHORT');
    const blank = await u.post<ErrorJson>('/t/acme/api/invitations/accept', {
      token,
      password: ' '.repeat(12),
    });
    expect(blank.json.error.code).toBe('PASSWORD_TOO_SIMPLE');
    expect(
      (await u.post('/t/acme/api/invitations/accept', { token, password: 'plum orchard twilight 88' }))
        .status,
    ).toBe(204);
    const used = await u.post<ErrorJson>('/t/acme/api/invitations/accept', {
      token,
      password: 'plum orchard twilight 88',
    });
    expect(used.status).toBe(410);
    expect(used.json.error.code).toBe('TOKEN_USED');

    const signIn = await u.post<{ user: { email: string; isOrgAdmin: boolean; previousSignIn: unknown } }>(
      '/t/acme/api/session',
      {
        email: 'admin@acme.example',
        password: 'plum orchard twilight 88',
      },
    );
    expect(signIn.status).toBe(200);
    expect(signIn.json.user).toMatchObject({
      email: 'admin@acme.example',
      isOrgAdmin: true,
      previousSignIn: null,
    });
    await u.delete('/t/acme/api/session');
    const second = await u.post<{ user: { previousSignIn: { at: string; ip: string } | null } }>(
      '/t/acme/api/session',
      {
        email: 'admin@acme.example',
        password: 'plum orchard twilight 88',
      },
    );
    expect(second.json.user.previousSignIn?.at).toMatch(/\+09:00$/);
    expect(second.json.user.previousSignIn?.ip).toBe('127.0.0.1');
  });

  it('writes the operator actions to the control log and to the tenant log, with valid chains', async () => {
    const control = ts.server.runtime.deps.storage.control.kysely;
    const actions = (await control.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['operator.setup', 'auth.sign_in', 'tenant.create']));
    expect((await verifyAuditChain(control)).ok).toBe(true);
    const tenant = await control
      .selectFrom('tenants')
      .selectAll()
      .where('slug', '=', 'acme')
      .executeTakeFirstOrThrow();
    const tdb = ts.server.runtime.deps.storage.tenant(tenant.id).kysely;
    const tActions = await tdb
      .selectFrom('audit_log')
      .select(['action', 'actor_type'])
      .orderBy('seq')
      .execute();
    expect(tActions.slice(0, 2)).toEqual([
      { action: 'tenant.create', actor_type: 'operator' },
      { action: 'user.invite', actor_type: 'operator' },
    ]);
    expect((await verifyAuditChain(tdb)).ok).toBe(true);
  });

  it('refuses a duplicate slug, illegal and reserved slugs, over-long names and bad dates, changing nothing', async () => {
    const count = async () => (await op.get<{ items: unknown[] }>('/api/operator/tenants')).json.items.length;
    const before = await count();
    const mailsBefore = outboxMessages(ts).length;
    const dup = await op.post<ErrorJson>('/api/operator/tenants', tenantBody('acme'));
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('SLUG_TAKEN');
    for (const slug of ['Acme', 'a', 'ac_me', '-acme', 'acme-', 'ac--me', 'ｱｸﾒ', '../etc']) {
      const bad = await op.post<ErrorJson>('/api/operator/tenants', tenantBody('x', { slug }));
      expect(bad.status, slug).toBe(400);
      expect(bad.json.error.code, slug).toBe('SLUG_INVALID');
    }
    const reserved = await op.post<ErrorJson>('/api/operator/tenants', tenantBody('api'));
    expect(reserved.json.error.code).toBe('SLUG_RESERVED');
    const long = await op.post<ErrorJson>(
      '/api/operator/tenants',
      tenantBody('longname', { displayName: 'あ'.repeat(101) }),
    );
    expect(long.status).toBe(400);
    expect(long.json.error.issues).toEqual([
      expect.objectContaining({ path: '/displayName', code: 'too_long' }),
    ]);
    const dates = await op.post<ErrorJson>(
      '/api/operator/tenants',
      tenantBody('dates', { contractEnd: '2025-01-01' }),
    );
    expect(dates.json.error.code).toBe('CONTRACT_DATES_INVALID');
    const badDate = await op.post<ErrorJson>(
      '/api/operator/tenants',
      tenantBody('dates', { contractEnd: '2026-02-30' }),
    );
    expect(badDate.json.error.code).toBe('VALIDATION_FAILED');
    expect(await count()).toBe(before);
    expect(outboxMessages(ts).length).toBe(mailsBefore);
  });

  it('suspends and resumes a tenant; a suspended tenant refuses its users with a clear message', async () => {
    const id = (
      await op.get<{ items: { id: string; slug: string }[] }>('/api/operator/tenants')
    ).json.items.find((t) => t.slug === 'acme')!.id;
    const s = await op.post<TenantJson>(`/api/operator/tenants/${id}/suspend`);
    expect(s.json.tenant.status).toBe('suspended');
    const again = await op.post<ErrorJson>(`/api/operator/tenants/${id}/suspend`);
    expect(again.json.error.code).toBe('TENANT_STATE_CONFLICT');
    const u = ts.client();
    u.lang = 'ja';
    const meta = await u.get<ErrorJson>('/t/acme/api/meta');
    expect(meta.status).toBe(403);
    expect(meta.json.error.message).toContain('利用停止中');
    expect((await op.post<TenantJson>(`/api/operator/tenants/${id}/resume`)).json.tenant.status).toBe(
      'active',
    );
    expect((await u.get('/t/acme/api/meta')).status).toBe(200);
  });
});

describe('bad input', () => {
  it('answers malformed JSON with MALFORMED_JSON in ja and en', async () => {
    const res = await op.request<ErrorJson>('POST', '/api/operator/tenants', '{"slug": ', {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('MALFORMED_JSON');
    op.lang = 'ja';
    const ja = await op.request<ErrorJson>('POST', '/api/operator/tenants', '{oops', {
      'content-type': 'application/json',
    });
    expect(ja.json.error.message).toBe('リクエストの本文が正しい JSON ではありません。');
    op.lang = 'en';
  });

  it('refuses a state-changing request without a valid CSRF token, changing nothing', async () => {
    const c = ts.client();
    const noToken = await c.post<ErrorJson>('/api/operator/session', {
      email: OPERATOR.email,
      password: OPERATOR.password,
    });
    expect(noToken.status).toBe(403);
    expect(noToken.json.error.code).toBe('CSRF_INVALID');
    expect(noToken.headers['set-cookie']).toBeUndefined();
    await c.primeCsrf();
    c.csrf = `${c.csrf}x`;
    expect(
      (
        await c.post<ErrorJson>('/api/operator/session', {
          email: OPERATOR.email,
          password: OPERATOR.password,
        })
      ).status,
    ).toBe(403);
    // A valid token from the right origin but a foreign Origin header is refused too.
    await c.primeCsrf();
    const foreign = await c.post<ErrorJson>(
      '/api/operator/session',
      { email: OPERATOR.email, password: OPERATOR.password },
      { origin: 'https://evil.example' },
    );
    expect(foreign.json.error.code).toBe('CSRF_INVALID');
  });

  it('rejects unknown fields and wrong types with per-field issues', async () => {
    const res = await op.post<ErrorJson>('/api/operator/tenants', {
      ...tenantBody('fields'),
      admin: true,
      region: { x: 1 },
    });
    expect(res.status).toBe(400);
    const paths = res.json.error.issues!.map((i) => `${i.path}:${i.code}`);
    expect(paths).toEqual(expect.arrayContaining(['/admin:unknown', '/region:type']));
  });

  it('returns TENANT_NOT_FOUND for an unknown tenant', async () => {
    const res = await ts.client().get<ErrorJson>('/t/nobody/api/meta');
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('TENANT_NOT_FOUND');
  });
});

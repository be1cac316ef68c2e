import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkToken, outboxMessages, setUpOperator } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { acceptAndSignIn, mailTo, PASSWORD, registerUser, tenantWithAdmin } from '../support/tenant-admin.js';

interface ErrorJson {
  error: { code: string; message: string; issues?: { path: string; code: string }[] };
}
interface UserJson {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  isOrgAdmin: boolean;
  state: string;
  groups: { id: string; name: string }[];
  createdAt: string;
  lastSignInAt: string | null;
  totpEnabled: boolean;
}
interface PageJson {
  items: UserJson[];
  total: number;
  page: number;
  pageSize: number;
}

let ts: TestServer;
let op: HttpsClient;
let admin: HttpsClient;
const slug = 'kaisha';
const api = `/t/${slug}/api/admin`;

beforeAll(async () => {
  ts = await startTestServer();
  op = await setUpOperator(ts);
  admin = await tenantWithAdmin(ts, op, slug);
  await tenantWithAdmin(ts, op, 'other');
});
afterAll(async () => {
  await ts?.stop();
});

const tenantDb = async () => {
  const list = await op.get<{ items: { id: string; slug: string }[] }>('/api/operator/tenants');
  const id = list.json.items.find((t) => t.slug === slug)!.id;
  return ts.server.runtime.deps.storage.tenant(id).kysely;
};

describe('registering a user', () => {
  it('invites by e-mail in the user language; the user sets their own password', async () => {
    const g = await admin.post<{ group: { id: string } }>(`${api}/groups`, {
      name: '経理部',
      description: '',
    });
    expect(g.status).toBe(201);
    const res = await admin.post<{ user: UserJson }>(`${api}/users`, {
      email: 'Yamada.Taro@Example.jp',
      displayName: '山田 太郎',
      locale: 'ja',
      groupIds: [g.json.group.id],
      isOrgAdmin: false,
    });
    expect(res.status).toBe(201);
    expect(res.json.user).toMatchObject({
      email: 'yamada.taro@example.jp',
      displayName: '山田 太郎',
      state: 'invited',
      isOrgAdmin: false,
      groups: [{ id: g.json.group.id, name: '経理部' }],
      lastSignInAt: null,
      totpEnabled: false,
    });
    expect(res.json.user.createdAt).toMatch(/\+09:00$/);
    expect(JSON.stringify(res.json)).not.toMatch(/password/i);
    const mail = await mailTo(ts, 'yamada.taro@example.jp');
    expect(mail.subject).toContain('招待');
    expect(mail.text).toContain('山田 太郎');
    const user = await acceptAndSignIn(ts, slug, 'yamada.taro@example.jp');
    expect((await user.get(`/t/${slug}/api/session`)).status).toBe(200);
    const view = await admin.get<{ user: UserJson }>(`${api}/users/${res.json.user.id}`);
    expect(view.json.user.state).toBe('active');
    expect(view.json.user.lastSignInAt).toMatch(/\+09:00$/);
  });

  it('refuses a taken address, a bad address, an unknown group and a password chosen by the admin', async () => {
    const taken = await admin.post<ErrorJson>(`${api}/users`, {
      email: 'YAMADA.taro@example.jp',
      displayName: 'x',
      locale: 'en',
      groupIds: [],
      isOrgAdmin: false,
    });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('EMAIL_TAKEN');
    const bad = await admin.post<ErrorJson>(`${api}/users`, {
      email: 'not-an-address',
      displayName: 'x'.repeat(101),
      locale: 'fr',
      groupIds: ['nope'],
      isOrgAdmin: false,
    });
    expect(bad.status).toBe(400);
    expect([...new Set(bad.json.error.issues?.map((i) => i.path))].sort()).toEqual([
      '/displayName',
      '/email',
      '/locale',
    ]);
    const group = await admin.post<ErrorJson>(`${api}/users`, {
      email: 'g@example.jp',
      displayName: 'g',
      locale: 'en',
      groupIds: ['nope'],
      isOrgAdmin: false,
    });
    expect(group.json.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ code: 'unknown_group' }],
    });
    const withPassword = await admin.post<ErrorJson>(`${api}/users`, {
      email: 'p@example.jp',
      displayName: 'p',
      locale: 'en',
      groupIds: [],
      isOrgAdmin: false,
      password: 'chosen by the admin 123',
    });
    expect(withPassword.status).toBe(400);
    expect((await admin.get<PageJson>(`${api}/users?q=example.jp`)).json.items.map((u) => u.email)).toEqual([
      'yamada.taro@example.jp',
    ]);
  });

  it('resends an invitation: a new link, and the old one stops working', async () => {
    const id = await registerUser(admin, slug, 'resend@example.jp');
    const first = linkToken((await mailTo(ts, 'resend@example.jp')).text, `/t/${slug}/invite`);
    expect((await admin.post(`${api}/users/${id}/invitation`)).status).toBe(204);
    const second = await eventually2(() => {
      const all = outboxMessages(ts).filter((m) => m.to === 'resend@example.jp');
      return all.length === 2 ? all : undefined;
    });
    const tokens = second.map((m) => linkToken(m.text, `/t/${slug}/invite`));
    const fresh = tokens.find((t) => t !== first)!;
    const c = ts.client();
    await c.primeCsrf();
    const old = await c.post<ErrorJson>(`/t/${slug}/api/invitations/inspect`, { token: first });
    expect(old.status).toBe(410);
    expect((await c.post(`/t/${slug}/api/invitations/inspect`, { token: fresh })).status).toBe(200);
    expect(
      (await c.post(`/t/${slug}/api/invitations/accept`, { token: fresh, password: PASSWORD })).status,
    ).toBe(204);
    const again = await admin.post<ErrorJson>(`${api}/users/${id}/invitation`);
    expect(again.json.error.code).toBe('INVITATION_NOT_PENDING');
  });

  it('resends at most YOSAN_RESET_MAILS_PER_HOUR (3) invitation mails an hour to one user, then refuses clearly', async () => {
    const id = await registerUser(admin, slug, 'flood@example.jp');
    // The invitation itself is the first mail of the hour; two resends make three.
    expect((await admin.post(`${api}/users/${id}/invitation`)).status).toBe(204);
    expect((await admin.post(`${api}/users/${id}/invitation`)).status).toBe(204);
    for (let i = 0; i < 3; i++) {
      const refused = await admin.post<ErrorJson>(`${api}/users/${id}/invitation`);
      expect(refused.status).toBe(429);
      expect(refused.json.error.code).toBe('INVITATION_RESEND_LIMIT');
      expect(refused.json.error.message).toContain('3');
    }
    await eventually2(() =>
      outboxMessages(ts).filter((m) => m.to === 'flood@example.jp').length === 3 ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(outboxMessages(ts).filter((m) => m.to === 'flood@example.jp')).toHaveLength(3);
  });
});

async function eventually2<T>(check: () => T | undefined): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() - start > 10_000) throw new Error('not in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the users list', () => {
  it('searches, filters by group, role and state, and pages', async () => {
    for (let i = 0; i < 5; i++)
      await registerUser(admin, slug, `page${i}@example.com`, { displayName: `Page ${i}` });
    const all = await admin.get<PageJson>(`${api}/users?q=page&pageSize=2&page=2`);
    expect(all.json).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(all.json.items.map((u) => u.displayName)).toEqual(['Page 2', 'Page 3']);
    expect((await admin.get<PageJson>(`${api}/users?q=PAGE 4`)).json.total).toBe(1);
    expect((await admin.get<PageJson>(`${api}/users?q=%25`)).json.total).toBe(0);
    const admins = await admin.get<PageJson>(`${api}/users?role=admin`);
    expect(admins.json.items.map((u) => u.email)).toEqual([`admin@${slug}.example`]);
    const invited = await admin.get<PageJson>(`${api}/users?state=invited&q=page`);
    expect(invited.json.total).toBe(5);
    const groups = await admin.get<{ items: { id: string; name: string }[] }>(`${api}/groups`);
    const keiri = groups.json.items.find((g) => g.name === '経理部')!;
    const inGroup = await admin.get<PageJson>(`${api}/users?group=${keiri.id}`);
    expect(inGroup.json.items.map((u) => u.email)).toEqual(['yamada.taro@example.jp']);
    expect((await admin.get<ErrorJson>(`${api}/users?state=gone`)).status).toBe(400);
  });
});

describe('org admin rights', () => {
  it('take effect on the next request, are mailed, and the last admin always remains', async () => {
    const id = await registerUser(admin, slug, 'hanako@example.jp', {
      displayName: '佐藤 花子',
      locale: 'ja',
    });
    const hanako = await acceptAndSignIn(ts, slug, 'hanako@example.jp');
    expect((await hanako.get(`${api}/users`)).status).toBe(403);
    const granted = await admin.post<{ user: UserJson }>(`${api}/users/${id}/role`, { isOrgAdmin: true });
    expect(granted.json.user.isOrgAdmin).toBe(true);
    expect((await hanako.get(`${api}/users`)).status).toBe(200);
    const mail = await mailTo(ts, 'hanako@example.jp', '組織管理者');
    expect(mail.subject).toContain('組織管理者になりました');
    // Hanako removes the first admin's rights; then she is the last admin and cannot lose hers.
    const me = (await admin.get<{ user: { id: string } }>(`/t/${slug}/api/session`)).json.user.id;
    expect((await hanako.post(`${api}/users/${me}/role`, { isOrgAdmin: false })).status).toBe(200);
    expect((await admin.get(`${api}/users`)).status).toBe(403);
    const last = await hanako.post<ErrorJson>(`${api}/users/${id}/role`, { isOrgAdmin: false });
    expect(last.status).toBe(409);
    expect(last.json.error.code).toBe('LAST_ORG_ADMIN');
    expect(last.json.error.message).toContain('last organisation administrator');
    const lastDelete = await hanako.delete<ErrorJson>(`${api}/users/${me}`);
    // The former admin is an ordinary user now, so may be deleted; Hanako administers from here on.
    expect(lastDelete.status).toBe(204);
    admin = hanako;
    const revoked = await mailTo(
      ts,
      `admin@${slug}.example`,
      'removed your organisation administrator rights',
    );
    expect(revoked.subject).toContain('no longer an administrator');
  });

  it('refuses deleting oneself and the last org admin', async () => {
    const me = (await admin.get<{ user: { id: string } }>(`/t/${slug}/api/session`)).json.user.id;
    const self = await admin.delete<ErrorJson>(`${api}/users/${me}`);
    expect(self.status).toBe(409);
    expect(self.json.error.code).toBe('CANNOT_DELETE_SELF');
  });
});

describe('deleting a user', () => {
  it('ends their sessions at once, keeps their name in the log, and frees the address', async () => {
    const id = await registerUser(admin, slug, 'leaver@example.jp', { displayName: '退職 者' });
    const leaver = await acceptAndSignIn(ts, slug, 'leaver@example.jp');
    expect((await leaver.get(`/t/${slug}/api/session`)).status).toBe(200);
    expect((await admin.delete(`${api}/users/${id}`)).status).toBe(204);
    expect((await leaver.get(`/t/${slug}/api/session`)).status).toBe(401);
    expect((await admin.get<ErrorJson>(`${api}/users/${id}`)).json.error.code).toBe('USER_NOT_FOUND');
    const db = await tenantDb();
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'deleted', password_hash: null });
    expect(await db.selectFrom('sessions').selectAll().where('subject_id', '=', id).execute()).toEqual([]);
    const entries = await db.selectFrom('audit_log').selectAll().where('actor_id', '=', id).execute();
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.actor_name === '退職 者')).toBe(true);
    const again = await registerUser(admin, slug, 'leaver@example.jp');
    expect(again).not.toBe(id);
    const c = ts.client();
    await c.primeCsrf();
    expect(
      (await c.post(`/t/${slug}/api/session`, { email: 'leaver@example.jp', password: PASSWORD })).status,
    ).toBe(401);
  });

  it('revokes all sessions of a user', async () => {
    const id = await registerUser(admin, slug, 'revoke@example.jp');
    const u = await acceptAndSignIn(ts, slug, 'revoke@example.jp');
    expect((await admin.post(`${api}/users/${id}/sessions/revoke`)).status).toBe(204);
    expect((await u.get(`/t/${slug}/api/session`)).status).toBe(401);
  });

  it('changes a name and language', async () => {
    const id = await registerUser(admin, slug, 'rename@example.jp');
    const res = await admin.request<{ user: UserJson }>('PATCH', `${api}/users/${id}`, {
      displayName: '改名 後',
      locale: 'ja',
    });
    expect(res.json.user).toMatchObject({ displayName: '改名 後', locale: 'ja' });
  });
});

describe('access to the admin routes', () => {
  const fill = (url: string, s: string) =>
    url.replace(':slug', s).replace(':id', '00000000-0000-4000-8000-000000000000').replace(':batchId', 'x');
  const adminRoutes = () => ts.server.app.routeTable.filter((r) => r.auth === 'tenant-admin');

  it('answers 403 to a signed-in non-admin on every tenant-admin route (from the route table)', async () => {
    const routes = adminRoutes();
    expect(routes.filter((r) => r.url.startsWith('/t/:slug/api/admin/users')).length).toBeGreaterThanOrEqual(
      12,
    );
    expect(routes.filter((r) => r.url.startsWith('/t/:slug/api/admin/groups')).length).toBeGreaterThanOrEqual(
      10,
    );
    await registerUser(admin, slug, 'member@example.jp');
    const member = await acceptAndSignIn(ts, slug, 'member@example.jp');
    for (const r of routes) {
      const res = await member.request(
        r.method,
        fill(r.url, slug),
        r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      );
      expect(res.status, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it("gives an admin of one tenant nothing of another tenant's admin routes", async () => {
    const cookie = admin.cookies.get(`__Host-yosan-t-${slug}`)!;
    admin.cookies.set('__Host-yosan-t-other', cookie);
    for (const r of adminRoutes()) {
      const res = await admin.request(
        r.method,
        fill(r.url, 'other'),
        r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      );
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
    }
    admin.cookies.delete('__Host-yosan-t-other');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOperator } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { acceptAndSignIn, registerUser, tenantWithAdmin } from '../support/tenant-admin.js';

interface Toc {
  pages: { id: string; title: string; audience: string }[];
}
interface Page {
  id: string;
  title: string;
  audience: string;
  html: string;
}
interface Search {
  results: { id: string; title: string; snippet: string }[];
}

let ts: TestServer;
let op: HttpsClient;
let admin: HttpsClient;
let user: HttpsClient;
const slug = 'tebiki';
const api = `/t/${slug}/api/handbook`;

beforeAll(async () => {
  ts = await startTestServer();
  op = await setUpOperator(ts);
  admin = await tenantWithAdmin(ts, op, slug);
  await registerUser(admin, slug, 'hanako@example.jp');
  user = await acceptAndSignIn(ts, slug, 'hanako@example.jp');
});
afterAll(async () => {
  await ts?.stop();
});

describe('Handbook on the server', () => {
  it('asks for a session on every route', async () => {
    const anon = ts.client();
    for (const path of [
      `${api}?lang=ja`,
      `${api}/search?lang=ja&q=x`,
      `${api}/pages/ja/user-password`,
      `${api}/screenshots/my-page-ja.png`,
    ])
      expect((await anon.get(path)).status, path).toBe(401);
    expect((await anon.get('/api/operator/handbook?lang=en')).status).toBe(401);
  });

  it('lists the pages a reader may see: users the user pages, org admins also admin pages, operators all', async () => {
    const forUser = (await user.get<Toc>(`${api}?lang=ja`)).json.pages;
    const forAdmin = (await admin.get<Toc>(`${api}?lang=ja`)).json.pages;
    const forOperator = (await op.get<Toc>('/api/operator/handbook?lang=en')).json.pages;
    expect(new Set(forUser.map((p) => p.audience))).toEqual(new Set(['user']));
    expect(new Set(forAdmin.map((p) => p.audience))).toEqual(new Set(['user', 'admin']));
    expect(new Set(forOperator.map((p) => p.audience))).toEqual(new Set(['user', 'admin', 'operator']));
    expect(forUser.map((p) => p.id)).toContain('user-two-step');
    expect(forAdmin.map((p) => p.id)).toContain('group-create');
    expect(forUser.find((p) => p.id === 'user-two-step')?.title).toBe('2段階認証を有効にする');
  });

  it('renders a page in the asked language with links and screenshots rewritten to the reader’s routes', async () => {
    const res = await user.get<Page>(`${api}/pages/en/user-two-step`);
    expect(res.status).toBe(200);
    expect(res.json.title).toBe('Turn on two-step verification');
    expect(res.json.html).toContain('<h1>Turn on two-step verification</h1>');
    expect(res.json.html).toContain(`src="/t/${slug}/api/handbook/screenshots/my-page-two-step-setup.png"`);
    const shot = await user.get(`${api}/screenshots/my-page-two-step-setup.png`);
    expect(shot.status).toBe(200);
    expect(shot.headers['content-type']).toBe('image/png');
  });

  it('refuses administrators’ pages and their screenshots to a user (server side), not to an org admin', async () => {
    const refused = await user.get<{ error: { code: string } }>(`${api}/pages/ja/group-create`);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('FORBIDDEN');
    expect((await admin.get(`${api}/pages/ja/group-create`)).status).toBe(200);
    expect((await user.get(`${api}/screenshots/groups-list.png`)).status).toBe(404);
    expect((await admin.get(`${api}/screenshots/groups-list.png`)).status).toBe(200);
    // operator pages are the operators' only
    expect((await admin.get(`${api}/pages/en/tenant-create`)).status).toBe(403);
    expect((await op.get('/api/operator/handbook/pages/en/tenant-create')).status).toBe(200);
  });

  it('searches Japanese without spaces (substring), English case-insensitively, and never returns pages the reader may not see', async () => {
    const ja = await admin.get<Search>(`${api}/search?lang=ja&q=${encodeURIComponent('リカバリーコード')}`);
    expect(ja.status).toBe(200);
    expect(ja.json.results.map((r) => r.id)).toContain('user-two-step');
    expect(ja.json.results[0]?.snippet).toContain('リカバリーコード');
    // full-width letters match half-width (NFKC)
    const wide = await admin.get<Search>(`${api}/search?lang=ja&q=${encodeURIComponent('ＣＳＶ')}`);
    expect(wide.json.results.map((r) => r.id)).toContain('user-import-csv');
    const en = await admin.get<Search>(`${api}/search?lang=en&q=RECOVERY%20codes`);
    expect(en.json.results.map((r) => r.id)).toContain('user-two-step');
    const userHits = await user.get<Search>(`${api}/search?lang=ja&q=CSV`);
    expect(userHits.json.results.every((r) => !['user-import-csv', 'group-bulk-create'].includes(r.id))).toBe(
      true,
    );
    expect((await admin.get<Search>(`${api}/search?lang=en&q=zzqqxx`)).json.results).toEqual([]);
  });

  it('answers bad input with a clear error', async () => {
    const unknown = await user.get<{ error: { code: string; message: string } }>(
      `${api}/pages/en/no-such-page`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('HANDBOOK_PAGE_NOT_FOUND');
    expect((await user.get(`${api}/pages/fr/user-password`)).status).toBe(400);
    expect((await user.get(`${api}/pages/en/..%2Fsecret`)).status).toBe(400);
    expect((await user.get(`${api}/screenshots/..%2F..%2Fpackage.json`)).status).toBe(400);
    expect((await user.get(`${api}/search?lang=en&q=`)).status).toBe(400);
    expect((await user.get(`${api}?lang=de`)).status).toBe(400);
  });

  it('keeps tenants apart: a session of one organisation reads nothing under another', async () => {
    await op.post('/api/operator/tenants', {
      slug: 'yoso',
      displayName: 'よそ',
      contractStart: '2026-04-01',
      contractEnd: '2027-03-31',
      region: 'Japan',
      firstAdminEmail: 'admin@yoso.example',
      firstAdminLocale: 'ja',
    });
    const cookie = admin.cookies.get(`__Host-yosan-t-${slug}`)!;
    admin.cookies.set('__Host-yosan-t-yoso', cookie);
    expect((await admin.get('/t/yoso/api/handbook?lang=ja')).status).toBe(401);
    expect((await admin.get('/t/yoso/api/handbook/pages/ja/user-password')).status).toBe(401);
  });
});

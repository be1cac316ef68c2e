import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOperator } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { acceptAndSignIn, registerUser, tenantWithAdmin } from '../support/tenant-admin.js';

interface PageJson {
  items: { email: string; state: string }[];
  total: number;
}

let ts: TestServer;
let admin: HttpsClient;
const slug = 'lockco';

beforeAll(async () => {
  ts = await startTestServer();
  const op = await setUpOperator(ts);
  admin = await tenantWithAdmin(ts, op, slug);
  await registerUser(admin, slug, 'taro@lockco.example');
  await acceptAndSignIn(ts, slug, 'taro@lockco.example');
  await registerUser(admin, slug, 'hanako@lockco.example');
  await acceptAndSignIn(ts, slug, 'hanako@lockco.example');
});
afterAll(async () => {
  await ts?.stop();
});

describe('users list: locked state', () => {
  it('shows a user locked by failed sign-ins as locked, and filters by it', async () => {
    const stranger = ts.client();
    await stranger.primeCsrf();
    for (let i = 0; i < 5; i++) {
      await stranger.post(`/t/${slug}/api/session`, {
        email: 'taro@lockco.example',
        password: 'wrong guess number one',
      });
    }
    const locked = await admin.get<PageJson>(`/t/${slug}/api/admin/users?state=locked`);
    expect(locked.json.items.map((u) => u.email)).toEqual(['taro@lockco.example']);
    expect(locked.json.items[0]!.state).toBe('locked');
    const active = await admin.get<PageJson>(`/t/${slug}/api/admin/users?state=active`);
    const emails = active.json.items.map((u) => u.email);
    expect(emails).toContain('hanako@lockco.example');
    expect(emails).not.toContain('taro@lockco.example');
    const all = await admin.get<PageJson>(`/t/${slug}/api/admin/users`);
    expect(all.json.items.find((u) => u.email === 'taro@lockco.example')?.state).toBe('locked');
    expect(all.json.items.find((u) => u.email === 'hanako@lockco.example')?.state).toBe('active');
  });
});

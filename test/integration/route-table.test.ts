import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOperator, tenantBody } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Reads the server's own route table (not a hand-written list) and proves that
 * every route states its authorisation and that the guard holds for each kind.
 */
let ts: TestServer;
let op: HttpsClient;

beforeAll(async () => {
  ts = await startTestServer();
  op = await setUpOperator(ts);
  for (const slug of ['alpha', 'beta']) await op.post('/api/operator/tenants', tenantBody(slug));
});
afterAll(async () => {
  await ts?.stop();
});

const collectRoutes = () => ts.server.app.routeTable;

const fill = (url: string, slug: string): string =>
  url.replace(':slug', slug).replace(':id', '00000000000000000000000000000000').replace('/*', '/x');

describe('route table', () => {
  it('has every route state its authorisation', () => {
    const table = collectRoutes();
    expect(table.length).toBeGreaterThan(15);
    for (const r of table)
      expect(r.auth, `${r.method} ${r.url}`).toMatch(
        /^(public|operator|tenant-public|tenant-user|tenant-admin)$/,
      );
  });

  it('answers 401 on every operator route without an operator session (and with a tenant user session)', async () => {
    const c = ts.client();
    await c.primeCsrf();
    const operatorRoutes = collectRoutes().filter((r) => r.auth === 'operator');
    expect(operatorRoutes.length).toBeGreaterThan(5);
    for (const r of operatorRoutes) {
      const res = await c.request(
        r.method,
        fill(r.url, 'alpha'),
        r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      );
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('answers 401 on every tenant-user route without a session, and a session of tenant A opens nothing of tenant B', async () => {
    const userRoutes = collectRoutes().filter((r) => r.auth === 'tenant-user' || r.auth === 'tenant-admin');
    expect(userRoutes.length).toBeGreaterThan(0);
    const c = ts.client();
    await c.primeCsrf();
    for (const r of userRoutes) {
      const res = await c.request(
        r.method,
        fill(r.url, 'alpha'),
        r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      );
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
    }
    // Sign in to alpha with a real invited user, then try beta's routes with that cookie.
    const { outboxMessages, linkToken, eventually } = await import('../support/flows.js');
    const mail = await eventually(() => outboxMessages(ts).find((m) => m.to === 'admin@alpha.example'));
    const token = linkToken(mail.text, '/t/alpha/invite');
    await c.post('/t/alpha/api/invitations/accept', { token, password: 'violet harbour lantern 42' });
    expect(
      (
        await c.post('/t/alpha/api/session', {
          email: 'admin@alpha.example',
          password: 'violet harbour lantern 42',
        })
      ).status,
    ).toBe(200);
    expect((await c.get('/t/alpha/api/session')).status).toBe(200);
    // The alpha cookie is scoped by name to alpha; even sent under beta's name it is not a beta session.
    const alphaCookie = c.cookies.get('__Host-yosan-t-alpha')!;
    c.cookies.set('__Host-yosan-t-beta', alphaCookie);
    for (const r of userRoutes) {
      const res = await c.request(
        r.method,
        fill(r.url, 'beta'),
        r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      );
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
    }
    // Nor is a tenant user an operator.
    expect((await c.get('/api/operator/tenants')).status).toBe(401);
  });
});

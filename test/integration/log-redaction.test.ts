import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, linkToken, OPERATOR, outboxMessages, tenantBody } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts?.stop();
});

const USER_PASSWORD = 'plum orchard twilight 88';
const WRONG_PASSWORD = 'wrong-password-xyzzy-42';
const QUERY_SECRET = 'SECRET123';
const BEARER = 'Bearer AUTHSECRET456';
const BROKEN_JSON_SECRET = 'BrokenJsonPassword77';

/** Everything secret a client holds: its cookie values and CSRF token. */
const clientSecrets = (c: HttpsClient): string[] => [...c.cookies.values(), ...(c.csrf ? [c.csrf] : [])];

describe('logs of a whole sign-up journey', () => {
  it('contain request lines but no password, cookie, CSRF token, link token or query value', async () => {
    const secrets: string[] = [
      OPERATOR.password,
      USER_PASSWORD,
      WRONG_PASSWORD,
      QUERY_SECRET,
      'AUTHSECRET456',
    ];

    // First-run setup with the link's token, and the operator's password.
    const setup = ts.client();
    await setup.primeCsrf();
    const setupToken = new URL(ts.setupUrl!).hash.replace('#token=', '');
    secrets.push(setupToken);
    expect(
      (await setup.post('/api/operator/setup', { token: setupToken, ...OPERATOR, locale: 'en' })).status,
    ).toBe(201);
    secrets.push(...clientSecrets(setup));

    // A separate sign-in (one failing first).
    const op = ts.client();
    await op.primeCsrf();
    expect(
      (await op.post('/api/operator/session', { email: OPERATOR.email, password: WRONG_PASSWORD })).status,
    ).toBe(401);
    expect(
      (await op.post('/api/operator/session', { email: OPERATOR.email, password: OPERATOR.password })).status,
    ).toBe(200);
    secrets.push(...clientSecrets(op));

    // A tenant, its invitation accepted with a password, and the user signed in.
    expect((await op.post('/api/operator/tenants', tenantBody('redact'))).status).toBe(201);
    const mail = await eventually(() => outboxMessages(ts).find((m) => m.to === 'admin@redact.example'));
    const invitation = linkToken(mail.text, '/t/redact/invite');
    secrets.push(invitation);
    const u = ts.client();
    await u.primeCsrf();
    expect((await u.post('/t/redact/api/invitations/inspect', { token: invitation })).status).toBe(200);
    expect(
      (await u.post('/t/redact/api/invitations/accept', { token: invitation, password: USER_PASSWORD }))
        .status,
    ).toBe(204);
    const signIn = await u.post('/t/redact/api/session', {
      email: 'admin@redact.example',
      password: USER_PASSWORD,
    });
    expect(signIn.status).toBe(200);
    secrets.push(...clientSecrets(u));

    // Secrets in a query string and an Authorization header.
    await u.get(`/t/redact/api/meta?token=${QUERY_SECRET}&lang=ja`);
    await op.get(`/api/operator/tenants?token=${QUERY_SECRET}`, { authorization: BEARER });
    await u.get(`/t/redact/api/invitations/nowhere?token=${QUERY_SECRET}`);
    await u.post('/t/redact/api/invitations/accept', { token: invitation, password: QUERY_SECRET });
    // A body that is not JSON: the parser's message must not carry it into the log.
    const broken = await op.post(
      '/api/operator/session',
      `{"email":"x@y.example","password": ${BROKEN_JSON_SECRET}}`,
    );
    expect(broken.status).toBe(400);

    // Tokens and cookies really were collected (the test would be empty otherwise).
    expect(clientSecrets(op).length).toBeGreaterThanOrEqual(2);
    expect(clientSecrets(u).length).toBeGreaterThanOrEqual(2);

    await new Promise((r) => setTimeout(r, 200));
    const logs = ts.logs.text;
    for (const secret of new Set(secrets)) {
      expect(secret.length, 'a secret this short could match by chance').toBeGreaterThanOrEqual(8);
      expect(logs.includes(secret), `log shows a secret: ${secret.slice(0, 4)}…`).toBe(false);
    }
    // Request lines are there, with the query keys but not their values.
    const requests = ts.logs.lines
      .map((l) => JSON.parse(l) as { req?: { url?: string; method?: string } })
      .filter((l) => l.req?.url);
    const urls = requests.map((l) => l.req!.url);
    expect(urls).toContain('/api/operator/setup');
    expect(urls).toContain('/t/redact/api/session');
    expect(urls).toContain('/t/redact/api/meta?token=[redacted]&lang=[redacted]');
    expect(urls).toContain('/api/operator/tenants?token=[redacted]');
    // One line per request at info (issue 21 point 15): each request id once, with its status.
    const ids = requests.map((l) => (l as { req: { id?: string } }).req.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      requests.every((l) => typeof (l as { res?: { statusCode?: number } }).res?.statusCode === 'number'),
    ).toBe(true);
  });
});

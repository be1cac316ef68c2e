import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR_COOKIE, tenantCookie } from '../../src/platform/server/cookies.js';
import { OPERATOR } from '../support/flows.js';
import { newClient, tenantWithAdmin } from '../support/identity.js';
import type { TestServer } from '../support/server.js';

const PASSWORD = 'quiet meadow lantern 7391';
let ts: TestServer | undefined;
afterEach(async () => {
  await ts?.stop();
  ts = undefined;
});

describe('signing in again (issue 21 point 5)', () => {
  it('ends the previous session of that browser, for users and operators; other browsers keep theirs', async () => {
    const env = await tenantWithAdmin('again', PASSWORD);
    ts = env.ts;
    const cookie = tenantCookie('again');
    const browser = await newClient(ts);
    const other = await newClient(ts);
    for (const c of [browser, other])
      expect((await c.post('/t/again/api/session', { email: env.email, password: PASSWORD })).status).toBe(
        200,
      );
    const first = browser.cookies.get(cookie)!;
    expect(
      (await browser.post('/t/again/api/session', { email: env.email, password: PASSWORD })).status,
    ).toBe(200);
    const second = browser.cookies.get(cookie)!;
    expect(second).not.toBe(first);
    const stale = await newClient(ts);
    stale.cookies.set(cookie, first);
    expect((await stale.get('/t/again/api/me')).status).toBe(401);
    expect((await browser.get('/t/again/api/me')).status).toBe(200);
    expect((await other.get('/t/again/api/me')).status).toBe(200);

    const op = env.op;
    const opFirst = op.cookies.get(OPERATOR_COOKIE)!;
    expect(
      (await op.post('/api/operator/session', { email: OPERATOR.email, password: OPERATOR.password })).status,
    ).toBe(200);
    const staleOp = await newClient(ts);
    staleOp.cookies.set(OPERATOR_COOKIE, opFirst);
    expect((await staleOp.get('/api/operator/tenants')).status).toBe(401);
    expect((await op.get('/api/operator/tenants')).status).toBe(200);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { evidenceDb } from '../../src/platform/audit/evidence-tables.js';
import { newClient, tenantDb, tenantWithAdmin } from '../support/identity.js';
import type { TestServer } from '../support/server.js';

const PASSWORD = 'quiet meadow lantern 7391';
const BODY_SECRET = 'body-never-logged-4711';
let ts: TestServer | undefined;
afterEach(async () => {
  await ts?.stop();
  ts = undefined;
});

async function logs(server: TestServer, slug: string) {
  await server.server.app.accessLog.flush();
  const db = evidenceDb(await tenantDb(server, slug));
  const access = await db.selectFrom('access_log').selectAll().orderBy('seq').execute();
  const errors = await db.selectFrom('error_log').selectAll().orderBy('seq').execute();
  const audit = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  return { access, errors, audit };
}

describe('every rejection is evidence (issue 21 point 3)', () => {
  it('writes requests refused before authentication to the logs of the tenant the URL names, with the reason code and never the body', async () => {
    const env = await tenantWithAdmin('evid', PASSWORD, {
      env: { YOSAN_RATE_SIGN_IN_ADDRESS_PER_MINUTE: '9' },
    });
    ts = env.ts;
    const path = '/t/evid/api/session';
    const before = await logs(ts, 'evid');

    // CSRF: a client that never fetched a token.
    const noCsrf = ts.client();
    const csrf = await noCsrf.post(path, { email: env.email, password: BODY_SECRET });
    expect(csrf.status).toBe(403);
    const c = await newClient(ts);
    // Malformed JSON, a body of the wrong type and a body too large.
    const malformed = await c.request('POST', path, `{"email": "${BODY_SECRET}"`);
    expect(malformed.status).toBe(400);
    const wrongType = await c.binary('POST', path, Buffer.from(BODY_SECRET), {
      'content-type': 'application/xml',
    });
    expect(wrongType.status).toBe(415);
    const huge = await c.request('POST', path, JSON.stringify({ email: BODY_SECRET.repeat(60_000) }));
    expect(huge.status).toBe(413);
    // Sign-in refused by the address limit (9 a minute here; the requests above count too), four times.
    const tries = [];
    for (let i = 0; i < 7; i++)
      tries.push(await c.post(path, { email: env.email, password: 'wrong password 1' }));
    expect(tries.map((t) => t.status)).toEqual([401, 401, 401, 429, 429, 429, 429]);

    const after = await logs(ts, 'evid');
    const newErrors = after.errors.slice(before.errors.length);
    expect(newErrors.map((e) => [e.status, e.code])).toEqual([
      [403, 'CSRF_INVALID'],
      [400, 'MALFORMED_JSON'],
      [415, 'UNSUPPORTED_MEDIA_TYPE'],
      [413, 'PAYLOAD_TOO_LARGE'],
      [401, 'INVALID_CREDENTIALS'],
      [401, 'INVALID_CREDENTIALS'],
      [401, 'INVALID_CREDENTIALS'],
      [429, 'RATE_LIMITED'],
      [429, 'RATE_LIMITED'],
      [429, 'RATE_LIMITED'],
      [429, 'RATE_LIMITED'],
    ]);
    const newAccess = after.access.slice(before.access.length);
    expect(newAccess.filter((a) => a.route === '/t/:slug/api/session').map((a) => a.status)).toEqual([
      403, 400, 415, 413, 401, 401, 401, 429, 429, 429, 429,
    ]);
    expect(JSON.stringify([newErrors, newAccess])).not.toContain(BODY_SECRET);
    // The sign-in log: one entry for the refusals of this address this minute (a flood cannot fill it).
    const throttled = after.audit.filter((a) => a.action === 'auth.rate_limited');
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ kind: 'login', result: 'failure', ip: '127.0.0.1' });
  });

  it('writes nothing for a slug that names no tenant, and keeps another tenant’s logs apart', async () => {
    const env = await tenantWithAdmin('evid2', PASSWORD);
    ts = env.ts;
    const before = await logs(ts, 'evid2');
    const c = await newClient(ts);
    const missing = await c.request('POST', '/t/no-such-tenant/api/session', '{bad');
    expect(missing.status).toBe(400);
    const after = await logs(ts, 'evid2');
    expect(after.errors.length).toBe(before.errors.length);
    expect(after.access.slice(before.access.length).every((a) => a.route !== '/t/:slug/api/session')).toBe(
      true,
    );
  });
});

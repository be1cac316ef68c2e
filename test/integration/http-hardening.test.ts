import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR, setUpOperator } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * HTTP hardening the ASVS matrix (docs/asvs.md) names as "built, untested": cookie attributes
 * (3.3.2, 3.3.4), no CORS for a foreign origin (3.4.2), JSON with its charset (4.1.1), TRACE and
 * dot-files (13.4), prototype keys (15.3) and repeated query parameters (4.2) refused.
 */
let ts: TestServer;
let op: HttpsClient;
beforeAll(async () => {
  ts = await startTestServer();
  op = await setUpOperator(ts);
});
afterAll(async () => {
  await ts?.stop();
});

function raw(method: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(path, ts.url),
      { method, ca: ts.server.runtime.deps.tls!.cert },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const cookies = (h: string | string[] | undefined) => (Array.isArray(h) ? h : h ? [h] : []);

describe('HTTP hardening', () => {
  it('sets session and CSRF cookies Secure and SameSite=Strict, the session also HttpOnly', async () => {
    const c = ts.client();
    await c.primeCsrf();
    const signIn = await c.post('/api/operator/session', {
      email: OPERATOR.email,
      password: OPERATOR.password,
    });
    expect(signIn.status).toBe(200);
    const set = cookies(signIn.headers['set-cookie']);
    const session = set.find((s) => /^__Host-yosan-op=/.test(s)) ?? set.find((s) => /HttpOnly/i.test(s));
    expect(session, set.join(' | ')).toBeDefined();
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Strict/i);
    for (const s of set) {
      expect(s).toMatch(/;\s*Secure/i);
      expect(s).toMatch(/;\s*SameSite=Strict/i);
    }
  });

  it('answers a foreign origin without CORS headers, and JSON with its charset', async () => {
    const res = await op.get('/api/operator/session', { origin: 'https://evil.example' });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers['content-type']).toMatch(/^application\/json; charset=utf-8/);
  });

  it('refuses TRACE and serves no dot-file', async () => {
    expect((await raw('TRACE', '/')).status).toBe(404);
    expect((await raw('TRACE', '/api/operator/session')).status).toBe(404);
    for (const p of ['/.git/config', '/.env', '/../package.json']) {
      const res = await raw('GET', p);
      expect(res.body, p).not.toMatch(/\[core\]|DATABASE_URL|"dependencies"/);
    }
  });

  it('refuses a body with a prototype key and a repeated query parameter with a 400', async () => {
    const proto = await op.request('POST', '/api/operator/tenants', '{"__proto__":{"x":1}}', {
      'content-type': 'application/json',
    });
    expect(proto.status).toBe(400);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    const dup = await op.get('/api/operator/jobs?status=failed&status=done');
    expect(dup.status).toBe(400);
  });
});

import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropTestDatabase } from '../support/postgres.js';
import { startTestServer, type TestServer } from '../support/server.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ keep: true });
});
afterAll(async () => {
  await ts?.stop();
  if (ts?.config.databaseUrl) await dropTestDatabase(ts.config.databaseUrl);
  rmSync(ts.dataDir, { recursive: true, force: true });
});

function handshake(port: number, options: tls.ConnectionOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      { host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false, ...options },
      () => {
        const proto = socket.getProtocol() ?? '';
        socket.end();
        resolve(proto);
      },
    );
    socket.on('error', reject);
  });
}

describe('HTTPS server', () => {
  it('makes a self-signed EC certificate with SHA-256 and SAN localhost/127.0.0.1 under the data folder', () => {
    const pem = readFileSync(path.join(ts.dataDir, 'tls', 'self-signed.crt'), 'utf8');
    const cert = new X509Certificate(pem);
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(cert.publicKey.asymmetricKeyType).toBe('ec');
    // The signature algorithm is not exposed by X509Certificate; the DER holds its OID.
    const der = cert.raw.toString('hex');
    expect(der).toContain('06082a8648ce3d040302'); // ecdsa-with-SHA256
    expect(der).not.toContain('06072a8648ce3d0401'); // ecdsa-with-SHA1
  });

  it('verifies against its own certificate (a real TLS handshake, SAN matches localhost)', async () => {
    const res = await ts.client().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok' });
  });

  it('refuses TLS 1.1 and accepts TLS 1.2 and 1.3', async () => {
    const port = ts.server.httpsPort;
    await expect(handshake(port, { minVersion: 'TLSv1', maxVersion: 'TLSv1.1' })).rejects.toThrow();
    expect(await handshake(port, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' })).toBe('TLSv1.2');
    expect(await handshake(port, { minVersion: 'TLSv1.3' })).toBe('TLSv1.3');
  });

  it('offers only ECDHE key exchange with AEAD ciphers on TLS 1.2: no CBC, no static RSA, no SHA-1 (issue 21 point 6)', async () => {
    const port = ts.server.httpsPort;
    const tls12 = { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' } as const;
    for (const weak of [
      'ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA', // CBC with SHA-1 (LUCKY13)
      'ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256', // CBC with SHA-256
      'ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES256-SHA384',
      'AES128-GCM-SHA256:AES256-GCM-SHA384', // static RSA key exchange
      'DHE-RSA-AES128-GCM-SHA256',
    ])
      await expect(handshake(port, { ...tls12, ciphers: weak }), weak).rejects.toThrow();
    for (const strong of [
      'ECDHE-ECDSA-AES128-GCM-SHA256',
      'ECDHE-ECDSA-AES256-GCM-SHA384',
      'ECDHE-ECDSA-CHACHA20-POLY1305',
    ])
      expect(await handshake(port, { ...tls12, ciphers: strong }), strong).toBe('TLSv1.2');
  });

  it('sends security headers on pages and no-store on API answers', async () => {
    const c = ts.client();
    const page = await c.get('/operator/sign-in', { accept: 'text/html' });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const api = await c.get('/api/operator/tenants');
    expect(api.status).toBe(401);
    expect(api.headers['cache-control']).toBe('no-store');
  });

  it('answers liveness and readiness', async () => {
    const c = ts.client();
    expect((await c.get('/healthz')).status).toBe(200);
    const ready = await c.get<{ status: string; checks: Record<string, boolean> }>('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({
      status: 'ready',
      checks: { database: true, controlMigrations: true, tenantMigrations: true },
    });
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const res = await ts.client().get<{ openapi: string; paths: Record<string, unknown> }>('/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toMatch(/^3\./);
    expect(Object.keys(res.json.paths)).toContain('/api/operator/tenants');
  });

  it('answers an unknown API route with a ja/en NOT_FOUND and the web app for unknown pages', async () => {
    const c = ts.client();
    const en = await c.get<{ error: { code: string; message: string } }>('/api/nope');
    expect(en.status).toBe(404);
    expect(en.json.error).toEqual({ code: 'NOT_FOUND', message: 'The page or resource was not found.' });
    c.lang = 'ja';
    const ja = await c.get<{ error: { message: string } }>('/api/nope');
    expect(ja.json.error.message).toBe('ページまたはデータが見つかりません。');
    const page = await c.get('/some/page', { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root">');
    const landing = await c.get('/', { accept: 'text/html' });
    expect(landing.status).toBe(200);
    expect(landing.text).toContain('<div id="root">');
    // A folder of the web app is refused as such, not as an internal error.
    expect((await c.get('/assets/', { accept: 'text/html' })).status).not.toBe(500);
  });

  it('reuses its certificate after a restart', async () => {
    const before = readFileSync(path.join(ts.dataDir, 'tls', 'self-signed.crt'), 'utf8');
    const fingerprint = ts.server.runtime.deps.tls!.fingerprint256;
    await ts.stop();
    ts = await startTestServer({ dataDir: ts.dataDir, databaseUrl: ts.config.databaseUrl, keep: true });
    expect(readFileSync(path.join(ts.dataDir, 'tls', 'self-signed.crt'), 'utf8')).toBe(before);
    expect(ts.server.runtime.deps.tls!.fingerprint256).toBe(fingerprint);
  });
});

describe('configured certificate and the HTTP redirect', () => {
  it('uses a configured certificate as given and redirects plain HTTP to HTTPS', async () => {
    // Reuse the first server's self-signed pair as "configured" files.
    const cert = path.join(ts.dataDir, 'configured.crt');
    const key = path.join(ts.dataDir, 'configured.key');
    writeFileSync(cert, readFileSync(path.join(ts.dataDir, 'tls', 'self-signed.crt')));
    writeFileSync(key, readFileSync(path.join(ts.dataDir, 'tls', 'self-signed.key')));
    const { freePort } = await import('../support/ports.js');
    const httpPort = await freePort();
    const other = await startTestServer({
      env: { YOSAN_TLS_CERT_FILE: cert, YOSAN_TLS_KEY_FILE: key, YOSAN_HTTP_PORT: String(httpPort) },
    });
    try {
      expect(other.server.runtime.deps.tls!.source).toBe('configured');
      expect(other.server.runtime.deps.tls!.fingerprint256).toBe(ts.server.runtime.deps.tls!.fingerprint256);
      const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port: httpPort, path: '/operator?x=1' }, resolve).on('error', reject);
      });
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe(`${other.config.publicUrl}/operator?x=1`);
    } finally {
      await other.stop();
    }
  });
});

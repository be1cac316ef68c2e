import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { HttpsClient } from './https-client.js';
import type { TestServer } from './server.js';

export const OPERATOR = {
  email: 'ops@yosan.example',
  displayName: 'Ops Tanaka',
  password: 'correct horse battery staple 2026',
};

/** Completes first-run setup through the API and returns a signed-in operator client. */
export async function setUpOperator(ts: TestServer): Promise<HttpsClient> {
  const c = ts.client();
  await c.primeCsrf();
  const token = new URL(ts.setupUrl!).hash.replace('#token=', '');
  const res = await c.post('/api/operator/setup', { token, ...OPERATOR, locale: 'en' });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${res.text}`);
  return c;
}

export function tenantBody(slug: string, overrides: Record<string, unknown> = {}) {
  return {
    slug,
    displayName: `${slug} 株式会社`,
    contractStart: '2026-04-01',
    contractEnd: '2027-03-31',
    region: '日本 / Japan (Tokyo)',
    firstAdminEmail: `admin@${slug}.example`,
    firstAdminLocale: 'en',
    ...overrides,
  };
}

/** Reads the outbox's index entries (written by the outbox mail transport). */
export function outboxMessages(ts: TestServer): { id: string; to: string; subject: string; text: string }[] {
  let names: string[] = [];
  try {
    names = readdirSync(ts.outboxDir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.json'))
    .map(
      (n) =>
        JSON.parse(readFileSync(path.join(ts.outboxDir, n), 'utf8')) as {
          id: string;
          to: string;
          subject: string;
          text: string;
        },
    );
}

export function linkToken(text: string, pathPart: string): string {
  const m = new RegExp(`${pathPart.replace(/[/]/g, '\\/')}#token=([A-Za-z0-9_-]+)`).exec(text);
  if (!m?.[1]) throw new Error(`no ${pathPart} link in: ${text}`);
  return m[1];
}

/** Waits until `check` returns a value (polling), for background work like mail jobs. */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

import https from 'node:https';
import { eventually, linkToken, outboxMessages, tenantBody } from './flows.js';
import type { HttpsClient } from './https-client.js';
import type { TestServer } from './server.js';

export const PASSWORD = 'violet harbour lantern 42';

/** The newest mail to `to` whose text contains `contains` (waits for the background job). */
export function mailTo(ts: TestServer, to: string, contains = '', after = 0) {
  return eventually(() =>
    outboxMessages(ts)
      .filter((m) => m.to === to && m.text.includes(contains))
      .slice(after)
      .at(-1),
  );
}

/** Accepts the newest invitation mailed to `email` and signs in; returns the signed-in client. */
export async function acceptAndSignIn(ts: TestServer, slug: string, email: string): Promise<HttpsClient> {
  const mail = await mailTo(ts, email, `/t/${slug}/invite#token=`);
  const token = linkToken(mail.text, `/t/${slug}/invite`);
  const c = ts.client();
  await c.primeCsrf();
  const accepted = await c.post(`/t/${slug}/api/invitations/accept`, { token, password: PASSWORD });
  if (accepted.status !== 204) throw new Error(`accept failed: ${accepted.status} ${accepted.text}`);
  const res = await c.post(`/t/${slug}/api/session`, { email, password: PASSWORD });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
  return c;
}

/** Creates tenant `slug` as the operator and returns its first org admin, signed in. */
export async function tenantWithAdmin(ts: TestServer, op: HttpsClient, slug: string): Promise<HttpsClient> {
  const res = await op.post('/api/operator/tenants', tenantBody(slug));
  if (res.status !== 201) throw new Error(`tenant failed: ${res.status} ${res.text}`);
  return acceptAndSignIn(ts, slug, `admin@${slug}.example`);
}

/** Registers a user through the admin API and returns its id. */
export async function registerUser(
  admin: HttpsClient,
  slug: string,
  email: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await admin.post<{ user: { id: string } }>(`/t/${slug}/api/admin/users`, {
    email,
    displayName: email.split('@')[0],
    locale: 'en',
    groupIds: [],
    isOrgAdmin: false,
    ...extra,
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  return res.json.user.id;
}

/** POSTs raw bytes (a file upload) with the client's cookies and CSRF token; HttpsClient sends JSON only. */
export function postBytes<T>(
  ts: TestServer,
  c: HttpsClient,
  path: string,
  body: Buffer,
  type = 'text/csv',
): Promise<{ status: number; text: string; json: T }> {
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(path, ts.url),
      {
        method: 'POST',
        ca: ts.server.runtime.deps.tls!.cert,
        headers: {
          accept: 'application/json',
          'accept-language': c.lang,
          'content-type': type,
          'content-length': String(body.length),
          cookie,
          'x-csrf-token': c.csrf ?? '',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, json: json as T });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

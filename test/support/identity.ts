import { eventually, linkToken, outboxMessages, setUpOperator, tenantBody } from './flows.js';
import type { HttpsClient } from './https-client.js';
import { startTestServer, type TestServer, type TestServerOptions } from './server.js';

export interface ErrorJson {
  error: { code: string; message: string };
}

/** An error answer without its per-request reference id (for comparing two answers). */
export function withoutRef(body: ErrorJson): { code: string; message: string } {
  return { code: body.error.code, message: body.error.message };
}

/** A clock tests can move forward (sessions, locks, links and TOTP steps read it). */
export function movableClock(): { now: () => Date; advance: (ms: number) => void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => (offset += ms) };
}

/**
 * Starts a server, creates tenant `slug` and completes its first org admin's
 * invitation over HTTPS. Returns the server and the admin's address and password.
 */
export async function tenantWithAdmin(
  slug: string,
  password: string,
  options: TestServerOptions = {},
): Promise<{ ts: TestServer; op: HttpsClient; email: string; password: string }> {
  const ts = await startTestServer(options);
  const op = await setUpOperator(ts);
  const res = await op.post('/api/operator/tenants', tenantBody(slug));
  if (res.status !== 201) throw new Error(`tenant: ${res.status} ${res.text}`);
  const email = `admin@${slug}.example`;
  const mail = await eventually(() => outboxMessages(ts).find((m) => m.to === email));
  const token = linkToken(mail.text, `/t/${slug}/invite`);
  const c = ts.client();
  await c.primeCsrf();
  const acc = await c.post(`/t/${slug}/api/invitations/accept`, { token, password });
  if (acc.status !== 204) throw new Error(`accept: ${acc.status} ${acc.text}`);
  return { ts, op, email, password };
}

/** A fresh client with a CSRF token. */
export async function newClient(ts: TestServer): Promise<HttpsClient> {
  const c = ts.client();
  await c.primeCsrf();
  return c;
}

/** Mails to `to` whose subject contains `subject`. */
export function mailsTo(ts: TestServer, to: string, subject: string) {
  return outboxMessages(ts).filter((m) => m.to === to && m.subject.includes(subject));
}

/** The Kysely handle of a tenant's own database, by slug (tests that seed rows directly). */
export async function tenantDb(server: TestServer, slug: string) {
  const deps = server.server.runtime.deps;
  const tenant = await deps.storage.control.kysely
    .selectFrom('tenants')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  return deps.storage.tenant(tenant.id).kysely;
}

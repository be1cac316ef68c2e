import type { HttpsClient } from './https-client.js';
import { eventually, linkToken, outboxMessages, tenantBody } from './flows.js';
import type { TestServer } from './server.js';

export const LOG_ADMIN_PASSWORD = 'plum orchard twilight 88';

/** Creates a tenant as the operator, accepts its admin invitation and signs the admin in. */
export async function logTenantAdmin(
  ts: TestServer,
  op: HttpsClient,
  slug: string,
): Promise<{ admin: HttpsClient; tenantId: string }> {
  const res = await op.post<{ tenant: { id: string } }>('/api/operator/tenants', tenantBody(slug));
  if (res.status !== 201) throw new Error(`tenant create failed: ${res.status} ${res.text}`);
  const email = `admin@${slug}.example`;
  const mail = await eventually(() => outboxMessages(ts).find((m) => m.to === email));
  const token = linkToken(mail.text, `/t/${slug}/invite`);
  const admin = ts.client();
  await admin.primeCsrf();
  await admin.post(`/t/${slug}/api/invitations/accept`, { token, password: LOG_ADMIN_PASSWORD });
  const signIn = await admin.post(`/t/${slug}/api/session`, { email, password: LOG_ADMIN_PASSWORD });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${signIn.text}`);
  return { admin, tenantId: res.json.tenant.id };
}

import type { Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/database.js';
import type { TenantDB } from '../../src/platform/db/types.js';
import { setUpOperator } from './flows.js';
import type { HttpsClient } from './https-client.js';
import type { TestServer } from './server.js';
import { acceptAndSignIn, registerUser, tenantWithAdmin } from './tenant-admin.js';

export interface ErrorJson {
  error: { code: string; message: string; issues?: { path: string; code: string; message?: string }[] };
}

export interface ModelWorld {
  op: HttpsClient;
  /** Org admin of tenant `a`. */
  admin: HttpsClient;
  /** Org admin of tenant `b`. */
  adminB: HttpsClient;
  /** A plain (non-admin) user of tenant `a`. */
  user: HttpsClient;
  userId: string;
  a: string;
  b: string;
  /** Tenant `a`'s database. */
  db(): Promise<Kysely<TenantDB>>;
  /** Tenant `a`'s `Database` (for service calls in tests). */
  database(): Promise<Database<TenantDB>>;
}

/** Two tenants with an org admin each, and a plain user in the first. */
export async function modelWorld(ts: TestServer, a: string, b: string): Promise<ModelWorld> {
  const op = await setUpOperator(ts);
  const admin = await tenantWithAdmin(ts, op, a);
  const adminB = await tenantWithAdmin(ts, op, b);
  const userId = await registerUser(admin, a, `plain@${a}.example`);
  const user = await acceptAndSignIn(ts, a, `plain@${a}.example`);
  const database = async () => {
    const list = await op.get<{ items: { id: string; slug: string }[] }>('/api/operator/tenants');
    const id = list.json.items.find((t) => t.slug === a)!.id;
    return ts.server.runtime.deps.storage.tenant(id);
  };
  const db = async () => (await database()).kysely;
  return { op, admin, adminB, user, userId, a, b, db, database };
}

/** Audit entries of tenant `a` with the given action, oldest first. */
export async function auditEntries(db: Kysely<TenantDB>, action: string) {
  return db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
}

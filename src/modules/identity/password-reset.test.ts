import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, usePostgres } from '../../../test/support/postgres.js';
import { controlMigrations, tenantMigrations } from '../../migrations/index.js';
import { loadConfig } from '../../platform/config/config.js';
import { Storage } from '../../platform/db/storage.js';
import type { ControlDB, TenantTable } from '../../platform/db/types.js';
import type { Database } from '../../platform/db/database.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { requestPasswordReset, sendPasswordReset } from './password-reset.js';
import { LogCapture } from '../../../test/support/log-capture.js';
import { createLogger } from '../../platform/logging/logger.js';

/** Records each statement as `<kind> <tables>` (e.g. `InsertQueryNode one_time_tokens`). */
class Recorder implements KyselyPlugin {
  readonly log: string[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const tables = new Set<string>();
    const walk = (n: unknown): void => {
      if (!n || typeof n !== 'object') return;
      const o = n as { kind?: string; table?: { identifier?: { name?: string } } };
      if (o.kind === 'TableNode' && o.table?.identifier?.name) tables.add(o.table.identifier.name);
      for (const v of Object.values(o)) walk(v);
    };
    walk(args.node);
    this.log.push(`${args.node.kind} ${[...tables].sort().join(',')}`);
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

let dir: string;
let storage: Storage;
let drop: (() => Promise<void>) | undefined;
const tenant = {
  id: 'a'.repeat(32),
  slug: 'same',
  display_name: 'Same 株式会社',
  time_zone: 'Asia/Tokyo',
} as TenantTable;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-reset-'));
  let databaseUrl: string | undefined;
  if (usePostgres()) ({ url: databaseUrl, drop } = await createTestDatabase());
  storage = await Storage.open({ dataDir: dir, databaseUrl, controlMigrations, tenantMigrations });
  await storage.migrateControl();
  const db = await storage.createTenantDatabase(tenant.id);
  const now = new Date().toISOString();
  await db.kysely
    .insertInto('users')
    .values({
      id: 'u1',
      email: 'real@same.example',
      display_name: 'Real',
      locale: 'ja',
      is_org_admin: 0,
      status: 'active',
      password_hash: 'x',
      created_at: now,
      updated_at: now,
    })
    .execute();
});
afterAll(async () => {
  await storage.close();
  await drop?.();
  rmSync(dir, { recursive: true, force: true });
});

function depsWith(control: Database<ControlDB>, logs: LogCapture): AppDeps {
  return {
    config: loadConfig({ env: { YOSAN_DATA_DIR: dir } }),
    clock: () => new Date(),
    secret: 'test-secret',
    storage: { control },
    logger: createLogger({ level: 'info', timeZone: 'Asia/Tokyo', destination: logs }),
    relayTenantOutbox: () => Promise.resolve(),
  } as unknown as AppDeps;
}

/** The request's statements, on the control database and on the tenant's. */
async function request(email: string): Promise<{ control: string[]; tenant: string[] }> {
  const c = new Recorder();
  const t = new Recorder();
  const base = storage.tenant(tenant.id);
  const ctx: TenantContext = { tenant, db: { ...base, kysely: base.kysely.withPlugin(t) } };
  const control = { ...storage.control, kysely: storage.control.kysely.withPlugin(c) };
  await requestPasswordReset(depsWith(control, new LogCapture()), ctx, email, {
    ip: '127.0.0.1',
    userAgent: 'test',
  });
  return { control: c.log, tenant: t.log };
}

describe('forgot password does the same work for known and unknown addresses', () => {
  it('only enqueues one job, whatever the address: no lookup, the same statements', async () => {
    const known = await request('real@same.example');
    const unknown = await request('nobody@same.example');
    expect(known.tenant).toEqual([]);
    expect(unknown.tenant).toEqual([]);
    expect(known.control).toEqual(['InsertQueryNode jobs']);
    expect(unknown.control).toEqual(known.control);
  });

  it('the job mails at most YOSAN_RESET_MAILS_PER_HOUR (3) times an hour; the rest is logged as suppressed', async () => {
    const logs = new LogCapture();
    const deps = depsWith(storage.control, logs);
    const ctx: TenantContext = { tenant, db: storage.tenant(tenant.id) };
    const client = { ip: '127.0.0.1', userAgent: 'test' };
    const outcomes = [];
    for (let i = 0; i < 5; i++)
      outcomes.push(await sendPasswordReset(deps, ctx, { email: 'real@same.example', ...client }));
    expect(outcomes).toEqual(['sent', 'sent', 'sent', 'suppressed', 'suppressed']);
    expect(await sendPasswordReset(deps, ctx, { email: 'nobody@same.example', ...client })).toBe('unknown');
    const db = storage.tenant(tenant.id).kysely;
    const outbox = await db.selectFrom('outbox').select('payload').execute();
    expect(outbox.filter((r) => r.payload.includes('passwordReset'))).toHaveLength(3);
    const entries = await db
      .selectFrom('audit_log')
      .select(['action', 'result', 'kind'])
      .where('action', 'like', 'auth.password_reset%')
      .execute();
    const count = (action: string, result: string) =>
      entries.filter((e) => e.action === action && e.result === result && e.kind === 'login').length;
    expect(count('auth.password_reset_requested', 'success')).toBe(3);
    expect(count('auth.password_reset_suppressed', 'failure')).toBe(2);
    expect(count('auth.password_reset_requested', 'failure')).toBe(1);
    // Only the last link works: earlier ones are revoked.
    const live = await db
      .selectFrom('one_time_tokens')
      .select('id')
      .where('purpose', '=', 'reset')
      .where('used_at', 'is', null)
      .execute();
    expect(live).toHaveLength(1);
    // The app log says it was suppressed, naming the address only by a keyed hash.
    const lines = logs.lines.filter((l) => l.includes('suppressed'));
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toContain('real@same.example');
    expect(lines.join('\n')).not.toContain('same.example');
  });
});

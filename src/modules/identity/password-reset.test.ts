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
import type { TenantDB, TenantTable } from '../../platform/db/types.js';
import type { Database } from '../../platform/db/database.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { requestPasswordReset } from './password-reset.js';

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

async function run(email: string): Promise<{ log: string[]; relays: number }> {
  const base = storage.tenant(tenant.id);
  const recorder = new Recorder();
  const db: Database<TenantDB> = { ...base, kysely: base.kysely.withPlugin(recorder) };
  const ctx: TenantContext = { tenant, db };
  let relays = 0;
  const deps = {
    config: loadConfig({ env: { YOSAN_DATA_DIR: dir } }),
    clock: () => new Date(),
    secret: 'test-secret',
    relayTenantOutbox: () => {
      relays += 1;
      return Promise.resolve();
    },
  } as unknown as AppDeps;
  await requestPasswordReset(deps, ctx, email, { ip: '127.0.0.1', userAgent: 'test' });
  return { log: recorder.log, relays };
}

describe('forgot password does the same work for known and unknown addresses', () => {
  it('runs the same statements (plus only the mail in the outbox) and relays the outbox in both cases', async () => {
    const known = await run('real@same.example');
    const unknown = await run('nobody@same.example');
    expect(known.log.filter((q) => q !== 'InsertQueryNode outbox')).toEqual(unknown.log);
    expect(known.log.filter((q) => q === 'InsertQueryNode outbox')).toHaveLength(1);
    expect(unknown.log).toContain('InsertQueryNode one_time_tokens');
    expect(unknown.log).toContain('InsertQueryNode audit_log');
    expect(known.relays).toBe(1);
    expect(unknown.relays).toBe(1);
    // Only the real user's token names a subject, so only that link can ever work.
    const rows = await storage
      .tenant(tenant.id)
      .kysely.selectFrom('one_time_tokens')
      .select(['subject_id'])
      .where('purpose', '=', 'reset')
      .execute();
    expect(rows.map((r) => r.subject_id).sort()).toEqual(['u1', null].sort());
  });
});

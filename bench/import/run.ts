/**
 * User CSV import benchmark: 10,000 rows (Japanese names, groups, Shift_JIS) through
 * the real service on a real database — dry run, then the all-or-nothing import
 * (users, memberships, invitation links, audit entries, outbox jobs relayed to the
 * control queue). Mail delivery is not included. `npm run bench:import`
 * (`YOSAN_BENCH_DB=postgres` uses the local PostgreSQL like the tests do).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { createTestDatabase } from '../../test/support/postgres.js';
import { controlMigrations, tenantMigrations } from '../../src/migrations/index.js';
import { verifyAuditChain } from '../../src/platform/audit/audit-log.js';
import { Storage } from '../../src/platform/db/storage.js';
import type { TenantTable } from '../../src/platform/db/types.js';
import { relayOutbox } from '../../src/platform/jobs/queue.js';
import type { AppDeps, TenantContext } from '../../src/platform/server/context.js';
import { createGroup } from '../../src/modules/groups/service.js';
import { dryRunUserImport, importUsers } from '../../src/modules/users/import-service.js';

const ROWS = Number(process.env.ROWS ?? 10_000);
const postgres = process.env.YOSAN_BENCH_DB === 'postgres';
const actor = {
  type: 'user' as const,
  id: 'bench',
  name: 'ベンチ 管理者',
  ip: '127.0.0.1',
  userAgent: 'bench',
};

const dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-bench-import-'));
const pg = postgres ? await createTestDatabase() : undefined;
const storage = await Storage.open({
  dataDir: dir,
  databaseUrl: pg?.url,
  controlMigrations,
  tenantMigrations,
});
await storage.migrateControl();
const tenantId = 'b'.repeat(32);
const db = await storage.createTenantDatabase(tenantId);
const now = new Date().toISOString();
const tenant: TenantTable = {
  id: tenantId,
  slug: 'bench',
  display_name: 'ベンチ株式会社',
  status: 'active',
  contract_start: '2026-04-01',
  contract_end: '2027-03-31',
  region: 'Tokyo',
  time_zone: 'Asia/Tokyo',
  first_admin_email: 'admin@bench.example',
  created_at: now,
  updated_at: now,
};
const ctx: TenantContext = { tenant, db };
const deps = {
  config: { publicUrl: 'https://yosan.example', invitationHours: 72 },
  clock: () => new Date(),
  storage,
  relayTenantOutbox: async (id: string) => {
    await relayOutbox(storage.control.kysely, storage.tenant(id).kysely);
  },
} as unknown as AppDeps;

const groups = ['経理部', '営業部', '人事部', '開発部', '総務部'];
for (const name of groups) await createGroup(deps, ctx, { name, description: '' }, actor);
const family = ['山田', '佐藤', '鈴木', '高橋', '田中', '渡辺', '伊藤', '中村'];
const given = ['太郎', '花子', '一郎', '美咲', '健太', '陽子'];
let csv = 'メールアドレス,氏名,言語,グループ,組織管理者\r\n';
for (let i = 0; i < ROWS; i++)
  csv += `user${i}@bench.example.jp,${family[i % 8]} ${given[i % 6]},${i % 5 ? 'ja' : 'en'},${groups[i % 5]};${groups[(i + 2) % 5]},${i % 100 ? 'いいえ' : 'はい'}\r\n`;
const file = iconv.encode(csv, 'cp932');

const t0 = performance.now();
const dry = await dryRunUserImport(ctx, file, 'ja');
const t1 = performance.now();
const res = await importUsers(deps, ctx, file, 'ja', actor);
const t2 = performance.now();

if (dry.summary.new !== ROWS || res.created !== ROWS)
  throw new Error(`unexpected: ${JSON.stringify(dry.summary)}`);
const jobs = await storage.control.kysely
  .selectFrom('jobs')
  .select((eb) => eb.fn.countAll<string>().as('n'))
  .executeTakeFirstOrThrow();
const chain = await verifyAuditChain(db.kysely);
console.log(
  JSON.stringify(
    {
      database: postgres ? 'postgresql' : 'sqlite',
      rows: ROWS,
      fileBytes: file.length,
      encoding: dry.encoding,
      dryRunMs: Math.round(t1 - t0),
      importMs: Math.round(t2 - t1),
      totalMs: Math.round(t2 - t0),
      jobsQueued: Number(jobs.n),
      auditEntries: chain.entries,
      auditChainOk: chain.ok,
    },
    null,
    2,
  ),
);
await storage.close();
await pg?.drop();
rmSync(dir, { recursive: true, force: true });

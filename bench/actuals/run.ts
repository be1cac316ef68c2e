/**
 * Actuals import benchmark: 1,000,000 CSV rows (GL account codes mapped to elements, Japanese
 * number formats) parsed, mapped, validated and applied to a cube through the real service —
 * one all-or-nothing write with the cell history (1,000,000 rows) and one audit entry — on a real
 * database. Baseline in the same process: better-sqlite3 inserting the same 1,000,000
 * (coordinate, value) rows with one prepared statement in one transaction (WAL, synchronous=FULL).
 * `npm run bench:actuals` (`ROWS=…` to change the size; `YOSAN_BENCH_DB=postgres` for PostgreSQL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Dimension } from '../../src/engine/index.js';
import { controlMigrations, tenantMigrations } from '../../src/migrations/index.js';
import { insertObject } from '../../src/modules/model/catalogue.js';
import { createCube } from '../../src/modules/model/cube-service.js';
import { cubeStore } from '../../src/modules/model/store.js';
import { saveDefinition } from '../../src/modules/entry/import-definition.js';
import { applyImport } from '../../src/modules/entry/import-service.js';
import { Storage } from '../../src/platform/db/storage.js';
import type { TenantTable, UserTable } from '../../src/platform/db/types.js';
import type { AppDeps, TenantContext } from '../../src/platform/server/context.js';
import { createTestDatabase } from '../../test/support/postgres.js';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const ACCOUNTS = 1000;
const DEPTS = 100;
const MONTHS = 12;
const postgres = process.env.YOSAN_BENCH_DB === 'postgres';
const actor = {
  type: 'user' as const,
  id: 'bench',
  name: 'ベンチ 管理者',
  ip: '127.0.0.1',
  userAgent: 'bench',
};

const dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-bench-actuals-'));
const pg = postgres ? await createTestDatabase() : undefined;
const storage = await Storage.open({
  dataDir: dir,
  databaseUrl: pg?.url,
  controlMigrations,
  tenantMigrations,
});
await storage.migrateControl();
const tenantId = 'a'.repeat(32);
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
const deps = { clock: () => new Date(), storage } as unknown as AppDeps;
const user: UserTable = {
  id: 'bench',
  email: 'admin@bench.example',
  display_name: 'ベンチ 管理者',
  locale: 'ja',
  is_org_admin: 1,
  status: 'active',
  password_hash: null,
  created_at: now,
  updated_at: now,
};

/** A dimension: `n` leaves under one total. */
async function dimension(code: string, leaves: string[]): Promise<string> {
  const d = new Dimension(code);
  const total = d.addElement(`${code}_TOTAL`);
  for (const l of leaves) d.addLink(total, d.addElement(l), 1);
  const id = `dim-${code}`;
  await cubeStore.saveDimension(db, id, d, async (trx) => {
    await insertObject({ db: trx }, deps, { kind: 'dimension', id, code, nameJa: code, nameEn: code }, actor);
  });
  return id;
}
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const accounts = Array.from({ length: ACCOUNTS }, (_, i) => `ACC${pad(i, 4)}`);
const depts = Array.from({ length: DEPTS }, (_, i) => `D${pad(i, 3)}`);
const months = Array.from({ length: MONTHS }, (_, i) => `2027-${pad(i + 1, 2)}`);
const dims = [
  await dimension('Account', accounts),
  await dimension('Department', depts),
  await dimension('Period', months),
  await dimension('Scenario', ['BUDGET', 'ACTUAL']),
];
const cubeId = await createCube(
  deps,
  ctx,
  { code: 'PL', nameJa: '損益', nameEn: 'P&L', dimensionIds: dims },
  actor,
);
// GL account numbers 4000… map to the account elements (the import definition's code table).
const gl = Object.fromEntries(accounts.map((a, i) => [String(4000 + i), a]));
await saveDefinition(
  deps,
  ctx,
  user,
  cubeId,
  {
    columns: { Account: '勘定科目', Department: '部門', Period: '年月' },
    fixed: { Scenario: 'ACTUAL' },
    value: '金額',
    maps: { Account: gl },
    replace: false,
    sliceDimensions: [],
  },
  actor,
  'ja',
);

// Distinct cells, every 7th value written with a thousands separator, every 11th as ▲ negative.
const lines: string[] = ['勘定科目,部門,年月,金額'];
const coords: string[] = [];
const values = new Float64Array(ROWS);
for (let i = 0; i < ROWS; i++) {
  const m = i % MONTHS;
  const d = Math.floor(i / MONTHS) % DEPTS;
  const a = Math.floor(i / (MONTHS * DEPTS)) % ACCOUNTS;
  const v = ((i * 7919) % 1_000_000) + 1;
  const text =
    i % 11 === 0
      ? `"▲${v.toLocaleString('en-US')}"`
      : i % 7 === 0
        ? `"${v.toLocaleString('en-US')}"`
        : String(v);
  lines.push(`${4000 + a},${depts[d]},${months[m]},${text}`);
  coords.push(`${a + 1}:${d + 1}:${m + 1}:2`);
  values[i] = i % 11 === 0 ? -v : v;
}
const file = Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
lines.length = 0;

// Baseline: raw prepared inserts of the same rows, one transaction, same durability settings.
const baseFile = path.join(dir, 'baseline.sqlite');
const raw = new BetterSqlite3(baseFile);
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = FULL');
raw.exec(
  'create table cells (cube_id text not null, coord text not null, value double precision, primary key (cube_id, coord))',
);
const b0 = performance.now();
const insert = raw.prepare('insert into cells (cube_id, coord, value) values (?, ?, ?)');
raw.transaction(() => {
  for (let i = 0; i < ROWS; i++) insert.run(cubeId, coords[i], values[i]);
})();
const b1 = performance.now();
raw.close();
coords.length = 0;

const mem0 = process.memoryUsage().rss;
const t0 = performance.now();
const res = await applyImport(deps, ctx, user, cubeId, file, 'ja', actor);
const t1 = performance.now();
const mem1 = process.memoryUsage().rss;

const count = async (table: 'cube_cells' | 'cell_history') =>
  Number(
    (
      await db.kysely
        .selectFrom(table as never)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const cells = await count('cube_cells');
const history = await count('cell_history');
const expectedTotal = values.reduce((a, b) => a + b, 0);
if (res.counts.errors !== 0 || cells !== ROWS || history !== ROWS || res.counts.total !== expectedTotal)
  throw new Error(`unexpected: ${JSON.stringify({ counts: res.counts, cells, history })}`);
console.log(
  JSON.stringify(
    {
      database: postgres ? 'postgresql' : 'sqlite',
      rows: ROWS,
      fileBytes: file.length,
      importMs: Math.round(t1 - t0),
      rowsPerSecond: Math.round(ROWS / ((t1 - t0) / 1000)),
      cellsStored: cells,
      historyRows: history,
      baselineRawInsertMs: Math.round(b1 - b0),
      ratioToBaseline: Number(((t1 - t0) / (b1 - b0)).toFixed(2)),
      rssGrowthMb: Math.round((mem1 - mem0) / 1e6),
      target: 'under 30,000 ms',
    },
    null,
    2,
  ),
);
await storage.close();
await pg?.drop();
rmSync(dir, { recursive: true, force: true });

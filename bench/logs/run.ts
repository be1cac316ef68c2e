/**
 * `npm run bench:logs`: 1,000,000 audit entries (valid hash chain) in a real tenant
 * database, then filtered first-page and deep-page queries (median, p95) against an
 * unfiltered baseline, the streamed CSV export of everything (peak RSS / heap growth),
 * and bytes per entry. SQLite by default; BENCH_DATABASE_URL=postgres://… for PostgreSQL.
 * BENCH_ROWS overrides the entry count.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import { controlMigrations, tenantMigrations } from '../../src/migrations/index.js';
import { entryHash, GENESIS_HASH } from '../../src/platform/audit/chain.js';
import type { EvidenceTables } from '../../src/platform/audit/evidence-tables.js';
import { Storage } from '../../src/platform/db/storage.js';
import type { AuditLogTable } from '../../src/platform/db/types.js';
import { csvStream } from '../../src/modules/evidence/export.js';
import { AUDIT_COLUMNS } from '../../src/modules/evidence/presenters.js';
import { allOf, pageOf, type LogFilter } from '../../src/modules/evidence/repository.js';
import { auditFilter } from '../../src/modules/evidence/service.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = 30;
const TZ = 'Asia/Tokyo';
const START = Date.parse('2026-04-01T00:00:00Z');
const SPAN = 365 * 24 * 3_600_000;
const ACTIONS = Array.from({ length: 30 }, (_, i) => `thing.action${i}`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-bench-logs-'));
const databaseUrl = process.env.BENCH_DATABASE_URL;
const storage = await Storage.open({ dataDir: dir, databaseUrl, controlMigrations, tenantMigrations });
await storage.migrateControl();
const tenantId = randomBytes(16).toString('hex');
const database = await storage.createTenantDatabase(tenantId);
const db = database.kysely as unknown as Kysely<EvidenceTables>;
const file = path.join(dir, 'tenants', `${tenantId}.sqlite`);
const sqliteSize = async () => {
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  return statSync(file).size;
};

function entry(seq: number, prev: string): AuditLogTable {
  const login = seq % 5 === 0;
  const base = {
    seq,
    id: randomBytes(16).toString('hex'),
    at: new Date(START + Math.floor((seq / ROWS) * SPAN)).toISOString(),
    kind: login ? ('login' as const) : ('operation' as const),
    actor_type: 'user' as const,
    actor_id: `user-${seq % 1000}`,
    actor_name: `社員 ${seq % 1000}`,
    ip: `10.0.${seq % 250}.${seq % 200}`,
    user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/140 Safari/537.36',
    action: login ? 'auth.sign_in' : ACTIONS[seq % ACTIONS.length]!,
    target_type: login ? 'user' : 'budget',
    target_id: `t-${seq % 5000}`,
    target_label: login ? null : `予算 ${seq % 5000} 部門`,
    summary: JSON.stringify(login ? {} : { before: seq % 97, after: (seq % 97) + 1 }),
    result: seq % 50 === 1 ? ('failure' as const) : ('success' as const),
    prev_hash: prev,
  };
  return { ...base, hash: entryHash(base) };
}

async function insertAll(): Promise<number> {
  const t0 = performance.now();
  let prev = GENESIS_HASH;
  const BATCH = 20_000;
  for (let from = 1; from <= ROWS; from += BATCH) {
    const rows: AuditLogTable[] = [];
    for (let s = from; s < from + BATCH && s <= ROWS; s++) {
      const e = entry(s, prev);
      prev = e.hash;
      rows.push(e);
    }
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 400)
        await trx
          .insertInto('audit_log')
          .values(rows.slice(i, i + 400))
          .execute();
      await trx
        .updateTable('audit_head')
        .set({ seq: rows[rows.length - 1]!.seq, hash: prev })
        .where('id', '=', 1)
        .execute();
    });
  }
  return performance.now() - t0;
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return {
    median: s[Math.floor(s.length / 2)]!,
    p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!,
  };
};
async function time(fn: () => Promise<unknown>, runs = RUNS): Promise<{ median: number; p95: number }> {
  await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return stats(xs);
}

console.log(
  `Yosan logs benchmark: ${ROWS.toLocaleString('en')} audit entries, ${database.dialect}, node ${process.version}`,
);
const before = database.dialect === 'sqlite' ? await sqliteSize() : 0;
const insertMs = await insertAll();
console.log(`insert (valid chain, ${ROWS.toLocaleString('en')} entries): ${(insertMs / 1000).toFixed(1)} s`);
if (database.dialect === 'postgres') await sql`analyze`.execute(db);
if (database.dialect === 'sqlite') {
  const grown = (await sqliteSize()) - before;
  console.log(`audit_log bytes per entry (file growth incl. 8 indexes): ${Math.round(grown / ROWS)}`);
}

const q = (filter: LogFilter, cursor?: number) => pageOf(db, 'operations', filter, cursor, 51);
const f = (query: Parameters<typeof auditFilter>[1], kind: 'operation' | 'login' = 'operation') =>
  auditFilter(kind, query, TZ);
const deep = Math.floor(ROWS * 0.1);
const cases: [string, () => Promise<unknown>][] = [
  [
    'baseline: select * order by seq desc limit 50',
    () => db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(50).execute(),
  ],
  ['operations, no filter, first page', () => q(f({}))],
  ['logins, no filter, first page', () => pageOf(db, 'logins', f({}, 'login'), undefined, 51)],
  ['user', () => q(f({ user: 'user-421' }))],
  ['action', () => q(f({ action: 'thing.action7' }))],
  ['result = failure', () => q(f({ result: 'failure' }))],
  ['period (one month)', () => q(f({ from: '2026-09-01', to: '2026-09-30' }))],
  ['period (one day) + user', () => q(f({ from: '2026-10-15', to: '2026-10-15', user: 'user-421' }))],
  [
    'period (one month) + action',
    () => q(f({ from: '2026-06-01', to: '2026-06-30', action: 'thing.action3' })),
  ],
  ['target type + id', () => q(f({ targetType: 'budget', targetId: 't-1234' }))],
  [
    'target name contains (+ one month), one page = at most one 20,000-entry scan window',
    () => q(f({ target: '1234 部門', from: '2026-09-01', to: '2026-09-30' })),
  ],
  ['target name contains, no period, first page (one scan window)', () => q(f({ target: '1234 部門' }))],
  [`deep page (cursor seq ${deep.toLocaleString('en')}), no filter`, () => q(f({}), deep)],
  [
    `deep page (cursor seq ${deep.toLocaleString('en')}), action`,
    () => q(f({ action: 'thing.action7' }), deep),
  ],
  [`deep page (cursor seq ${deep.toLocaleString('en')}), user`, () => q(f({ user: 'user-421' }), deep)],
];
console.log('\n| query | median ms | p95 ms |\n|---|---:|---:|');
for (const [name, fn] of cases) {
  const s = await time(fn);
  console.log(`| ${name} | ${s.median.toFixed(2)} | ${s.p95.toFixed(2)} |`);
}
const slow = await time(async () => {
  // What "Load more" costs to walk the whole log when nothing matches: every window once.
  let cursor: number | undefined;
  for (;;) {
    const p = await pageOf(db, 'operations', f({ target: 'no such label' }), cursor, 51);
    if (p.continueBelow === null) return;
    cursor = p.continueBelow;
  }
}, 3);
console.log(
  `| target name contains, no match: all pages of the whole log (sum of every window) | ${slow.median.toFixed(0)} | ${slow.p95.toFixed(0)} |`,
);

// Export everything (operations) as CSV to a discarding sink; sample memory meanwhile.
global.gc?.();
const rss0 = process.memoryUsage().rss;
const heap0 = process.memoryUsage().heapUsed;
let peakRss = rss0;
let peakHeap = heap0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 20);
let bytes = 0;
const t0 = performance.now();
await pipeline(
  csvStream(allOf(db, 'operations', f({})), AUDIT_COLUMNS, 'ja', TZ),
  new Writable({
    write(chunk: Buffer | string, _enc, done) {
      bytes += Buffer.byteLength(chunk);
      done();
    },
  }),
);
clearInterval(sampler);
const MB = (n: number) => (n / 1024 / 1024).toFixed(0);
console.log(
  `\nCSV export of all operations (${Math.round(ROWS * 0.8).toLocaleString('en')} entries, ${MB(bytes)} MB): ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
    `peak RSS growth ${MB(peakRss - rss0)} MB, peak heap growth ${MB(peakHeap - heap0)} MB`,
);

if (database.dialect === 'sqlite') {
  const s0 = await sqliteSize();
  const N = 100_000;
  for (let i = 0; i < N; i += 10_000) {
    await db.transaction().execute(async (trx) => {
      const rows = Array.from({ length: 10_000 }, (_, j) => ({
        at: new Date(START + SPAN + i + j).toISOString(),
        ref_id: randomBytes(4).toString('hex'),
        user_id: `user-${(i + j) % 1000}`,
        user_name: `社員 ${(i + j) % 1000}`,
        method: 'GET',
        route: '/t/:slug/api/cubes/:id/cells',
        status: 200,
        duration_ms: 12,
        ip: '10.0.1.2',
        user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/140 Safari/537.36',
      }));
      for (let k = 0; k < rows.length; k += 500)
        await trx
          .insertInto('access_log')
          .values(rows.slice(k, k + 500))
          .execute();
    });
  }
  console.log(
    `access_log bytes per entry (file growth per ${N.toLocaleString('en')}, incl. 3 indexes): ${Math.round(((await sqliteSize()) - s0) / N)}`,
  );
}
await storage.close();
rmSync(dir, { recursive: true, force: true });

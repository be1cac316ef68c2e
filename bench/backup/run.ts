/**
 * Backup cost benchmark (`npm run bench:backup`, SQLite): a tenant database of
 * `BENCH_BACKUP_MB` (default 1024) MB; a writer commits one small transaction (an audit
 * entry) every 5 ms through the real storage layer. Measures
 *   1. a daily backup (VACUUM INTO in a worker thread → gzip → AES-256-GCM → manifest →
 *      full verification): duration, and the writer's latency p50/p99/max during it;
 *   2. the replica: CPU seconds (whole process, all threads) of one replica run with
 *      writes going on, and what keeping a 5-minute replica costs as a share of one core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { controlMigrations, tenantMigrations } from '../../src/migrations/index.js';
import { backupScope } from '../../src/modules/backups/index.js';
import { Storage } from '../../src/platform/db/storage.js';
import { backupDeps, writeMarkers } from '../../test/support/backups.js';

const MB = Number(process.env.BENCH_BACKUP_MB ?? 1024);
const dir = mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'yosan-bench-backup-'));
const tenant = randomBytes(16).toString('hex');

function fill(file: string): void {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.exec(
    'create table if not exists bench_rows (id integer primary key, account text, period text, note text)',
  );
  const ins = db.prepare('insert into bench_rows (account, period, note) values (?, ?, ?)');
  // ~1 KB rows, half random (incompressible) and half repetitive, like comments and codes.
  const rowsPerBatch = 10_000;
  const batches = Math.ceil((MB * 1024 * 1024) / (1100 * rowsPerBatch));
  const tx = db.transaction((n: number) => {
    for (let i = 0; i < rowsPerBatch; i++) {
      ins.run(
        `A${(n * rowsPerBatch + i) % 5000}`,
        `2026-${String((i % 12) + 1).padStart(2, '0')}`,
        randomBytes(256).toString('hex') + '予算コメント'.repeat(20),
      );
    }
  });
  for (let b = 0; b < batches; b++) tx(b);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function withWriter<T>(
  storage: Storage,
  work: () => Promise<T>,
): Promise<{ result: T; lat: number[] }> {
  const lat: number[] = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      const t = performance.now();
      await writeMarkers(storage, tenant, 'bench', 1);
      lat.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  try {
    return { result: await work(), lat };
  } finally {
    on = false;
    await loop;
  }
}

const storage = await Storage.open({
  dataDir: dir,
  databaseUrl: undefined,
  controlMigrations,
  tenantMigrations,
});
try {
  await storage.migrateControl();
  await storage.createTenantDatabase(tenant);
  const t0 = performance.now();
  fill(path.join(dir, 'tenants', `${tenant}.sqlite`));
  console.log(`filled ${MB} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const deps = backupDeps(storage, dir, undefined, { now: new Date() });
  const idle = await withWriter(storage, () => new Promise((r) => setTimeout(r, 5000)));
  console.log(
    `writer alone: p50 ${pct(idle.lat, 50).toFixed(2)} ms, p99 ${pct(idle.lat, 99).toFixed(2)} ms (${idle.lat.length} writes)`,
  );

  const b0 = performance.now();
  const daily = await withWriter(storage, () => backupScope(deps, tenant, 'daily'));
  const seconds = (performance.now() - b0) / 1000;
  const l = daily.lat;
  console.log(`daily backup (copy, gzip, AES-256-GCM, manifest, full verification): ${seconds.toFixed(1)} s`);
  console.log(
    `writer during it: ${l.length} writes, p50 ${pct(l, 50).toFixed(2)} ms, p99 ${pct(l, 99).toFixed(2)} ms, max ${Math.max(...l).toFixed(1)} ms`,
  );

  const c0 = process.cpuUsage();
  const r0 = performance.now();
  await withWriter(storage, () => backupScope(deps, tenant, 'replica'));
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const wall = (performance.now() - r0) / 1000;
  console.log(
    `replica run (with writes): ${wall.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU (process, all threads)`,
  );
  console.log(
    `keeping a 5-minute replica: ${((cpuSeconds / 300) * 100).toFixed(1)} % of one core while the database changes (an unchanged database is skipped)`,
  );
} finally {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}

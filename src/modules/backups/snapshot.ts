import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Row counts of every table and the audit-chain head of a database copy. */
export interface DatabaseFacts {
  tables: Record<string, number>;
  auditHead: { seq: number; hash: string } | null;
}

const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');

/*
 * Runs in a worker thread, so the synchronous SQLite calls never block the server's event
 * loop (writers keep their latency). `VACUUM INTO` reads inside one read transaction: in
 * WAL mode writers continue, and the copy is one consistent point in time.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
function facts(db) {
  const tables = {};
  const names = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all();
  for (const n of names) tables[n] = db.prepare('select count(*) from "' + n.replace(/"/g, '""') + '"').pluck().get();
  let auditHead = null;
  if (names.includes('audit_head')) {
    const h = db.prepare('select seq, hash from audit_head where id = 1').get();
    if (h) auditHead = { seq: Number(h.seq), hash: h.hash };
  }
  return { tables, auditHead };
}
try {
  let result = {};
  if (workerData.op === 'copy') {
    const src = new Database(workerData.source, { readonly: true, fileMustExist: true });
    src.pragma('busy_timeout = 10000');
    src.prepare('vacuum into ?').run(workerData.dest);
    src.close();
    const copy = new Database(workerData.dest, { readonly: true, fileMustExist: true });
    result = facts(copy);
    copy.close();
  } else {
    const db = new Database(workerData.source, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check').map((r) => r.integrity_check);
    result = { ...facts(db), integrity: check };
    db.close();
  }
  parentPort.postMessage({ ok: true, result });
} catch (e) {
  parentPort.postMessage({ ok: false, error: String(e && e.message || e), code: e && e.code });
}
`;

function runWorker<T>(data: Record<string, string>): Promise<T> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { ...data, module: betterSqlite } });
    let settled = false;
    w.once('message', (m: { ok: boolean; result?: T; error?: string; code?: string }) => {
      settled = true;
      if (m.ok) resolve(m.result as T);
      else {
        const e: NodeJS.ErrnoException = new Error(m.error ?? 'snapshot failed');
        if (m.code) e.code = m.code;
        reject(e);
      }
    });
    w.once('error', (e) => {
      settled = true;
      reject(e);
    });
    w.once('exit', (code) => {
      if (!settled) reject(new Error(`snapshot worker exited with ${code}`));
    });
  });
}

/** A consistent copy of a live SQLite database (`VACUUM INTO`), with its facts. */
export function snapshotSqlite(source: string, dest: string): Promise<DatabaseFacts> {
  return runWorker({ op: 'copy', source, dest });
}

/** `PRAGMA integrity_check` and the facts of a database file (off the event loop). */
export function inspectSqlite(file: string): Promise<DatabaseFacts & { integrity: string[] }> {
  return runWorker({ op: 'inspect', source: file });
}

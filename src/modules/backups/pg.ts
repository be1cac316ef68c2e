import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseFacts } from './snapshot.js';

/*
 * PostgreSQL deployments: a generation is a plain-SQL `pg_dump -n <schema>` of one
 * tenant's schema (or `yosan_control`), taken inside an exported snapshot so that the
 * row counts and audit head in the manifest are of exactly the dumped state. It is then
 * compressed and encrypted like a SQLite copy. The 5-minute point is PostgreSQL's WAL
 * archiving (see docs/backups.md), not this code.
 */

const SCHEMA = /^yosan_(control|t_[a-z0-9]{32})$/;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} failed (${code}): ${stderr.trim().slice(0, 400)}`)),
    );
  });
}

async function schemaFacts(client: pg.ClientBase, schema: string): Promise<DatabaseFacts> {
  const names = (
    await client.query<{ table_name: string }>(
      `select table_name from information_schema.tables
        where table_schema = $1 and table_type = 'BASE TABLE' order by table_name`,
      [schema],
    )
  ).rows.map((r) => r.table_name);
  const tables: Record<string, number> = {};
  for (const n of names) {
    const r = await client.query<{ n: string }>(
      `select count(*) as n from "${schema}"."${n.replace(/"/g, '""')}"`,
    );
    tables[n] = Number(r.rows[0]!.n);
  }
  let auditHead: DatabaseFacts['auditHead'] = null;
  if (names.includes('audit_head')) {
    const h = await client.query<{ seq: string; hash: string }>(
      `select seq, hash from "${schema}".audit_head where id = 1`,
    );
    if (h.rows[0]) auditHead = { seq: Number(h.rows[0].seq), hash: h.rows[0].hash };
  }
  return { tables, auditHead };
}

/** Dumps one schema to `dest` (plain SQL) in one snapshot; returns its facts. */
export async function pgDumpScope(
  url: string,
  schema: string,
  dest: string,
): Promise<{ facts: DatabaseFacts; takenAt: Date }> {
  if (!SCHEMA.test(schema)) throw new Error(`Refusing to dump schema ${schema}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snap = await client.query<{ id: string; now: Date }>(
      'select pg_export_snapshot() as id, now() as now',
    );
    const facts = await schemaFacts(client, schema);
    await run('pg_dump', [
      '--snapshot',
      snap.rows[0]!.id,
      '-n',
      schema,
      '--no-owner',
      '--no-privileges',
      '-f',
      dest,
      '-d',
      url,
    ]);
    await client.query('commit');
    return { facts, takenAt: new Date(snap.rows[0]!.now) };
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Restores a dump into a new, empty database and reads its facts (for drills); the
 * scratch database is dropped afterwards.
 */
export async function pgRestoreFacts(url: string, schema: string, dumpFile: string): Promise<DatabaseFacts> {
  if (!SCHEMA.test(schema)) throw new Error(`Refusing schema ${schema}`);
  const name = `yosan_drill_${randomBytes(6).toString('hex')}`;
  await admin(url, `create database ${name}`);
  try {
    const target = withDatabase(url, name);
    await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', target, '-f', dumpFile]);
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      return await schemaFacts(client, schema);
    } finally {
      await client.end();
    }
  } finally {
    await admin(url, `drop database if exists ${name} with (force)`);
  }
}

/**
 * Replaces a schema with a verified dump in one transaction: the old schema is dropped
 * and the dump applied by `psql --single-transaction`, so a failure leaves it as it was.
 */
export async function pgReplaceSchema(url: string, schema: string, dumpFile: string): Promise<void> {
  if (!SCHEMA.test(schema)) throw new Error(`Refusing schema ${schema}`);
  await run('psql', [
    '-X',
    '-q',
    '-v',
    'ON_ERROR_STOP=1',
    '--single-transaction',
    '-d',
    url,
    '-c',
    `drop schema if exists "${schema}" cascade`,
    '-f',
    dumpFile,
  ]);
}

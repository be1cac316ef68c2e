/**
 * `npm run security:deep` (issue 21 point 8; slow, not in CI): sqlmap (Debian) over every
 * parameterised route of a real Yosan server, signed in as the caller each route is for (an org
 * admin of a tenant, or the operator), path parameters marked as injection
 * points, JSON bodies tested value by value. Writes `test-results/security-deep.json` and exits 1
 * if sqlmap finds any parameter injectable.
 *
 *   npm run security:deep                       # SQLite; YOSAN_TEST_DB=postgres for PostgreSQL
 *   YOSAN_DEEP_ROUTES='admin/logs' npm run security:deep   # only routes whose URL matches
 *   YOSAN_DEEP_LEVEL=2 YOSAN_DEEP_RISK=2 …                 # sqlmap's --level / --risk (default 1 / 1)
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { RouteInfo } from '../src/platform/server/context.js';
import type { HttpsClient } from '../test/support/https-client.js';
import { modelWorld } from '../test/support/model.js';
import { paramText, valid, type Schema } from '../test/support/schema-arbitrary.js';
import { startTestServer } from '../test/support/server.js';

const SQLMAP = '/usr/bin/sqlmap';
const SLUG = 'sqlmapco';

function ensureSqlmap(): void {
  if (existsSync(SQLMAP)) return;
  if (process.getuid?.() !== 0) {
    console.error('sqlmap is missing: run "sudo apt-get install -y sqlmap"');
    process.exit(2);
  }
  execFileSync('apt-get', ['install', '-y', '-qq', 'sqlmap'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

interface Schemas {
  params?: Schema;
  querystring?: Schema;
  body?: Schema;
}

const sample = (s: Schema): unknown => fc.sample(valid(s), { numRuns: 1, seed: 42 })[0];

/** The route's URL with its path parameters as sqlmap injection points (`*`) and a sample query. */
function target(base: string, r: RouteInfo, ids: string[]): string {
  const s = (r.schema ?? {}) as Schemas;
  const p = r.url.replace(/:(\w+)/g, (_, name: string) => (name === 'slug' ? SLUG : `${ids[0] ?? 'x'}*`));
  const q = s.querystring ? (sample(s.querystring) as Record<string, unknown>) : {};
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q ?? {})) sp.append(k, paramText(v) || 'a');
  const qs = sp.toString();
  return `${base}${p}${qs ? `?${qs}` : ''}`;
}

function runSqlmap(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(SQLMAP, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', () => resolve(out));
  });
}

ensureSqlmap();
const ts = await startTestServer({
  env: {
    YOSAN_RATE_USER_PER_MINUTE: '1000000',
    YOSAN_RATE_TENANT_PER_MINUTE: '1000000',
    YOSAN_RATE_ADDRESS_PER_MINUTE: '1000000',
    YOSAN_RATE_SENSITIVE_PER_MINUTE: '1000000',
  },
});
const w = await modelWorld(ts, SLUG, `${SLUG}-b`);
const ids = [w.userId];
const clientFor = (r: RouteInfo): HttpsClient | undefined =>
  r.auth === 'operator'
    ? w.op
    : r.auth.startsWith('tenant-') && r.auth !== 'tenant-public'
      ? w.admin
      : undefined;
const only = process.env.YOSAN_DEEP_ROUTES ? new RegExp(process.env.YOSAN_DEEP_ROUTES) : undefined;
const routes = ts.server.app.routeTable.filter((r) => {
  const s = (r.schema ?? {}) as Schemas;
  const parameterised = /:(?!slug)/.test(r.url) || s.querystring || s.body;
  // Sign-out and the caller's own password/sessions would end the prepared session.
  const ownSession = /\/session$|\/me\/(password|sessions)/.test(r.url);
  return parameterised && !ownSession && !r.url.startsWith('/api/docs') && (!only || only.test(r.url));
});

const out = mkdtempSync(path.join(os.tmpdir(), 'yosan-sqlmap-'));
const level = process.env.YOSAN_DEEP_LEVEL ?? '1';
const risk = process.env.YOSAN_DEEP_RISK ?? '1';
const results: { route: string; injectable: boolean; notes: string[] }[] = [];
console.log(`sqlmap (level ${level}, risk ${risk}) over ${routes.length} parameterised routes of ${ts.url}`);
for (const [i, r] of routes.entries()) {
  const c = clientFor(r);
  const s = (r.schema ?? {}) as Schemas;
  const cookie = c ? [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  const headers = [`Origin: ${ts.url}`, ...(c?.csrf ? [`X-CSRF-Token: ${c.csrf}`] : [])];
  const args = [
    ...['-u', target(ts.url, r, ids), '--method', r.method, '--batch', '--flush-session'],
    ...['--level', level, '--risk', risk, '--output-dir', out, '--disable-coloring'],
    ...['--results-file', path.join(out, `results-${i}.csv`)],
    ...['--headers', headers.join('\n'), '--ignore-code', '400,401,403,404,409,413,415,423,429'],
    ...(cookie ? ['--cookie', cookie] : []),
    ...(s.body && !['GET', 'DELETE'].includes(r.method)
      ? [
          '--data',
          JSON.stringify(sample(s.body) ?? {}),
          '--headers',
          [...headers, 'Content-Type: application/json'].join('\n'),
        ]
      : []),
  ];
  const log = await runSqlmap(args);
  // sqlmap's own verdict per parameter: its results file lists each finding with a note; a finding
  // its confirmation marks "false positive or unexploitable" is kept as a note, not counted.
  const file = path.join(out, `results-${i}.csv`);
  const rows = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').slice(1).filter(Boolean) : [];
  const notes = rows.map((r) => r.replace(/^[^,]*,/, ''));
  const injectable = rows.some((r) => !/false positive or unexploitable/i.test(r));
  if (
    !rows.length &&
    /all tested parameters do not appear to be injectable|no parameter\(s\) found/i.test(log) === false
  )
    notes.push(log.trim().split('\n').slice(-2).join(' ').slice(0, 300));
  results.push({ route: `${r.method} ${r.url}`, injectable, notes });
  const flagged = notes.length && !injectable ? ' (sqlmap: false positive or unexploitable)' : '';
  console.log(
    `[${i + 1}/${routes.length}] ${injectable ? 'INJECTABLE' : 'ok'} ${r.method} ${r.url}${flagged}`,
  );
}

await ts.stop();
mkdirSync('test-results', { recursive: true });
writeFileSync(
  'test-results/security-deep.json',
  JSON.stringify({ at: new Date().toISOString(), level, risk, results }, null, 2),
);
const bad = results.filter((r) => r.injectable);
console.log(
  `\n${results.length} routes tested, ${bad.length} injectable${bad.length ? `:\n${bad.map((b) => `  - ${b.route}`).join('\n')}` : ''}`,
);
process.exit(bad.length ? 1 : 0);

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteInfo } from '../../src/platform/server/context.js';
import { gridWorld } from '../support/grid-world.js';
import type { HttpsClient } from '../support/https-client.js';
import { nearlyValid, paramText, valid, type Schema } from '../support/schema-arbitrary.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Schema fuzz over the whole route table (issue 21 point 2): for every route, requests generated
 * from its own schemas — valid ones and "just invalid" ones (one field of the path, query or body
 * broken: wrong type, a bound crossed, year 0001/9999, 2月30日, NaN, ±Infinity, 1e309, control
 * characters…) — sent as the kind of caller the route is for (operator, org admin of a tenant with a
 * model, anonymous). Any 5xx fails the test, with the request to reproduce it. Path ids are drawn
 * from real ids of the tenant too, so requests reach past the "not found" checks.
 */
const SLUG = 'fuzzco';
const SEED = Number(process.env.YOSAN_FUZZ_SEED ?? Date.now() % 1_000_000);
const PER_ROUTE = Number(process.env.YOSAN_FUZZ_RUNS ?? 6);

/**
 * Routes left out, with the reason: they end the caller's own session (the fuzz would go on
 * signed out), or start whole-installation jobs that only load the machine.
 */
const SKIP: { pattern: RegExp; why: string }[] = [
  { pattern: /^DELETE \/(t\/:slug\/)?api\/(operator\/)?session$/, why: 'signs the caller out' },
  { pattern: /\/me\/(password|sessions)/, why: "changes the caller's own password or sessions" },
  { pattern: /\/api\/operator\/backups\/(run|drill|restore)/, why: 'runs whole-installation backup jobs' },
  { pattern: /^(GET|HEAD) \/api\/docs/, why: 'the API documentation (static)' },
  { pattern: /^GET \/\*$|^GET \/$/, why: 'the web app (static files)' },
];

let ts: TestServer;
let op: HttpsClient;
let admin: HttpsClient;
let anonymous: HttpsClient;
const ids = new Set<string>();

beforeAll(async () => {
  ts = await startTestServer({
    env: {
      YOSAN_RATE_USER_PER_MINUTE: '1000000',
      YOSAN_RATE_TENANT_PER_MINUTE: '1000000',
      YOSAN_RATE_ADDRESS_PER_MINUTE: '1000000',
      YOSAN_RATE_SENSITIVE_PER_MINUTE: '1000000',
    },
  });
  const w = await gridWorld(ts, SLUG);
  op = w.op;
  admin = w.admin;
  anonymous = ts.client();
  await anonymous.primeCsrf();
  // Not the callers themselves nor their tenant: a fuzzed request may suspend, demote or sign out
  // whatever it names, and the fuzz would go on signed out (other users and tenants stay in).
  collectIds((await admin.get(`/t/${SLUG}/api/session`)).json);
  collectIds((await op.get('/api/operator/session')).json);
  const tenants = await op.get<{ items: { id: string; slug: string }[] }>('/api/operator/tenants');
  const own = new Set([...ids, tenants.json.items.find((t) => t.slug === SLUG)!.id]);
  ids.clear();
  // Real ids to put in paths: every id the list routes answer with.
  for (const r of routes().filter((r) => r.method === 'GET' && !/:(?!slug)/.test(r.url)))
    collectIds((await clientFor(r).get(r.url.replace(':slug', SLUG))).json);
  for (const id of own) ids.delete(id);
}, 180_000);
afterAll(async () => {
  await ts?.stop();
});

const routes = (): RouteInfo[] =>
  ts.server.app.routeTable.filter((r) => !SKIP.some((s) => s.pattern.test(`${r.method} ${r.url}`)));

function clientFor(r: RouteInfo): HttpsClient {
  if (r.auth === 'operator') return op;
  if (r.auth === 'tenant-user' || r.auth === 'tenant-admin') return admin;
  return anonymous;
}

function collectIds(v: unknown): void {
  if (typeof v === 'string' && /^[0-9a-f]{32}$|^[0-9a-f-]{36}$/.test(v)) ids.add(v);
  else if (Array.isArray(v)) v.slice(0, 50).forEach(collectIds);
  else if (v && typeof v === 'object') Object.values(v).forEach(collectIds);
}

interface RouteSchemas {
  params?: Schema;
  querystring?: Schema;
  body?: Schema;
}

function pathOf(url: string, params: Record<string, unknown>): string {
  return url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(paramText(params[name])));
}

function queryOf(q: Record<string, unknown> | undefined): string {
  if (!q || typeof q !== 'object') return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q))
    for (const item of Array.isArray(v) ? v : [v]) sp.append(k, paramText(item));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** Path parameters: the tenant's slug and real ids most of the time, else what the schema makes. */
function paramsArb(
  url: string,
  schema: Schema | undefined,
  broken: boolean,
): fc.Arbitrary<Record<string, unknown>> {
  const names = [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const pool = [...ids];
  const entries = names.map((n) => {
    const own = schema?.properties?.[n] ?? { type: 'string' };
    const real = n === 'slug' ? fc.constant(SLUG) : pool.length ? fc.constantFrom(...pool) : valid(own);
    return [
      n,
      broken ? fc.oneof(real, nearlyValid(own)) : fc.oneof({ weight: 3, arbitrary: real }, valid(own)),
    ];
  });
  return fc.record(Object.fromEntries(entries) as Record<string, fc.Arbitrary<unknown>>);
}

/** A request for `r`: all valid, or with its path, query or body just invalid. */
function requestArb(r: RouteInfo) {
  const s = (r.schema ?? {}) as RouteSchemas;
  const hasBody = !['GET', 'DELETE', 'HEAD'].includes(r.method);
  const part = (schema: Schema | undefined, broken: boolean) =>
    schema ? (broken ? nearlyValid(schema) : valid(schema)) : fc.constant(undefined);
  return fc.constantFrom('none', 'params', 'query', 'body').chain((broken) =>
    fc.record({
      params: paramsArb(r.url, s.params, broken === 'params'),
      query: part(s.querystring, broken === 'query'),
      body: hasBody ? part(s.body ?? { type: 'object' }, broken === 'body') : fc.constant(undefined),
    }),
  );
}

describe('schema fuzz over the route table', () => {
  it('refuses U+0000 in a path, a query or a body with a 400 in the caller’s language (found by the fuzz)', async () => {
    const cases = [
      () => anonymous.get('/t/a%00b/api/meta', { 'x-yosan-lang': 'ja' }),
      () => admin.get(`/t/${SLUG}/api/admin/users?q=x%00`, { 'x-yosan-lang': 'ja' }),
      () =>
        admin.post(
          `/t/${SLUG}/api/admin/groups`,
          { name: 'NUL 課', description: 'a\u0000b' },
          { 'x-yosan-lang': 'ja' },
        ),
      () =>
        op.request('PATCH', `/api/operator/support/tenants/a%00b/tickets/${'0'.repeat(32)}`, {
          status: 'open',
        }),
    ];
    for (const send of cases) {
      const res = await send();
      expect(res.status, res.text).toBe(400);
      expect(res.text).toContain('nul_character');
    }
    const ja = await admin.get<{ error: { issues: { message: string }[] } }>(
      `/t/${SLUG}/api/admin/users?q=%00`,
      {
        'x-yosan-lang': 'ja',
      },
    );
    expect(ja.json.error.issues[0]?.message).toContain('ヌル文字');
  });

  it('answers every generated request without a 5xx', async () => {
    const table = routes();
    expect(table.length).toBeGreaterThan(150);
    expect(ids.size).toBeGreaterThan(5);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let signedIn = 0;
    let signedOut = 0;
    for (const [i, r] of table.entries()) {
      const samples = fc.sample(requestArb(r), { numRuns: PER_ROUTE, seed: SEED + i });
      for (const q of samples) {
        const url = `${pathOf(r.url, q.params)}${queryOf(q.query as Record<string, unknown>)}`;
        const res = await clientFor(r).request(r.method, url, q.body);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (r.auth === 'operator' || r.auth === 'tenant-user' || r.auth === 'tenant-admin') {
          signedIn++;
          if (res.status === 401) signedOut++;
        }
        if (res.status >= 500)
          failures.push(
            `${res.status} ${r.method} ${url} ${JSON.stringify(q.body)?.slice(0, 300)} → ${res.text.slice(0, 200)}`,
          );
      }
    }
    // The fuzz reached the handlers: the callers stayed signed in.
    expect(signedOut / signedIn, JSON.stringify([...statuses])).toBeLessThan(0.05);
    expect(failures, `seed ${SEED} (YOSAN_FUZZ_SEED=${SEED} repeats it)`).toEqual([]);
  }, 900_000);
});

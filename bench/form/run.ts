/**
 * Form open benchmark (issue 7: "a form with 1,000 rows × 24 columns opens in under 300 ms on the
 * server side"). A real server (HTTPS, real database) with a cube Account (1,000 leaves in a
 * 10 × 10 × 10 hierarchy, 1,111 elements) × Period (two fiscal years: 24 months under quarters and
 * years) × Department (20) × Scenario (standard, with VARIANCE = ACTUAL − BUDGET) × Version, filled
 * for 5 departments × BUDGET/ACTUAL (240,000 leaf cells); an input form with every Account element
 * as a row (1,111 rows: 1,000 leaves + 111 totals, each with its rollup) × the 24 months.
 * The first quarter (3 months) is locked.
 * Measured, median and p95 of RUNS runs each, for an org admin and for a plain user whose rights
 * are checked per cell (write on the cube, element rights on Department):
 * - `openForm` called in process (the service: rights, locks, workflow, values, rollups);
 * - `POST …/forms/:id/open` through fastify `inject` (routing, auth, CSRF, schema serialisation);
 * - the same over real HTTPS (TLS, the JSON on the wire).
 * Baseline in the same process (SQLite only): better-sqlite3 point SELECTs (one prepared
 * statement) of the form's 24,000 leaf cells from the tenant database.
 * `npm run bench:form` (`RUNS=…`; `YOSAN_TEST_DB=postgres` for PostgreSQL, no baseline there).
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Dimension } from '../../src/engine/index.js';
import { insertObject } from '../../src/modules/model/catalogue.js';
import type { OpenFormResponse } from '../../src/modules/model/form-schemas.js';
import { openForm } from '../../src/modules/model/form-grid.js';
import { cubeStore } from '../../src/modules/model/store.js';
import { warmCubes } from '../../src/modules/model/warm.js';
import { scenarioDimension } from '../../src/modules/model/standard.js';
import type { TenantContext } from '../../src/platform/server/context.js';
import { modelWorld } from '../../test/support/model.js';
import { startTestServer } from '../../test/support/server.js';

const RUNS = Number(process.env.RUNS ?? 30);
const postgres = process.env.YOSAN_TEST_DB === 'postgres';
const actor = { type: 'user' as const, id: 'bench', name: 'bench', ip: '127.0.0.1', userAgent: 'bench' };

const ts = await startTestServer();
const w = await modelWorld(ts, 'bench', 'bench2');
const base = '/t/bench/api/model';
const database = await w.database();
const deps = ts.server.runtime.deps;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

async function save(code: string, d: Dimension): Promise<string> {
  const id = `dim-${code}`;
  await cubeStore.saveDimension(database, id, d, async (trx) => {
    await insertObject({ db: trx }, deps, { kind: 'dimension', id, code, nameJa: code, nameEn: code }, actor);
  });
  return id;
}

const account = new Dimension('Account');
const accountLeaves: number[] = [];
account.addElement('ALL');
for (let g = 0; g < 10; g++) {
  account.addElement(`G${g}`);
  account.addLink('ALL', `G${g}`, g % 3 === 2 ? -1 : 1);
  for (let s = 0; s < 10; s++) {
    account.addElement(`G${g}S${s}`);
    account.addLink(`G${g}`, `G${g}S${s}`);
    for (let l = 0; l < 10; l++) {
      accountLeaves.push(account.addElement(`A${g}${s}${l}`));
      account.addLink(`G${g}S${s}`, `A${g}${s}${l}`);
    }
  }
}
const period = new Dimension('Period');
const months: string[] = [];
for (const fy of [2027, 2028]) {
  period.addElement(`FY${fy}`);
  for (let q = 1; q <= 4; q++) {
    period.addElement(`FY${fy}-Q${q}`);
    period.addLink(`FY${fy}`, `FY${fy}-Q${q}`);
    for (let m = 0; m < 3; m++) {
      const code = `${fy}-${pad((((q - 1) * 3 + m + 3) % 12) + 1)}`;
      months.push(code);
      period.addElement(code);
      period.addLink(`FY${fy}-Q${q}`, code);
    }
  }
}
const dept = new Dimension('Department');
dept.addElement('ALL_DEPTS');
for (let d = 0; d < 20; d++) {
  dept.addElement(`D${pad(d)}`);
  dept.addLink('ALL_DEPTS', `D${pad(d)}`);
}
const version = new Dimension('Version');
version.addElement('WORKING');
version.addElement('FINAL');
const dimIds = [
  await save('Account', account),
  await save('Period', period),
  await save('Department', dept),
  await save('Scenario', scenarioDimension()),
  await save('Version', version),
];
const cube = await w.admin.post<{ object: { id: string } }>(`${base}/cubes`, {
  code: 'PLAN',
  nameJa: '計画',
  nameEn: 'Plan',
  dimensionIds: dimIds,
});
const cubeId = cube.json.object.id;

// 5 departments × BUDGET/ACTUAL × 1,000 accounts × 24 months, one write.
const built = await cubeStore.loadCube(database, cubeId);
const monthIds = months.map((m) => period.id(m));
const scen = built.dimensions[3] as Dimension;
const cells: number[] = [];
const values: number[] = [];
for (let d = 0; d < 5; d++)
  for (const s of ['BUDGET', 'ACTUAL'])
    for (const a of accountLeaves)
      for (const m of monthIds) {
        cells.push(a, m, dept.id(`D${pad(d)}`), scen.id(s), 0);
        values.push(((a * 31 + m * 7 + d) % 1000) * 1000 + 1);
      }
await cubeStore.writeBatch(database, cubeId, {
  ids: Int32Array.from(cells),
  values: Float64Array.from(values),
});
const leafCells = values.length;

const definition = {
  cube: 'PLAN',
  type: 'input',
  rows: {
    dimension: 'Account',
    members: [
      { element: 'ALL', select: 'self' },
      { element: 'ALL', select: 'descendants' },
    ],
  },
  columns: { dimension: 'Period', members: months.map((m) => ({ element: m, select: 'self' })) },
  fixed: [
    {
      dimension: 'Department',
      element: 'D00',
      userSelectable: true,
      choices: [0, 1, 2, 3, 4].map((d) => ({ element: `D${pad(d)}`, select: 'self' })),
    },
    { dimension: 'Scenario', element: 'BUDGET', userSelectable: false },
    { dimension: 'Version', element: 'WORKING', userSelectable: false },
  ],
  input: 'all',
  readOnly: [],
  format: { scale: 1000, decimals: 0, currency: 'JPY' },
};
const form = await w.admin.post<{ object: { id: string } }>(`${base}/forms`, {
  code: 'BIG',
  nameJa: '大きなフォーム',
  nameEn: 'Big form',
  definition,
});
if (form.status !== 201) throw new Error(`form: ${form.status} ${form.text}`);
const formId = form.json.object.id;

// The first quarter is locked (months with actuals): its cells, and totals over them, are marked.
const lock = await w.admin.post(`${base}/cubes/${cubeId}/locks`, {
  dimension: 'Period',
  element: 'FY2027-Q1',
  note: 'actuals',
});
if (lock.status !== 200) throw new Error(`lock: ${lock.status} ${lock.text}`);

// The plain user: write on the form and the cube, restricted to departments D00–D04.
const g = await w.admin.post<{ group: { id: string } }>('/t/bench/api/admin/groups', {
  name: 'planners',
  description: '',
});
await w.admin.post(`/t/bench/api/admin/groups/${g.json.group.id}/members`, { userIds: [w.userId] });
await w.admin.request('PUT', `${base}/rights/groups/${g.json.group.id}`, {
  objects: [
    { objectId: formId, access: 'write' },
    { objectId: cubeId, access: 'write' },
  ],
  elements: [0, 1, 2, 3, 4].map((d) => ({ dimensionId: dimIds[2], element: `D${pad(d)}`, access: 'write' })),
});

const tenant = await ts.server.runtime.deps.storage.control.kysely
  .selectFrom('tenants')
  .selectAll()
  .where('slug', '=', 'bench')
  .executeTakeFirstOrThrow();
const ctx: TenantContext = { tenant, db: database };
const userRow = async (plain: boolean) =>
  await database.kysely
    .selectFrom('users')
    .selectAll()
    .where('is_org_admin', '=', plain ? 0 : 1)
    .executeTakeFirstOrThrow();

function stat(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return { medianMs: Number(at(0.5).toFixed(1)), p95Ms: Number(at(0.95).toFixed(1)) };
}
async function measure(fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn(); // warm-up (first build of the cube, JIT)
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return stat(times);
}
function checkShape(f: OpenFormResponse) {
  if (f.rows.length !== 1111 || f.columns.length !== 24 || f.values.length !== 1111)
    throw new Error(`unexpected form shape ${f.rows.length} × ${f.columns.length}`);
  const inputs = f.input.flat().filter(Boolean).length;
  if (inputs !== 1111 * 21) throw new Error(`unexpected input cells ${inputs}`);
}

const results: Record<string, unknown> = {};
for (const [who, client] of [
  ['admin', w.admin],
  ['plain user (per-cell rights)', w.user],
] as const) {
  const user = await userRow(who !== 'admin');
  checkShape(await openForm(ctx, user, formId, {}));
  const inProcess = await measure(() => openForm(ctx, user, formId, {}));
  // Totals not in the engine's cache (e.g. right after a restart's first read of them).
  const uncachedTotals = await measure(async () => {
    (await cubeStore.loadCube(database, cubeId)).invalidateCache();
    return openForm(ctx, user, formId, {});
  });
  await client.primeCsrf();
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const url = `${base}/forms/${formId}/open`;
  const injected = await ts.server.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'x-csrf-token': client.csrf ?? '', 'content-type': 'application/json' },
    payload: '{}',
  });
  if (injected.statusCode !== 200) throw new Error(`inject: ${injected.statusCode} ${injected.body}`);
  checkShape(injected.json<OpenFormResponse>());
  const inject = await measure(() =>
    ts.server.app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'x-csrf-token': client.csrf ?? '', 'content-type': 'application/json' },
      payload: '{}',
    }),
  );
  const https = await measure(() => client.post(url, {}));
  results[who] = {
    openForm: inProcess,
    openFormTotalsUncached: uncachedTotals,
    inject,
    https,
    responseBytes: injected.body.length,
  };
}

// The very first open after a restart: the cube (240,000 cells) is built from the database first.
const adminUser = await userRow(false);
const coldTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  cubeStore.evict(database, cubeId);
  const t = performance.now();
  await openForm(ctx, adminUser, formId, {});
  coldTimes.push(performance.now() - t);
}
results['first open after a restart (cube loaded from the database), 5 runs'] = stat(coldTimes);
const loadTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  cubeStore.evict(database, cubeId);
  const t = performance.now();
  await cubeStore.loadCube(database, cubeId);
  loadTimes.push(performance.now() - t);
}
results['of which: building the cube from the database, 5 runs'] = stat(loadTimes);
// The same restart with YOSAN_WARM_CUBES (the default): the background warm-up loads the cubes,
// then the first open finds its cube in memory.
const warmUp: number[] = [];
const warmOpen: number[] = [];
for (let i = 0; i < 5; i++) {
  cubeStore.evict(database, cubeId);
  let t = performance.now();
  await warmCubes(deps, () => false);
  warmUp.push(performance.now() - t);
  t = performance.now();
  await openForm(ctx, adminUser, formId, {});
  warmOpen.push(performance.now() - t);
}
results['restart with the warm-up: the background warm-up itself, 5 runs'] = stat(warmUp);
results['restart with the warm-up: first open after it, 5 runs'] = stat(warmOpen);

// Baseline: the form's 24,000 leaf cells read with one prepared point SELECT each.
let baseline: ReturnType<typeof stat> | undefined;
if (!postgres) {
  const raw = new BetterSqlite3(path.join(ts.dataDir, 'tenants', `${tenant.id}.sqlite`), { readonly: true });
  const select = raw.prepare('select value from cube_cells where cube_id = ? and coord = ?');
  const coords = accountLeaves.flatMap((a) =>
    monthIds.map((m) => `${a}:${m}:${dept.id('D00')}:${scen.id('BUDGET')}:0`),
  );
  const read = () => {
    let sum = 0;
    let found = 0;
    for (const c of coords) {
      const row = select.get(cubeId, c) as { value: number } | undefined;
      if (row) {
        found++;
        sum += row.value;
      }
    }
    if (found !== coords.length) throw new Error(`baseline found ${found} of ${coords.length}`);
    return sum;
  };
  baseline = await measure(async () => read());
  raw.close();
}

const admin = results['admin'] as { openForm: ReturnType<typeof stat> };
console.log(
  JSON.stringify(
    {
      database: postgres ? 'postgresql' : 'sqlite',
      runs: RUNS,
      cubeLeafCells: leafCells,
      form: '1,111 rows (1,000 leaves + 111 totals) × 24 columns = 26,664 cells',
      results,
      ...(baseline
        ? {
            baselineRawSqlite24000LeafCells: baseline,
            ratioOpenFormToBaseline: Number((admin.openForm.medianMs / baseline.medianMs).toFixed(2)),
          }
        : {}),
      target: 'openForm under 300 ms',
    },
    null,
    2,
  ),
);
await ts.stop();

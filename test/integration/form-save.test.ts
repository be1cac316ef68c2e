import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CubeView } from '../../src/modules/model/cube-schemas.js';
import type { FormDefinition } from '../../src/modules/model/definitions.js';
import type { HistoryResponse } from '../../src/modules/entry/schemas.js';
import { entryDb } from '../../src/modules/entry/tables.js';
import type { OpenFormResponse } from '../../src/modules/model/form-schemas.js';
import { auditEntries, modelWorld, type ErrorJson, type ModelWorld } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Saving a form (issue 7) over HTTP on the configured database: the conflict check against the
 * values a grid loaded (409 with theirs and yours, nothing written), saving without `base`,
 * typing on a consolidated cell (spread over the leaves, history `spread`), refusals (rights,
 * locks) that write nothing, the rollup of the open answer and the form history.
 */
let ts: TestServer;
let w: ModelWorld;
const base = '/t/hozon/api/model';
let dims: Record<string, string> = {};
let cubeId = '';
let group = '';
let formId = '';

const definition: FormDefinition = {
  cube: 'PL',
  type: 'input',
  rows: {
    dimension: 'Department',
    members: [
      { element: 'ALL_DEPARTMENTS', select: 'self' },
      { element: 'ALL_DEPARTMENTS', select: 'children' },
    ],
  },
  columns: {
    dimension: 'Account',
    members: [
      { element: 'OPERATING_PROFIT', select: 'self' },
      { element: 'NET_SALES', select: 'self' },
      { element: 'SGA', select: 'self' },
    ],
  },
  fixed: [{ dimension: 'Scenario', element: 'BUDGET', userSelectable: false }],
  input: 'all',
  readOnly: [],
  format: { scale: 1, decimals: 0, currency: 'JPY' },
};

type Cell = {
  row: string;
  column: string;
  value: number;
  base?: number | null;
  spread?: { mode?: 'proportional' | 'equal'; hold?: { row: string; column: string }[] };
};
type Conflicts = ErrorJson & {
  error: { conflicts?: { row: string; column: string; base: number; theirs: number; yours: number }[] };
};

const open = (c = w.admin) => c.post<OpenFormResponse & ErrorJson>(`${base}/forms/${formId}/open`, {});
const save = (c: typeof w.admin, cells: Cell[], lang?: 'ja' | 'en') =>
  c.post<{ changed: number } & Conflicts>(
    `${base}/forms/${formId}/cells`,
    { cells },
    lang ? { 'accept-language': lang } : {},
  );
const history = (c = w.admin, body: object = {}) =>
  c.post<HistoryResponse & ErrorJson>(`${base}/forms/${formId}/history`, body);
/** The form's values by row code → column code. */
const valuesOf = (f: OpenFormResponse) =>
  Object.fromEntries(
    f.rows.map((r, i) => [r.code, Object.fromEntries(f.columns.map((c, j) => [c.code, f.values[i]?.[j]]))]),
  );
const cubeHistory = async () =>
  entryDb(await w.db())
    .selectFrom('cell_history as h')
    .innerJoin('cell_writes as w', 'w.seq', 'h.write_seq')
    .select(['h.coord', 'h.old_value', 'h.new_value', 'w.source', 'w.user_id'])
    .where('h.cube_id', '=', cubeId)
    .orderBy('h.write_seq')
    .orderBy('h.coord')
    .execute();

beforeAll(async () => {
  ts = await startTestServer();
  w = await modelWorld(ts, 'hozon', 'hozon2');
  const res = await w.admin.post<{ items: { object: { id: string; code: string } }[] }>(
    `${base}/standard-dimensions`,
    { fiscalYear: 2027 },
  );
  dims = Object.fromEntries(res.json.items.map((i) => [i.object.code, i.object.id]));
  const cube = await w.admin.post<CubeView>(`${base}/cubes`, {
    code: 'PL',
    nameJa: '損益計画',
    nameEn: 'P&L plan',
    dimensionIds: [dims['Account'], dims['Department'], dims['Scenario']],
  });
  cubeId = cube.json.object.id;
  await w.admin.post(`${base}/cubes/${cubeId}/cells`, {
    cells: [
      { coords: { Account: 'NET_SALES', Department: 'SALES', Scenario: 'BUDGET' }, value: 1000 },
      { coords: { Account: 'NET_SALES', Department: 'MANUFACTURING', Scenario: 'BUDGET' }, value: 300 },
      { coords: { Account: 'SGA', Department: 'ADMINISTRATION', Scenario: 'BUDGET' }, value: 200 },
    ],
  });
  const form = await w.admin.post<{ object: { id: string } }>(`${base}/forms`, {
    code: 'SAVE_PLAN',
    nameJa: '保存テスト',
    nameEn: 'Save test',
    definition,
  });
  formId = form.json.object.id;
  const g = await w.admin.post<{ group: { id: string } }>('/t/hozon/api/admin/groups', {
    name: '計画グループ',
    description: '',
  });
  group = g.json.group.id;
  await w.admin.post(`/t/hozon/api/admin/groups/${group}/members`, { userIds: [w.userId] });
  await w.admin.request('PUT', `${base}/rights/groups/${group}`, {
    objects: [
      { objectId: formId, access: 'write' },
      { objectId: cubeId, access: 'write' },
    ],
    elements: [],
  });
});
afterAll(async () => {
  await ts?.stop();
});

describe('opening', () => {
  it('gives the cube id, rollups with weights, and consolidated input cells (input: all)', async () => {
    const f = (await open()).json;
    expect(f.cubeId).toBe(cubeId);
    expect(f.rows.map((r) => [r.code, r.rollup])).toEqual([
      ['ALL_DEPARTMENTS', []],
      ['SALES', [{ index: 0, weight: 1 }]],
      ['MANUFACTURING', [{ index: 0, weight: 1 }]],
      ['ADMINISTRATION', [{ index: 0, weight: 1 }]],
    ]);
    // 営業利益 = (売上高 − 売上原価) − 販管費: through the unshown 売上総利益.
    expect(f.columns.map((c) => [c.code, c.rollup])).toEqual([
      ['OPERATING_PROFIT', []],
      ['NET_SALES', [{ index: 0, weight: 1 }]],
      ['SGA', [{ index: 0, weight: -1 }]],
    ]);
    expect(f.input.every((line) => line.every(Boolean))).toBe(true);
    expect(valuesOf(f)['ALL_DEPARTMENTS']).toEqual({ OPERATING_PROFIT: 1100, NET_SALES: 1300, SGA: 200 });
  });
});

describe('conflicts', () => {
  it('refuses a save over a cell changed since it was loaded: theirs and yours, nothing written', async () => {
    const a = (await open(w.admin)).json;
    const b = (await open(w.user)).json;
    expect(valuesOf(b)).toEqual(valuesOf(a));
    const first = await save(w.admin, [{ row: 'SALES', column: 'NET_SALES', value: 1100, base: 1000 }]);
    expect(first.status).toBe(200);
    expect(first.json.changed).toBe(1);
    const before = await cubeHistory();
    const second = await save(
      w.user,
      [
        { row: 'SALES', column: 'NET_SALES', value: 1200, base: 1000 },
        { row: 'MANUFACTURING', column: 'SGA', value: 50, base: 0 },
        { row: 'ALL_DEPARTMENTS', column: 'NET_SALES', value: 1500, base: 1300 },
      ],
      'en',
    );
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('FORM_SAVE_CONFLICT');
    expect(second.json.error.message).toContain('2 of the cells you changed');
    expect(second.json.error.conflicts).toEqual([
      { row: 'SALES', column: 'NET_SALES', base: 1000, theirs: 1100, yours: 1200 },
      { row: 'ALL_DEPARTMENTS', column: 'NET_SALES', base: 1300, theirs: 1400, yours: 1500 },
    ]);
    const ja = await save(w.user, [{ row: 'SALES', column: 'NET_SALES', value: 1200, base: 1000 }], 'ja');
    expect(ja.json.error.message).toContain('他の人によって変更されています');
    expect(ja.json.error.conflicts).toHaveLength(1);
    const now = valuesOf((await open()).json);
    expect(now['SALES']?.['NET_SALES']).toBe(1100);
    expect(now['MANUFACTURING']?.['SGA']).toBe(0);
    expect(await cubeHistory()).toEqual(before);
  });

  it('lets exactly one of two simultaneous saves from the same base through', async () => {
    const [x, y] = await Promise.all([
      save(w.admin, [{ row: 'SALES', column: 'SGA', value: 11, base: 0 }]),
      save(w.user, [{ row: 'SALES', column: 'SGA', value: 22, base: 0 }]),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const won = x.status === 200 ? 11 : 22;
    expect(valuesOf((await open()).json)['SALES']?.['SGA']).toBe(won);
    expect((y.status === 409 ? y : x).json.error.conflicts?.[0]?.theirs).toBe(won);
    await save(w.admin, [{ row: 'SALES', column: 'SGA', value: 0 }]);
  });

  it('saves with the current base, and without a base (no check)', async () => {
    const withBase = await save(w.user, [{ row: 'SALES', column: 'NET_SALES', value: 1200, base: 1100 }]);
    expect(withBase.status).toBe(200);
    const without = await save(w.user, [
      { row: 'SALES', column: 'NET_SALES', value: 1000 },
      { row: 'MANUFACTURING', column: 'SGA', value: 40, base: null },
    ]);
    expect(without.status).toBe(200);
    expect(without.json.changed).toBe(2);
    const now = valuesOf((await open()).json);
    expect(now['SALES']?.['NET_SALES']).toBe(1000);
    expect(now['MANUFACTURING']?.['SGA']).toBe(40);
    const last = (await cubeHistory()).slice(-2);
    expect(last.map((h) => [h.source, h.user_id, Number(h.old_value), Number(h.new_value)])).toEqual([
      ['grid', w.userId, 1200, 1000],
      ['grid', w.userId, 0, 40],
    ]);
    // `base: null` is no check on a non-zero cell too (it was coerced to 0: a false 409).
    const again = await save(w.user, [{ row: 'MANUFACTURING', column: 'SGA', value: 55, base: null }]);
    expect(again.status).toBe(200);
    expect(valuesOf((await open()).json)['MANUFACTURING']?.['SGA']).toBe(55);
    // Back to 40 for the tests below (they share this world).
    expect(
      (await save(w.user, [{ row: 'MANUFACTURING', column: 'SGA', value: 40, base: null }])).status,
    ).toBe(200);
  });
});

describe('spreading', () => {
  it('spreads a typed total over its leaves proportionally, with history source spread', async () => {
    const before = (await cubeHistory()).length;
    const res = await save(w.user, [
      { row: 'ALL_DEPARTMENTS', column: 'NET_SALES', value: 2600, base: 1300 },
    ]);
    expect(res.status).toBe(200);
    expect(res.json.changed).toBe(2);
    const now = valuesOf((await open()).json);
    expect(now['SALES']?.['NET_SALES']).toBe(2000);
    expect(now['MANUFACTURING']?.['NET_SALES']).toBe(600);
    expect(now['ADMINISTRATION']?.['NET_SALES']).toBe(0);
    const added = (await cubeHistory()).slice(before);
    expect(added.map((h) => [h.source, Number(h.old_value), Number(h.new_value)])).toEqual([
      ['spread', 1000, 2000],
      ['spread', 300, 600],
    ]);
    const audit = (await auditEntries(await w.db(), 'model.cube.write')).at(-1);
    expect(JSON.parse(String(audit?.summary))).toMatchObject({
      source: 'grid',
      form: 'SAVE_PLAN',
      spread: 1,
    });
  });

  it('spreads a total typed together with one of its leaves over the others only', async () => {
    const res = await save(w.user, [
      { row: 'ALL_DEPARTMENTS', column: 'SGA', value: 340, base: 240 },
      { row: 'SALES', column: 'SGA', value: 100, base: 0 },
    ]);
    expect(res.status).toBe(200);
    const now = valuesOf((await open()).json);
    // SALES held at 100; the rest 240 over MANUFACTURING (40) and ADMINISTRATION (200) in proportion.
    expect(now['SALES']?.['SGA']).toBe(100);
    expect(now['MANUFACTURING']?.['SGA']).toBeCloseTo(240 * (40 / 240), 9);
    expect(now['ADMINISTRATION']?.['SGA']).toBeCloseTo(240 * (200 / 240), 9);
    expect(now['ALL_DEPARTMENTS']?.['SGA']).toBeCloseTo(340, 9);
  });

  it('refuses a spread reaching a leaf the user may not write (element rights): 403, nothing written', async () => {
    await w.admin.request('PUT', `${base}/rights/groups/${group}`, {
      objects: [
        { objectId: formId, access: 'write' },
        { objectId: cubeId, access: 'write' },
      ],
      elements: [
        { dimensionId: dims['Department'], element: 'ALL_DEPARTMENTS', access: 'read' },
        { dimensionId: dims['Department'], element: 'SALES', access: 'write' },
      ],
    });
    try {
      const f = (await open(w.user)).json;
      expect(f.input[0]?.every((x) => !x)).toBe(true);
      expect(f.input[1]?.every(Boolean)).toBe(true);
      const before = await cubeHistory();
      const values = valuesOf(f);
      const refused = await save(w.user, [
        { row: 'SALES', column: 'NET_SALES', value: 1, base: 2000 },
        { row: 'ALL_DEPARTMENTS', column: 'NET_SALES', value: 9999, base: 2600 },
      ]);
      expect(refused.status).toBe(403);
      expect(refused.json.error.issues?.[0]?.path).toBe('/cells/1');
      expect(valuesOf((await open(w.user)).json)).toEqual(values);
      expect(await cubeHistory()).toEqual(before);
    } finally {
      await w.admin.request('PUT', `${base}/rights/groups/${group}`, {
        objects: [
          { objectId: formId, access: 'write' },
          { objectId: cubeId, access: 'write' },
        ],
        elements: [],
      });
    }
  });

  it('refuses a spread touching a locked leaf, and a locked leaf cell (nothing written)', async () => {
    const lock = await w.admin.post(`${base}/cubes/${cubeId}/locks`, {
      dimension: 'Department',
      element: 'ADMINISTRATION',
      note: '確定',
    });
    expect(lock.status).toBe(200);
    try {
      const f = (await open(w.user)).json;
      // The locked row, and the totals whose spread would reach it, are not offered.
      expect(f.input.map((line) => line.some(Boolean))).toEqual([false, true, true, false]);
      const before = await cubeHistory();
      const values = valuesOf(f);
      const total = await save(w.user, [{ row: 'ALL_DEPARTMENTS', column: 'SGA', value: 1000 }]);
      expect(total.status).toBe(409);
      expect(total.json.error.code).toBe('CELL_LOCKED');
      const leaf = await save(w.admin, [{ row: 'ADMINISTRATION', column: 'NET_SALES', value: 5 }]);
      expect(leaf.status).toBe(409);
      expect(leaf.json.error.code).toBe('CELL_LOCKED');
      expect(valuesOf((await open(w.user)).json)).toEqual(values);
      expect(await cubeHistory()).toEqual(before);
    } finally {
      await w.admin.request('DELETE', `${base}/cubes/${cubeId}/locks/Department/ADMINISTRATION`);
    }
  });
});

describe('spreading choices (issue 18)', () => {
  const netSales = async () => {
    const v = valuesOf((await open()).json);
    return ['SALES', 'MANUFACTURING', 'ADMINISTRATION'].map((d) => v[d]?.['NET_SALES']);
  };

  it('spreads a total equally when asked, zeros included, with history spread and the choice audited', async () => {
    expect(await netSales()).toEqual([2000, 600, 0]);
    const before = (await cubeHistory()).length;
    const res = await save(w.user, [
      { row: 'ALL_DEPARTMENTS', column: 'NET_SALES', value: 3000, base: 2600, spread: { mode: 'equal' } },
    ]);
    expect(res.status).toBe(200);
    expect(res.json.changed).toBe(3);
    expect(await netSales()).toEqual([1000, 1000, 1000]);
    const added = (await cubeHistory()).slice(before);
    expect(added.map((h) => [h.source, Number(h.old_value), Number(h.new_value)])).toEqual([
      ['spread', 2000, 1000],
      ['spread', 600, 1000],
      ['spread', 0, 1000],
    ]);
    const audit = (await auditEntries(await w.db(), 'model.cube.write')).at(-1);
    expect(JSON.parse(String(audit?.summary))).toMatchObject({
      source: 'grid',
      spread: 1,
      cells: [{ row: 'ALL_DEPARTMENTS', column: 'NET_SALES', value: 3000, spread: { mode: 'equal' } }],
    });
  });

  it('keeps the held cells and spreads the rest (proportional and equal)', async () => {
    const res = await save(w.user, [
      {
        row: 'ALL_DEPARTMENTS',
        column: 'NET_SALES',
        value: 4000,
        base: 3000,
        spread: { hold: [{ row: 'SALES', column: 'NET_SALES' }] },
      },
    ]);
    expect(res.status).toBe(200);
    expect(res.json.changed).toBe(2);
    expect(await netSales()).toEqual([1000, 1500, 1500]);
    const eq = await save(w.user, [
      {
        row: 'ALL_DEPARTMENTS',
        column: 'NET_SALES',
        value: 3500,
        spread: { mode: 'equal', hold: [{ row: 'MANUFACTURING', column: 'NET_SALES' }] },
      },
    ]);
    expect(eq.status).toBe(200);
    expect(await netSales()).toEqual([1000, 1500, 1000]);
  });

  it('refuses a held cell outside the total (400, ja/en) and one off the form, writing nothing', async () => {
    const before = await cubeHistory();
    const cells: Cell[] = [
      { row: 'SALES', column: 'SGA', value: 1 },
      {
        row: 'ALL_DEPARTMENTS',
        column: 'NET_SALES',
        value: 9000,
        spread: { hold: [{ row: 'SALES', column: 'SGA' }] },
      },
    ];
    const en = await save(w.user, cells, 'en');
    expect(en.status).toBe(400);
    expect(en.json.error.code).toBe('FORM_SPREAD_HOLD_OUTSIDE');
    expect(en.json.error.message).toBe(
      'The held cell SALES × SGA is not under the total ALL_DEPARTMENTS × NET_SALES you typed: only cells under a total can be held. Nothing was saved.',
    );
    expect(en.json.error.issues?.[0]?.path).toBe('/cells/1/spread/hold/0');
    const ja = await save(w.user, cells, 'ja');
    expect(ja.status).toBe(400);
    expect(ja.json.error.message).toContain('合計 ALL_DEPARTMENTS × NET_SALES の内訳ではありません');
    const off = await save(w.user, [
      { ...cells[1]!, spread: { hold: [{ row: 'NOWHERE', column: 'NET_SALES' }] } },
    ]);
    expect(off.status).toBe(400);
    expect(off.json.error.code).toBe('VALIDATION_FAILED');
    expect(off.json.error.issues?.[0]?.path).toBe('/cells/0/spread/hold/0/row');
    const mode = await save(w.user, [{ ...cells[1]!, spread: { mode: 'random' as 'equal' } }]);
    expect(mode.status).toBe(400);
    expect(await cubeHistory()).toEqual(before);
    expect(await netSales()).toEqual([1000, 1500, 1000]);
  });

  it('answers 409 FORM_SPREAD_NO_FREE_LEAF (ja/en) when every cell under the total is held', async () => {
    const before = await cubeHistory();
    const cells: Cell[] = [
      { row: 'ADMINISTRATION', column: 'NET_SALES', value: 1200 },
      {
        row: 'ALL_DEPARTMENTS',
        column: 'NET_SALES',
        value: 5000,
        spread: {
          mode: 'equal',
          hold: [
            { row: 'SALES', column: 'NET_SALES' },
            { row: 'MANUFACTURING', column: 'NET_SALES' },
          ],
        },
      },
    ];
    const en = await save(w.user, cells, 'en');
    expect(en.status).toBe(409);
    expect(en.json.error.code).toBe('FORM_SPREAD_NO_FREE_LEAF');
    expect(en.json.error.message).toBe(
      'The total ALL_DEPARTMENTS × NET_SALES cannot be spread: every cell under it is held. Release a cell, or type the sum of the cells under it. Nothing was saved.',
    );
    const ja = await save(w.user, cells, 'ja');
    expect(ja.status).toBe(409);
    expect(ja.json.error.message).toContain('内訳のセルがすべて保持されています');
    expect(await cubeHistory()).toEqual(before);
    expect(await netSales()).toEqual([1000, 1500, 1000]);
  });
});

describe('form history', () => {
  it('lists the changes of the form cells, newest first, paged, sources included', async () => {
    const all = (await cubeHistory()).length;
    const first = await history(w.user, { limit: 3 });
    expect(first.status).toBe(200);
    expect(first.json.items).toHaveLength(3);
    expect(first.json.items[0]?.coords).toMatchObject({ Scenario: 'BUDGET' });
    const sources = new Set<string>();
    let page = first.json;
    let seen = 0;
    for (;;) {
      seen += page.items.length;
      for (const i of page.items) sources.add(i.source);
      if (!page.nextCursor) break;
      page = (await history(w.user, { limit: 3, cursor: page.nextCursor })).json;
    }
    expect(seen).toBe(all);
    expect([...sources].sort()).toEqual(['grid', 'spread']);
  });

  it('leaves out cells the user may not read', async () => {
    await w.admin.request('PUT', `${base}/rights/groups/${group}`, {
      objects: [
        { objectId: formId, access: 'read' },
        { objectId: cubeId, access: 'read' },
      ],
      elements: [{ dimensionId: dims['Department'], element: 'SALES', access: 'read' }],
    });
    const res = await history(w.user, { limit: 200 });
    expect(res.json.items.length).toBeGreaterThan(0);
    expect(new Set(res.json.items.map((i) => i.coords['Department']))).toEqual(new Set(['SALES']));
  });
});

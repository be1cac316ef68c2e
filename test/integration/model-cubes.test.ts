import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CubeView, GridResponse } from '../../src/modules/model/cube-schemas.js';
import { auditEntries, modelWorld, type ErrorJson, type ModelWorld } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';

let ts: TestServer;
let w: ModelWorld;
const base = '/t/kyubu/api/model';
let dims: Record<string, string> = {};
let cubeId = '';

beforeAll(async () => {
  ts = await startTestServer();
  w = await modelWorld(ts, 'kyubu', 'hoka');
  const res = await w.admin.post<{ items: { object: { id: string; code: string } }[] }>(
    `${base}/standard-dimensions`,
    { fiscalYear: 2027 },
  );
  dims = Object.fromEntries(res.json.items.map((i) => [i.object.code, i.object.id]));
});
afterAll(async () => {
  await ts?.stop();
});

const cell = (account: string, dept: string, period: string, value: number) => ({
  coords: { Account: account, Department: dept, Period: period, Scenario: 'BUDGET' },
  value,
});
const grid = (body: unknown, c = w.admin, slug = 'kyubu') =>
  c.post<GridResponse & ErrorJson>(`/t/${slug}/api/model/cubes/${cubeId}/grid`, body);
const plGrid = {
  rows: {
    dimension: 'Account',
    elements: ['NET_SALES', 'COST_OF_SALES', 'GROSS_PROFIT', 'OPERATING_PROFIT'],
  },
  columns: { dimension: 'Period', elements: ['2027-04', 'FY2027-Q1', 'FY2027'] },
  fixed: { Department: 'ALL_DEPARTMENTS', Scenario: 'BUDGET' },
};

describe('cubes', () => {
  it('are created over chosen dimensions and listed with size and last change', async () => {
    const res = await w.admin.post<CubeView>(`${base}/cubes`, {
      code: 'PL',
      nameJa: '損益計画',
      nameEn: 'P&L plan',
      dimensionIds: [dims['Account'], dims['Department'], dims['Period'], dims['Scenario']],
    });
    expect(res.status).toBe(201);
    expect(res.json.dimensions.map((d) => d.code)).toEqual(['Account', 'Department', 'Period', 'Scenario']);
    expect(res.json.size).toBe(0);
    cubeId = res.json.object.id;
    expect((await auditEntries(await w.db(), 'model.cube.create')).length).toBe(1);
    const bad = await w.admin.post<ErrorJson>(`${base}/cubes`, {
      code: 'X',
      nameJa: 'x',
      nameEn: 'x',
      dimensionIds: ['nope'],
    });
    expect(bad.json.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ code: 'unknown_dimension' }],
    });
    const taken = await w.admin.post<ErrorJson>(`${base}/cubes`, {
      code: 'PL',
      nameJa: 'x',
      nameEn: 'x',
      dimensionIds: [dims['Account']],
    });
    expect(taken.json.error.code).toBe('MODEL_CODE_TAKEN');
  });

  it('writes leaf cells all or nothing and reads consolidated grids', async () => {
    const ok = await w.admin.post<{ changed: number }>(`${base}/cubes/${cubeId}/cells`, {
      cells: [
        cell('NET_SALES', 'SALES', '2027-04', 1000),
        cell('NET_SALES', 'SALES', '2027-05', 1200),
        cell('COST_OF_SALES', 'MANUFACTURING', '2027-04', 600),
        cell('SGA', 'ADMINISTRATION', '2027-04', 150),
      ],
    });
    expect(ok.json.changed).toBe(4);
    const g = await grid(plGrid);
    expect(g.json.values).toEqual([
      [1000, 2200, 2200],
      [600, 600, 600],
      [400, 1600, 1600],
      [250, 1450, 1450],
    ]);
    const list = await w.admin.get<{ items: CubeView[] }>(`${base}/cubes`);
    expect(list.json.items[0]).toMatchObject({ size: 4 });
    expect(list.json.items[0]!.lastChange).toMatch(/\+09:00$/);
    const [entry] = await auditEntries(await w.db(), 'model.cube.write');
    expect(JSON.parse(entry!.summary)).toMatchObject({ count: 4 });

    // A batch with one consolidated cell is refused whole.
    const refused = await w.admin.post<ErrorJson>(`${base}/cubes/${cubeId}/cells`, {
      cells: [cell('NET_SALES', 'SALES', '2027-06', 5), cell('GROSS_PROFIT', 'SALES', '2027-04', 1)],
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('CELL_NOT_LEAF');
    expect(refused.json.error.message).toContain('Account = GROSS_PROFIT');
    for (const bad of [
      { cells: [{ coords: { Account: 'NET_SALES' }, value: 1 }] },
      {
        cells: [{ coords: { ...cell('NET_SALES', 'SALES', '2027-04', 1).coords, Colour: 'RED' }, value: 1 }],
      },
      { cells: [cell('NOPE', 'SALES', '2027-04', 1)] },
      { cells: [{ ...cell('NET_SALES', 'SALES', '2027-04', 1), value: 'x' }] },
    ]) {
      const r = await w.admin.post<ErrorJson>(`${base}/cubes/${cubeId}/cells`, bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await grid(plGrid)).json.values[0]).toEqual([1000, 2200, 2200]);
    expect((await auditEntries(await w.db(), 'model.cube.write')).length).toBe(1);
    const badGrid = await grid({ ...plGrid, fixed: { Department: 'ALL_DEPARTMENTS' } });
    expect(badGrid.json.error.code).toBe('CUBE_DIMENSION_UNKNOWN');
  });

  it('keeps the cells after the cube is reloaded from the database', async () => {
    const { cubeStore } = await import('../../src/modules/model/store.js');
    cubeStore.evict(await w.database());
    expect((await grid(plGrid)).json.values[3]).toEqual([250, 1450, 1450]);
  });

  it('shows a user without rights nothing (empty list, 404) and refuses creation (403)', async () => {
    expect((await w.user.get<{ items: unknown[] }>(`${base}/cubes`)).json.items).toEqual([]);
    for (const [method, path, body] of [
      ['GET', `${base}/cubes/${cubeId}`, undefined],
      ['POST', `${base}/cubes/${cubeId}/grid`, plGrid],
      ['POST', `${base}/cubes/${cubeId}/cells`, { cells: [cell('NET_SALES', 'SALES', '2027-04', 1)] }],
    ] as const) {
      const res = await w.user.request<ErrorJson>(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.error.code).toBe('MODEL_OBJECT_NOT_FOUND');
      expect(res.text).not.toContain('1000');
    }
    const create = await w.user.post(`${base}/cubes`, {
      code: 'X',
      nameJa: 'x',
      nameEn: 'x',
      dimensionIds: [dims['Account']],
    });
    expect(create.status).toBe(403);
    const other = '/t/hoka/api/model/cubes';
    expect((await w.adminB.get<ErrorJson>(`${other}/${cubeId}`)).json.error.code).toBe(
      'MODEL_OBJECT_NOT_FOUND',
    );
    expect((await grid(plGrid, w.adminB, 'hoka')).status).toBe(404);
    const write = await w.adminB.post(`${other}/${cubeId}/cells`, {
      cells: [cell('NET_SALES', 'SALES', '2027-04', 1)],
    });
    expect(write.status).toBe(404);
    expect((await grid(plGrid)).json.values[0]).toEqual([1000, 2200, 2200]);
  });
});

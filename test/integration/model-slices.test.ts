import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CubeView, GridResponse } from '../../src/modules/model/cube-schemas.js';
import { auditEntries, modelWorld, type ErrorJson, type ModelWorld } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Issue 7's version copy and period locks on a cube, through the HTTP API on the configured
 * database: Forecast from Budget (exact copy within a filter, audited), rights per cell on copies,
 * and locks that refuse every kind of write (cells, copies) for admins too until unlocked.
 */
let ts: TestServer;
let w: ModelWorld;
const base = '/t/shime/api/model';
let dims: Record<string, string> = {};
let cubeId = '';
let group = '';

const cell = (account: string, dept: string, period: string, scenario: string, value: number) => ({
  coords: { Account: account, Department: dept, Period: period, Scenario: scenario },
  value,
});

beforeAll(async () => {
  ts = await startTestServer();
  w = await modelWorld(ts, 'shime', 'tanin');
  const res = await w.admin.post<{ items: { object: { id: string; code: string } }[] }>(
    `${base}/standard-dimensions`,
    { fiscalYear: 2027 },
  );
  dims = Object.fromEntries(res.json.items.map((i) => [i.object.code, i.object.id]));
  const cube = await w.admin.post<CubeView>(`${base}/cubes`, {
    code: 'PL',
    nameJa: '損益計画',
    nameEn: 'P&L plan',
    dimensionIds: [dims['Account'], dims['Department'], dims['Period'], dims['Scenario']],
  });
  cubeId = cube.json.object.id;
  const wr = await w.admin.post(`${base}/cubes/${cubeId}/cells`, {
    cells: [
      cell('NET_SALES', 'SALES', '2027-04', 'BUDGET', 1000),
      cell('NET_SALES', 'SALES', '2027-10', 'BUDGET', 1200),
      cell('SGA', 'ADMINISTRATION', '2027-10', 'BUDGET', 300),
      cell('NET_SALES', 'SALES', '2027-05', 'FORECAST', 77),
      cell('NET_SALES', 'SALES', '2027-11', 'FORECAST', 88),
    ],
  });
  expect(wr.status).toBe(200);
  const g = await w.admin.post<{ group: { id: string } }>('/t/shime/api/admin/groups', {
    name: '営業',
    description: '',
  });
  group = g.json.group.id;
  await w.admin.post(`/t/shime/api/admin/groups/${group}/members`, { userIds: [w.userId] });
});
afterAll(async () => {
  await ts?.stop();
});

const grid = (scenario: string, c = w.admin) =>
  c.post<GridResponse & ErrorJson>(`${base}/cubes/${cubeId}/grid`, {
    rows: { dimension: 'Period', elements: ['2027-04', '2027-05', '2027-10', '2027-11', 'FY2027'] },
    columns: { dimension: 'Account', elements: ['NET_SALES', 'SGA'] },
    fixed: { Department: 'ALL_DEPARTMENTS', Scenario: scenario },
  });

describe('copying a scenario slice', () => {
  it('makes Forecast H2 an exact copy of Budget H2 and leaves H1 alone, in one audited write', async () => {
    const r = await w.admin.post<{ changed: number }>(`${base}/cubes/${cubeId}/copy`, {
      dimension: 'Scenario',
      from: 'BUDGET',
      to: 'FORECAST',
      filter: { Period: ['FY2027-H2'] },
    });
    expect(r.status).toBe(200);
    expect(r.json.changed).toBe(3); // two copied, 2027-11 cleared (absent in the budget)
    const f = await grid('FORECAST');
    expect(f.json.values).toEqual([
      [0, 0],
      [77, 0],
      [1200, 300],
      [0, 0],
      [1277, 300],
    ]);
    const audit = await auditEntries(await w.db(), 'model.cube.copy');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.summary)).toMatchObject({ from: 'BUDGET', to: 'FORECAST', count: 3 });
  });

  it('refuses bad copies in the user language and changes nothing', async () => {
    const same = await w.admin.post<ErrorJson>(`${base}/cubes/${cubeId}/copy`, {
      dimension: 'Scenario',
      from: 'BUDGET',
      to: 'BUDGET',
    });
    expect(same.status).toBe(400);
    const total = await w.admin.post<ErrorJson>(
      `${base}/cubes/${cubeId}/copy`,
      { dimension: 'Scenario', from: 'BUDGET', to: 'VARIANCE' },
      { 'accept-language': 'ja' },
    );
    expect(total.status).toBe(400);
    expect(total.json.error.code).toBe('CELL_NOT_LEAF');
    expect(total.json.error.message).toContain('集計セル');
    const unknown = await w.admin.post<ErrorJson>(`${base}/cubes/${cubeId}/copy`, {
      dimension: 'Nope',
      from: 'BUDGET',
      to: 'ACTUAL',
    });
    expect(unknown.status).toBe(400);
    expect((await grid('ACTUAL')).json.values.flat().every((v) => v === 0)).toBe(true);
  });

  it('checks rights per cell: a user who may write only Sales cannot copy a slice that touches Administration', async () => {
    const grant = (elements: unknown[]) =>
      w.admin.request('PUT', `${base}/rights/groups/${group}`, {
        objects: [{ objectId: cubeId, access: 'write' }],
        elements,
      });
    const copy = () =>
      w.user.post<{ changed: number } & ErrorJson>(`${base}/cubes/${cubeId}/copy`, {
        dimension: 'Scenario',
        from: 'BUDGET',
        to: 'ACTUAL',
        filter: { Period: ['2027-10'] },
      });
    await grant([{ dimensionId: dims['Department'], element: 'SALES', access: 'write' }]);
    const refused = await copy();
    expect(refused.status).toBe(403);
    expect((await grid('ACTUAL')).json.values.flat().every((v) => v === 0)).toBe(true);
    // Limited to what the user may write, the copy goes through.
    const ok = await w.user.post<{ changed: number }>(`${base}/cubes/${cubeId}/copy`, {
      dimension: 'Scenario',
      from: 'BUDGET',
      to: 'ACTUAL',
      filter: { Period: ['2027-10'], Department: ['SALES'] },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.changed).toBe(1);
    // Another tenant's admin does not reach the cube.
    const other = await w.adminB.post(`/t/tanin/api/model/cubes/${cubeId}/copy`, {
      dimension: 'Scenario',
      from: 'BUDGET',
      to: 'ACTUAL',
    });
    expect(other.status).toBe(404);
  });
});

describe('locked periods', () => {
  const lock = (dimension: string, element: string) =>
    w.admin.post<{ items: { dimension: string; element: string; lockedAt: string }[] } & ErrorJson>(
      `${base}/cubes/${cubeId}/locks`,
      { dimension, element, note: '4月の実績を確定' },
    );

  it('a locked quarter refuses writes to its months for everyone, admins included, until unlocked', async () => {
    const l = await lock('Period', 'FY2027-Q1');
    expect(l.status).toBe(200);
    expect(l.json.items).toMatchObject([{ dimension: 'Period', element: 'FY2027-Q1' }]);
    expect(l.json.items[0]!.lockedAt).toMatch(/\+09:00$/);
    const before = (await grid('BUDGET')).json.values;

    const refused = await w.admin.post<ErrorJson>(
      `${base}/cubes/${cubeId}/cells`,
      {
        cells: [
          cell('NET_SALES', 'SALES', '2027-10', 'BUDGET', 5),
          cell('SGA', 'SALES', '2027-05', 'BUDGET', 9),
        ],
      },
      { 'accept-language': 'ja' },
    );
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('CELL_LOCKED');
    expect(refused.json.error.message).toContain('FY2027-Q1');
    // All or nothing: the October cell of the same batch was not written either.
    expect((await grid('BUDGET')).json.values).toEqual(before);

    const copy = await w.admin.post<ErrorJson>(`${base}/cubes/${cubeId}/copy`, {
      dimension: 'Scenario',
      from: 'BUDGET',
      to: 'FORECAST',
    });
    expect(copy.status).toBe(409);
    expect((await grid('FORECAST')).json.values[1]).toEqual([77, 0]);

    // Outside the lock, writes go on.
    const ok = await w.admin.post(`${base}/cubes/${cubeId}/cells`, {
      cells: [cell('NET_SALES', 'SALES', '2027-10', 'BUDGET', 1300)],
    });
    expect(ok.status).toBe(200);

    // Readers see the locks; only org admins set them.
    await w.admin.request('PUT', `${base}/rights/groups/${group}`, {
      objects: [{ objectId: cubeId, access: 'read' }],
      elements: [],
    });
    expect((await w.user.get<{ items: unknown[] }>(`${base}/cubes/${cubeId}/locks`)).json.items).toHaveLength(
      1,
    );
    expect(
      (await w.user.post(`${base}/cubes/${cubeId}/locks`, { dimension: 'Period', element: '2027-05' }))
        .status,
    ).toBe(403);

    const unlock = await w.admin.request<{ items: unknown[] }>(
      'DELETE',
      `${base}/cubes/${cubeId}/locks/Period/FY2027-Q1`,
    );
    expect(unlock.status).toBe(200);
    expect(unlock.json.items).toEqual([]);
    const after = await w.admin.post(`${base}/cubes/${cubeId}/cells`, {
      cells: [cell('SGA', 'SALES', '2027-05', 'BUDGET', 9)],
    });
    expect(after.status).toBe(200);

    const db = await w.db();
    expect(await auditEntries(db, 'model.cube.lock')).toHaveLength(1);
    expect(await auditEntries(db, 'model.cube.unlock')).toHaveLength(1);
  });

  it('refuses unknown dimensions and elements, and unlocking what is not locked', async () => {
    expect((await lock('Nope', 'X')).status).toBe(400);
    expect((await lock('Period', 'NOPE')).status).toBe(400);
    const none = await w.admin.request('DELETE', `${base}/cubes/${cubeId}/locks/Period/2027-04`);
    expect(none.status).toBe(404);
  });
});

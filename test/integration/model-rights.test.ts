import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CubeView, GridResponse } from '../../src/modules/model/cube-schemas.js';
import type { EffectiveRights } from '../../src/modules/model/rights-service.js';
import { auditEntries, modelWorld, type ErrorJson, type ModelWorld } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';

let ts: TestServer;
let w: ModelWorld;
const base = '/t/kenri/api/model';
let dims: Record<string, string> = {};
let cubeId = '';
let salesGroup = '';

beforeAll(async () => {
  ts = await startTestServer();
  w = await modelWorld(ts, 'kenri', 'yoso2');
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
  const g = await w.admin.post<{ group: { id: string } }>('/t/kenri/api/admin/groups', {
    name: '営業グループ',
    description: '',
  });
  salesGroup = g.json.group.id;
  await w.admin.post(`/t/kenri/api/admin/groups/${salesGroup}/members`, { userIds: [w.userId] });
});
afterAll(async () => {
  await ts?.stop();
});

const grid = {
  rows: {
    dimension: 'Department',
    elements: ['ALL_DEPARTMENTS', 'SALES', 'MANUFACTURING', 'ADMINISTRATION'],
  },
  columns: { dimension: 'Account', elements: ['NET_SALES', 'OPERATING_PROFIT'] },
  fixed: { Scenario: 'BUDGET' },
};
const readAs = (c = w.user) => c.post<GridResponse & ErrorJson>(`${base}/cubes/${cubeId}/grid`, grid);
const write = (dept: string, value: number) =>
  w.user.post<{ changed: number } & ErrorJson>(`${base}/cubes/${cubeId}/cells`, {
    cells: [{ coords: { Account: 'NET_SALES', Department: dept, Scenario: 'BUDGET' }, value }],
  });
const grant = (body: unknown) =>
  w.admin.request<{ rights: unknown } & ErrorJson>('PUT', `${base}/rights/groups/${salesGroup}`, body);

describe('access rights', () => {
  it('the Sales group writes only Department = Sales and reads nothing else; totals with hidden children are hidden', async () => {
    expect((await readAs()).status).toBe(404);
    const set = await grant({
      objects: [{ objectId: cubeId, access: 'write' }],
      elements: [{ dimensionId: dims['Department'], element: 'SALES', access: 'write' }],
    });
    expect(set.status).toBe(200);
    // Takes effect on the next request.
    const g = await readAs();
    expect(g.status).toBe(200);
    expect(g.json.values).toEqual([
      [null, null],
      [1000, 1000],
      [null, null],
      [null, null],
    ]);
    expect(g.text).not.toContain('300');
    expect(
      (await w.user.get<{ items: CubeView[] }>(`${base}/cubes`)).json.items.map((c) => c.object.code),
    ).toEqual(['PL']);
    expect((await write('SALES', 1100)).json.changed).toBe(1);
    const refused = await write('MANUFACTURING', 1);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('FORBIDDEN');
    const mixed = await w.user.post<ErrorJson>(`${base}/cubes/${cubeId}/cells`, {
      cells: [
        { coords: { Account: 'NET_SALES', Department: 'SALES', Scenario: 'BUDGET' }, value: 5 },
        { coords: { Account: 'NET_SALES', Department: 'ADMINISTRATION', Scenario: 'BUDGET' }, value: 5 },
      ],
    });
    expect(mixed.status).toBe(403);
    const admin = await readAs(w.admin);
    expect(admin.json.values[0]).toEqual([1400, 1200]);
  });

  it('read-only rights allow the grid but no writes', async () => {
    await grant({
      objects: [{ objectId: cubeId, access: 'read' }],
      elements: [{ dimensionId: dims['Department'], element: 'ALL_DEPARTMENTS', access: 'write' }],
    });
    expect((await readAs()).json.values[0]).toEqual([1400, 1200]);
    expect((await write('SALES', 1)).status).toBe(403);
  });

  it('shows an effective-rights view with the reasons, and audits every change', async () => {
    const eff = await w.admin.get<EffectiveRights>(`${base}/rights/users/${w.userId}`);
    expect(eff.json).toMatchObject({
      orgAdmin: false,
      cubes: [
        {
          code: 'PL',
          access: 'read',
          via: [
            {
              groupName: '営業グループ',
              access: 'read',
              restrictions: { Department: [{ element: 'ALL_DEPARTMENTS', access: 'write' }] },
            },
          ],
        },
      ],
    });
    const entries = await auditEntries(await w.db(), 'model.rights.update');
    expect(entries).toHaveLength(2);
    expect(JSON.parse(entries[1]!.summary)).toMatchObject({
      from: { objects: [{ access: 'write' }] },
      to: { objects: [{ access: 'read' }] },
    });
    const bad = await grant({
      objects: [{ objectId: 'nope', access: 'read' }],
      elements: [{ dimensionId: dims['Department'], element: 'NOPE', access: 'read' }],
    });
    expect(bad.json.error.issues?.map((i) => i.code)).toEqual(['unknown_object', 'unknown_element']);
    expect((await w.user.get(`${base}/rights/users/${w.userId}`)).status).toBe(403);
    expect(
      (await w.user.request('PUT', `${base}/rights/groups/${salesGroup}`, { objects: [], elements: [] }))
        .status,
    ).toBe(403);
    const other = await w.adminB.request<ErrorJson>('PUT', `/t/yoso2/api/model/rights/groups/${salesGroup}`, {
      objects: [],
      elements: [],
    });
    expect(other.json.error.code).toBe('GROUP_NOT_FOUND');
    // Removing the rights hides the cube again at once.
    await grant({ objects: [], elements: [] });
    expect((await readAs()).status).toBe(404);
  });
});

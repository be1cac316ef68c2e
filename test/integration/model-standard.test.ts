import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cube } from '../../src/engine/index.js';
import { cubeStore } from '../../src/modules/model/store.js';
import type { DimensionDetail } from '../../src/modules/model/dimension-schemas.js';
import { auditEntries, modelWorld, type ErrorJson, type ModelWorld } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';

let ts: TestServer;
let w: ModelWorld;
const base = '/t/hyoujun/api/model';
type List = { items: { object: { id: string; code: string; name: { ja: string } }; elementCount: number }[] };

beforeAll(async () => {
  ts = await startTestServer();
  w = await modelWorld(ts, 'hyoujun', 'yoso');
});
afterAll(async () => {
  await ts?.stop();
});

const detail = async (list: List, code: string) => {
  const id = list.items.find((i) => i.object.code === code)!.object.id;
  return (await w.admin.get<DimensionDetail>(`${base}/dimensions/${id}`)).json;
};

describe('standard dimensions', () => {
  it('creates Account, Department, Period (April year), Scenario and Version in one action', async () => {
    const res = await w.admin.post<List>(`${base}/standard-dimensions`, { fiscalYear: 2027 });
    expect(res.status).toBe(201);
    expect(Object.fromEntries(res.json.items.map((i) => [i.object.code, i.elementCount]))).toEqual({
      Account: 5,
      Department: 4,
      Period: 19,
      Scenario: 4,
      Version: 2,
    });
    const period = await detail(res.json, 'Period');
    expect(period.roots).toEqual(['FY2027']);
    const q1 = period.elements.find((e) => e.code === 'FY2027-Q1')!;
    expect(q1.children.map((c) => c.code)).toEqual(['2027-04', '2027-05', '2027-06']);
    const q4 = period.elements.find((e) => e.code === 'FY2027-Q4')!;
    expect(q4.children.map((c) => c.code)).toEqual(['2028-01', '2028-02', '2028-03']);
    expect(period.elements.find((e) => e.code === '2028-03')!.name).toEqual({
      ja: '2028年3月',
      en: 'Mar 2028',
    });

    // The P&L and the variance consolidate with the right signs (checked through the engine).
    const database = await w.database();
    const account = await cubeStore.loadDimension(
      database,
      res.json.items.find((i) => i.object.code === 'Account')!.object.id,
    );
    const scenario = await cubeStore.loadDimension(
      database,
      res.json.items.find((i) => i.object.code === 'Scenario')!.object.id,
    );
    const cube = new Cube('check', [account, scenario]);
    cube.setCells([
      { coords: ['NET_SALES', 'ACTUAL'], value: 1000 },
      { coords: ['COST_OF_SALES', 'ACTUAL'], value: 600 },
      { coords: ['SGA', 'ACTUAL'], value: 250 },
      { coords: ['NET_SALES', 'BUDGET'], value: 900 },
    ]);
    expect(cube.read(['GROSS_PROFIT', 'ACTUAL'])).toBe(400);
    expect(cube.read(['OPERATING_PROFIT', 'ACTUAL'])).toBe(150);
    expect(cube.read(['NET_SALES', 'VARIANCE'])).toBe(100);
    expect(cube.read(['OPERATING_PROFIT', 'VARIANCE'])).toBe(-750);
    const account2 = await detail(res.json, 'Account');
    expect(account2.elements.find((e) => e.code === 'SGA')!.name.ja).toBe('販売費及び一般管理費');

    const [entry] = await auditEntries(await w.db(), 'model.standard_dimensions.create');
    expect(JSON.parse(entry!.summary)).toMatchObject({ fiscalYear: 2027, firstMonth: 4 });
    expect(await auditEntries(await w.db(), 'model.dimension.create')).toHaveLength(5);
  });

  it('refuses a second run (codes taken) without creating anything', async () => {
    const again = await w.admin.post<ErrorJson>(`${base}/standard-dimensions`, { fiscalYear: 2028 });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('MODEL_CODE_TAKEN');
    expect((await w.admin.get<List>(`${base}/dimensions`)).json.items).toHaveLength(5);
  });

  it('follows a configurable first month, validates input and is for org admins only', async () => {
    const res = await w.adminB.post<List>('/t/yoso/api/model/standard-dimensions', {
      fiscalYear: 2026,
      firstMonth: 1,
    });
    expect(res.status).toBe(201);
    const own = await w.adminB.get<DimensionDetail>(
      `/t/yoso/api/model/dimensions/${res.json.items.find((i) => i.object.code === 'Period')!.object.id}`,
    );
    // Tenant a's admin session opens nothing of tenant b.
    expect((await w.admin.get(`/t/yoso/api/model/dimensions/${own.json.object.id}`)).status).toBe(401);
    const q1 = own.json.elements.find((e) => e.code === 'FY2026-Q1')!;
    expect(q1.children.map((c) => c.code)).toEqual(['2026-01', '2026-02', '2026-03']);
    for (const bad of [{ fiscalYear: 2027, firstMonth: 13 }, { fiscalYear: 'x' }, {}]) {
      const r = await w.adminB.post<ErrorJson>('/t/yoso/api/model/standard-dimensions', bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await w.user.post(`${base}/standard-dimensions`, { fiscalYear: 2027 })).status).toBe(403);
  });
});

import type { CubeView } from '../../src/modules/model/cube-schemas.js';
import { modelWorld, type ModelWorld } from './model.js';
import type { TestServer } from './server.js';

export interface EntryWorld extends ModelWorld {
  base: string;
  cubeId: string;
  dims: Record<string, string>;
  /** A group with the plain user in it (no rights yet). */
  groupId: string;
  grant(body: unknown): Promise<void>;
}

/** Two tenants, the standard dimensions (FY2027) and a cube PL over Account × Department × Period × Scenario. */
export async function entryWorld(ts: TestServer, a: string, b: string): Promise<EntryWorld> {
  const w = await modelWorld(ts, a, b);
  const base = `/t/${a}/api/model`;
  const res = await w.admin.post<{ items: { object: { id: string; code: string } }[] }>(
    `${base}/standard-dimensions`,
    { fiscalYear: 2027 },
  );
  const dims = Object.fromEntries(res.json.items.map((i) => [i.object.code, i.object.id]));
  const cube = await w.admin.post<CubeView>(`${base}/cubes`, {
    code: 'PL',
    nameJa: '損益計画',
    nameEn: 'P&L plan',
    dimensionIds: [dims['Account'], dims['Department'], dims['Period'], dims['Scenario']],
  });
  const g = await w.admin.post<{ group: { id: string } }>(`/t/${a}/api/admin/groups`, {
    name: '営業グループ',
    description: '',
  });
  const groupId = g.json.group.id;
  await w.admin.post(`/t/${a}/api/admin/groups/${groupId}/members`, { userIds: [w.userId] });
  const grant = async (body: unknown) => {
    const r = await w.admin.request('PUT', `${base}/rights/groups/${groupId}`, body);
    if (r.status !== 200) throw new Error(`grant failed ${r.status} ${r.text}`);
  };
  return { ...w, base, cubeId: cube.json.object.id, dims, groupId, grant };
}

/** A cell address of the PL cube. */
export const at = (account: string, dept: string, period = '2027-04', scenario = 'BUDGET') => ({
  Account: account,
  Department: dept,
  Period: period,
  Scenario: scenario,
});

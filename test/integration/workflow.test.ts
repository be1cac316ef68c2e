import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CubeView, GridResponse } from '../../src/modules/model/cube-schemas.js';
import type { WorkflowView } from '../../src/modules/workflow/schemas.js';
import type { HttpsClient } from '../support/https-client.js';
import { auditEntries, modelWorld, type ErrorJson, type ModelWorld } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { acceptAndSignIn, mailTo, registerUser } from '../support/tenant-admin.js';

/**
 * Issue 7's approval workflow through the HTTP API on the configured database: a planner submits
 * the Sales department, the approver returns it with a comment, the planner fixes and resubmits,
 * the approver approves and the cells lock; the approver reopens. Mails in the recipient's
 * language; every transition in the history and the operation log; rights per unit; other tenants
 * see nothing.
 */
let ts: TestServer;
let w: ModelWorld;
let approver: HttpsClient;
const slug = 'wflow';
const base = `/t/${slug}/api/model`;
let cubeId = '';
let portalId = '';
let planners = '';
let approvers = '';
let wfUrl = '';

type WF = { workflow: WorkflowView | null } & ErrorJson;
const cell = (dept: string, value: number) => ({
  coords: { Account: 'NET_SALES', Department: dept, Scenario: 'BUDGET' },
  value,
});

beforeAll(async () => {
  ts = await startTestServer();
  w = await modelWorld(ts, slug, 'wflow-b');
  await registerUser(w.admin, slug, `approver@${slug}.example`, { locale: 'ja' });
  approver = await acceptAndSignIn(ts, slug, `approver@${slug}.example`);
  const res = await w.admin.post<{ items: { object: { id: string; code: string } }[] }>(
    `${base}/standard-dimensions`,
    { fiscalYear: 2027 },
  );
  const dims = Object.fromEntries(res.json.items.map((i) => [i.object.code, i.object.id]));
  const cube = await w.admin.post<CubeView>(`${base}/cubes`, {
    code: 'PL',
    nameJa: '損益計画',
    nameEn: 'P&L plan',
    dimensionIds: [dims['Account'], dims['Department'], dims['Scenario']],
  });
  cubeId = cube.json.object.id;
  const portal = await w.admin.post<{ object: { id: string } }>(`${base}/objects`, {
    kind: 'portal',
    code: 'FY2027',
    nameJa: '2027年度予算編成',
    nameEn: 'FY2027 budget',
  });
  portalId = portal.json.object.id;
  wfUrl = `/t/${slug}/api/workflow/portals/${portalId}`;
  const group = async (name: string, userId: string) => {
    const g = await w.admin.post<{ group: { id: string } }>(`/t/${slug}/api/admin/groups`, {
      name,
      description: '',
    });
    await w.admin.post(`/t/${slug}/api/admin/groups/${g.json.group.id}/members`, { userIds: [userId] });
    return g.json.group.id;
  };
  planners = await group('営業計画担当', w.userId);
  const approverId = (
    await w.admin.get<{ items: { id: string; email: string }[] }>(`/t/${slug}/api/admin/users?q=approver`)
  ).json.items[0]!.id;
  approvers = await group('営業承認者', approverId);
  await w.admin.request('PUT', `${base}/rights/groups/${planners}`, {
    objects: [
      { objectId: cubeId, access: 'write' },
      { objectId: portalId, access: 'read' },
    ],
    elements: [{ dimensionId: dims['Department'], element: 'SALES', access: 'write' }],
  });
  await w.admin.request('PUT', `${base}/rights/groups/${approvers}`, {
    objects: [{ objectId: cubeId, access: 'read' }],
    elements: [],
  });
});
afterAll(async () => {
  await ts?.stop();
});

const act = (c: HttpsClient, element: string, action: string, comment?: string) =>
  c.post<WF>(`${wfUrl}/units/${element}/${action}`, comment === undefined ? {} : { comment });
const unit = (v: WF, element: string) => v.workflow!.units.find((u) => u.element === element)!;
const write = (c: HttpsClient, value: number) =>
  c.post<ErrorJson>(`${base}/cubes/${cubeId}/cells`, { cells: [cell('SALES', value)] });

describe('approval workflow', () => {
  it('is set up by an org admin with validation in the user language', async () => {
    expect((await w.user.get<WF>(wfUrl)).json.workflow).toBeNull();
    const bad = await w.admin.request<ErrorJson>(
      'PUT',
      wfUrl,
      {
        cubeId,
        dimension: 'Department',
        slice: { Scenario: ['NOPE'] },
        units: [{ element: 'SALESX', approverGroupId: null }],
      },
      { 'accept-language': 'ja' },
    );
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues?.map((i) => i.path)).toEqual(['/units/0/element', '/slice/Scenario/0']);
    expect((await w.admin.get<WF>(wfUrl)).json.workflow).toBeNull();
    expect((await w.user.request('PUT', wfUrl, {})).status).toBe(403);

    const ok = await w.admin.request<WF>('PUT', wfUrl, {
      cubeId,
      dimension: 'Department',
      slice: { Scenario: ['BUDGET'] },
      units: [
        { element: 'SALES', approverGroupId: approvers },
        { element: 'MANUFACTURING', approverGroupId: approvers },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.json.workflow!.units.map((u) => [u.element, u.state])).toEqual([
      ['SALES', 'draft'],
      ['MANUFACTURING', 'draft'],
    ]);
  });

  it('runs draft → submitted → returned → resubmitted → approved, locking the cells, with mails and history', async () => {
    const seen = await w.user.get<WF>(wfUrl);
    expect(unit(seen.json, 'SALES').actions).toEqual(['submit']);
    expect(unit(seen.json, 'MANUFACTURING').actions).toEqual([]); // no write right there
    expect((await act(w.user, 'MANUFACTURING', 'submit')).status).toBe(403);
    expect((await write(w.user, 1000)).status).toBe(200);

    const submitted = await act(w.user, 'SALES', 'submit');
    expect(submitted.status).toBe(200);
    expect(unit(submitted.json, 'SALES').state).toBe('submitted');
    const mail = await mailTo(ts, `approver@${slug}.example`, '2027年度予算編成');
    expect(mail.subject).toContain('営業部');
    // Submitted: read-only to the planner and to the org admin; other departments stay open.
    const refused = await write(w.user, 1100);
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('WORKFLOW_CLOSED');
    expect((await write(w.admin, 1100)).status).toBe(409);
    expect(
      (await w.admin.post(`${base}/cubes/${cubeId}/cells`, { cells: [cell('MANUFACTURING', 5)] })).status,
    ).toBe(200);
    // Outside the workflow's slice (Forecast), Sales stays writable.
    expect(
      (
        await w.user.post(`${base}/cubes/${cubeId}/cells`, {
          cells: [{ coords: { Account: 'NET_SALES', Department: 'SALES', Scenario: 'FORECAST' }, value: 9 }],
        })
      ).status,
    ).toBe(200);
    // The planner cannot approve; returning needs a comment.
    expect((await act(w.user, 'SALES', 'approve')).status).toBe(403);
    expect((await act(approver, 'SALES', 'return')).status).toBe(400);

    const returned = await act(approver, 'SALES', 'return', '販管費の内訳を確認してください');
    expect(unit(returned.json, 'SALES')).toMatchObject({
      state: 'draft',
      comment: '販管費の内訳を確認してください',
    });
    const back = await mailTo(ts, `plain@${slug}.example`, 'returned');
    expect(back.text).toContain('販管費の内訳を確認してください');
    expect((await write(w.user, 1200)).status).toBe(200);
    expect((await act(w.user, 'SALES', 'submit', '修正しました')).status).toBe(200);
    // Approving twice: the second is refused as a stale step.
    expect((await act(approver, 'SALES', 'approve')).status).toBe(200);
    const again = await act(approver, 'SALES', 'approve');
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('WORKFLOW_TRANSITION_INVALID');
    await mailTo(ts, `plain@${slug}.example`, 'approved');
    expect((await write(w.user, 1)).status).toBe(409);

    const g = await w.admin.post<GridResponse>(`${base}/cubes/${cubeId}/grid`, {
      rows: { dimension: 'Department', elements: ['SALES'] },
      columns: { dimension: 'Account', elements: ['NET_SALES'] },
      fixed: { Scenario: 'BUDGET' },
    });
    expect(g.json.values).toEqual([[1200]]);

    const events = await w.user.get<{ items: { action: string; by: string; at: string }[] }>(
      `${wfUrl}/events?element=SALES`,
    );
    expect(events.json.items.map((e) => e.action)).toEqual(['approve', 'submit', 'return', 'submit']);
    expect(events.json.items[0]!.at).toMatch(/\+09:00$/);
    const db = await w.db();
    expect((await auditEntries(db, 'workflow.submit')).length).toBe(2);
    expect((await auditEntries(db, 'workflow.return')).length).toBe(1);
    expect((await auditEntries(db, 'workflow.approve')).length).toBe(1);
  });

  it('lets the approver reopen an approved unit', async () => {
    expect(unit((await approver.get<WF>(wfUrl)).json, 'SALES').actions).toEqual(['reopen']);
    expect((await act(w.user, 'SALES', 'reopen')).status).toBe(403);
    const r = await act(approver, 'SALES', 'reopen', '見込の反映のため');
    expect(unit(r.json, 'SALES').state).toBe('draft');
    expect((await write(w.user, 1300)).status).toBe(200);
  });

  it('hides the workflow from users without a right on the portal and from other tenants', async () => {
    await w.admin.request('PUT', `${base}/rights/groups/${planners}`, {
      objects: [{ objectId: cubeId, access: 'write' }],
      elements: [],
    });
    expect((await w.user.get(wfUrl)).status).toBe(404);
    expect((await w.user.post(`${wfUrl}/units/SALES/submit`, {})).status).toBe(404);
    expect((await w.adminB.get(`/t/wflow-b/api/workflow/portals/${portalId}`)).status).toBe(404);
    expect((await w.adminB.get(wfUrl)).status).toBe(401);
  });
});

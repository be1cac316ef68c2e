import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CubeView } from '../../src/modules/model/cube-schemas.js';
import type { FormDefinition } from '../../src/modules/model/definitions.js';
import type { FormListItem, FormView, OpenFormResponse } from '../../src/modules/model/form-schemas.js';
import { modelDb } from '../../src/modules/model/tables.js';
import { codecs } from '../../src/modules/model/codecs.js';
import type { EffectiveRights } from '../../src/modules/model/rights-service.js';
import { formCodec } from '../../src/modules/model/form-codec.js';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit-log.js';
import { inTransaction } from '../../src/platform/db/unit-of-work.js';
import type { TenantContext } from '../../src/platform/server/context.js';
import { auditEntries, modelWorld, type ErrorJson, type ModelWorld } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Forms (issue 6) over HTTP on the configured database: definition storage and validation,
 * opening (rows with depth, masked values, input cells), saving through the cube service,
 * rights on the form and on cells, tenant isolation and audit entries.
 */
let ts: TestServer;
let w: ModelWorld;
const base = '/t/fomu/api/model';
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
      { element: 'NET_SALES', select: 'self' },
      { element: 'SGA', select: 'self' },
      { element: 'OPERATING_PROFIT', select: 'self' },
    ],
  },
  fixed: [
    {
      dimension: 'Scenario',
      element: 'BUDGET',
      userSelectable: true,
      choices: [
        { element: 'BUDGET', select: 'self' },
        { element: 'FORECAST', select: 'self' },
      ],
    },
  ],
  input: 'leaves',
  readOnly: ['SGA'],
  format: { scale: 1000, decimals: 0, currency: 'JPY' },
};

beforeAll(async () => {
  ts = await startTestServer();
  w = await modelWorld(ts, 'fomu', 'fomu2');
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
  const g = await w.admin.post<{ group: { id: string } }>('/t/fomu/api/admin/groups', {
    name: '営業グループ',
    description: '',
  });
  group = g.json.group.id;
  await w.admin.post(`/t/fomu/api/admin/groups/${group}/members`, { userIds: [w.userId] });
});
afterAll(async () => {
  await ts?.stop();
});

const open = (c = w.admin, choices: Record<string, string> = {}) =>
  c.post<OpenFormResponse & ErrorJson>(`${base}/forms/${formId}/open`, { choices });
const save = (c: typeof w.admin, cells: { row: string; column: string; value: number }[], choices = {}) =>
  c.post<{ changed: number } & ErrorJson>(`${base}/forms/${formId}/cells`, { choices, cells });
const grant = (body: unknown) => w.admin.request<ErrorJson>('PUT', `${base}/rights/groups/${group}`, body);
const countForms = async () =>
  (
    await modelDb(await w.db())
      .selectFrom('model_objects')
      .select('id')
      .where('kind', '=', 'form')
      .execute()
  ).length;

describe('form definitions', () => {
  it('refuses a definition that does not fit the cube, in ja and en, storing nothing', async () => {
    const bad = {
      code: 'BAD',
      nameJa: '不正',
      nameEn: 'Bad',
      definition: {
        ...definition,
        rows: {
          dimension: 'Department',
          members: [
            { element: 'SALES', select: 'self' },
            { element: 'ALL_DEPARTMENTS', select: 'children' },
            { element: 'NOPE', select: 'self' },
          ],
        },
        fixed: [],
      },
    };
    const en = await w.admin.post<ErrorJson>(`${base}/forms`, bad);
    expect(en.status).toBe(400);
    expect(en.json.error.code).toBe('VALIDATION_FAILED');
    expect(en.json.error.issues).toEqual([
      {
        path: '/definition/rows/members/2/element',
        code: 'form_unknown_element',
        message: 'The dimension Department has no element NOPE.',
      },
      {
        path: '/definition/fixed',
        code: 'form_dimension_missing',
        message: 'The dimension Scenario of the cube must be on rows, on columns or fixed.',
      },
    ]);
    const ja = await w.admin.post<ErrorJson>(`${base}/forms`, bad, { 'accept-language': 'ja' });
    expect(ja.json.error.issues?.[0]?.message).toBe('ディメンション Department に要素 NOPE はありません。');
    const noCube = await w.admin.post<ErrorJson>(`${base}/forms`, {
      ...bad,
      definition: { ...definition, cube: 'NOPE' },
    });
    expect(noCube.json.error.issues?.map((i) => i.path)).toEqual(['/definition/cube']);
    expect(await countForms()).toBe(0);
    expect(await auditEntries(await w.db(), 'model.form.create')).toHaveLength(0);
  });

  it('creates a form (catalogue row + definition + audit entry) only for org admins', async () => {
    const body = {
      code: 'SALES_PLAN',
      nameJa: '売上計画',
      nameEn: 'Sales plan',
      category: '計画',
      definition,
    };
    expect((await w.user.post(`${base}/forms`, body)).status).toBe(403);
    const res = await w.admin.post<FormView>(`${base}/forms`, body);
    expect(res.status).toBe(201);
    formId = res.json.object.id;
    expect(res.json).toMatchObject({
      object: { kind: 'form', code: 'SALES_PLAN' },
      definition,
      canWrite: true,
    });
    const entries = await auditEntries(await w.db(), 'model.form.create');
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.summary)).toMatchObject({ code: 'SALES_PLAN', cube: 'PL', type: 'input' });
    const list = await w.admin.get<{ items: FormListItem[] }>(`${base}/forms`);
    expect(list.json.items.map((i) => [i.object.code, i.cube, i.type])).toEqual([
      ['SALES_PLAN', 'PL', 'input'],
    ]);
    expect((await w.admin.post<ErrorJson>(`${base}/forms`, body)).json.error.code).toBe('MODEL_CODE_TAKEN');
  });

  it('updates the definition with an audited list of changes; a bad update changes nothing', async () => {
    const bad = await w.admin.request<ErrorJson>('PUT', `${base}/forms/${formId}`, {
      definition: {
        ...definition,
        columns: { dimension: 'Scenario', members: [{ element: 'BUDGET', select: 'self' }] },
      },
    });
    expect(bad.status).toBe(400);
    const next = { ...definition, format: { scale: 1 as const, decimals: 0, currency: 'JPY' as const } };
    const ok = await w.admin.request<FormView>('PUT', `${base}/forms/${formId}`, { definition: next });
    expect(ok.status).toBe(200);
    expect(ok.json.definition?.format?.scale).toBe(1);
    const entries = await auditEntries(await w.db(), 'model.form.update');
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.summary)).toEqual({
      changes: ['format: scale 1000, 0 decimals → scale 1, 0 decimals'],
    });
    expect((await w.user.request('PUT', `${base}/forms/${formId}`, { definition: next })).status).toBe(403);
  });
});

describe('opening and saving', () => {
  it('opens with indented rows, totals, input cells and fixed choices', async () => {
    const res = await open();
    expect(res.status).toBe(200);
    expect(res.json.rows.map((r) => [r.code, r.depth, r.leaf, r.name.ja])).toEqual([
      ['ALL_DEPARTMENTS', 0, false, '全社'],
      ['SALES', 1, true, '営業部'],
      ['MANUFACTURING', 1, true, '製造部'],
      ['ADMINISTRATION', 1, true, '管理部'],
    ]);
    expect(res.json.columns.map((c) => c.code)).toEqual(['NET_SALES', 'SGA', 'OPERATING_PROFIT']);
    expect(res.json.values).toEqual([
      [1300, 200, 1100],
      [1000, 0, 1000],
      [300, 0, 300],
      [0, 200, -200],
    ]);
    expect(res.json.input).toEqual([
      [false, false, false],
      [true, false, false],
      [true, false, false],
      [true, false, false],
    ]);
    expect(res.json.fixed).toEqual([
      {
        dimension: 'Scenario',
        element: 'BUDGET',
        name: { ja: '予算', en: 'Budget' },
        choices: [
          { code: 'BUDGET', name: { ja: '予算', en: 'Budget' } },
          { code: 'FORECAST', name: { ja: '見込', en: 'Forecast' } },
        ],
      },
    ]);
    expect((await open(w.admin, { Scenario: 'FORECAST' })).json.values[0]).toEqual([0, 0, 0]);
    const refused = await open(w.admin, { Scenario: 'ACTUAL' });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('FORM_CHOICE_INVALID');
    expect(refused.json.error.message).toBe(
      '"ACTUAL" cannot be chosen for Scenario in this form. Nothing was changed.',
    );
  });

  it('saves input cells through the cube (audited) and refuses non-input cells, writing nothing', async () => {
    const ok = await save(w.admin, [
      { row: 'SALES', column: 'NET_SALES', value: 1500 },
      { row: 'ADMINISTRATION', column: 'NET_SALES', value: 50 },
    ]);
    expect(ok.status).toBe(200);
    expect(ok.json.changed).toBe(2);
    expect((await open()).json.values[0]).toEqual([1850, 200, 1650]);
    const writes = await auditEntries(await w.db(), 'model.cube.write');
    expect(JSON.parse(writes.at(-1)!.summary)).toMatchObject({ count: 2 });

    const total = await save(w.admin, [
      { row: 'SALES', column: 'NET_SALES', value: 1 },
      { row: 'ALL_DEPARTMENTS', column: 'NET_SALES', value: 9 },
    ]);
    expect(total.status).toBe(403);
    expect(total.json.error.code).toBe('FORM_CELL_NOT_INPUT');
    expect(total.json.error.issues?.[0]?.path).toBe('/cells/1');
    const readOnly = await save(w.admin, [{ row: 'SALES', column: 'SGA', value: 9 }]);
    expect(readOnly.status).toBe(403);
    const offAxis = await save(w.admin, [{ row: 'SALES', column: 'COST_OF_SALES', value: 9 }]);
    expect(offAxis.status).toBe(400);
    expect(offAxis.json.error.issues?.[0]).toMatchObject({
      path: '/cells/0/column',
      code: 'form_not_on_axis',
    });
    expect((await open()).json.values[0]).toEqual([1850, 200, 1650]);
    expect(await auditEntries(await w.db(), 'model.cube.write')).toHaveLength(writes.length);
  });
});

describe('locked slices', () => {
  it('shows locked cells as not enterable; a save there is refused by the lock, nothing written', async () => {
    const lock = await w.admin.post<ErrorJson>(`${base}/cubes/${cubeId}/locks`, {
      dimension: 'Scenario',
      element: 'FORECAST',
      note: '見込確定',
    });
    expect(lock.status).toBe(200);
    expect((await open(w.admin, { Scenario: 'FORECAST' })).json.input.flat().some(Boolean)).toBe(false);
    expect((await open()).json.input[1]?.[0]).toBe(true);
    const refused = await save(w.admin, [{ row: 'SALES', column: 'NET_SALES', value: 5 }], {
      Scenario: 'FORECAST',
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('CELL_LOCKED');
    expect((await open(w.admin, { Scenario: 'FORECAST' })).json.values[1]?.[0]).toBe(0);
    await w.admin.request('DELETE', `${base}/cubes/${cubeId}/locks/Scenario/FORECAST`);
    expect((await open(w.admin, { Scenario: 'FORECAST' })).json.input[1]?.[0]).toBe(true);
  });
});

describe('rights', () => {
  it('hides a form the user has no right on (404), even with cube rights', async () => {
    await grant({ objects: [{ objectId: cubeId, access: 'write' }], elements: [] });
    expect((await w.user.get<{ items: FormListItem[] }>(`${base}/forms`)).json.items).toEqual([]);
    expect((await w.user.get<ErrorJson>(`${base}/forms/${formId}`)).json.error.code).toBe(
      'MODEL_OBJECT_NOT_FOUND',
    );
    expect((await open(w.user)).status).toBe(404);
    expect((await save(w.user, [{ row: 'SALES', column: 'NET_SALES', value: 1 }])).status).toBe(404);
  });

  it('masks hidden cells (and totals over hidden children) for a form reader; writes refused', async () => {
    const set = await grant({
      objects: [
        { objectId: formId, access: 'read' },
        { objectId: cubeId, access: 'write' },
      ],
      elements: [{ dimensionId: dims['Department'], element: 'SALES', access: 'write' }],
    });
    expect(set.status).toBe(200);
    const list = await w.user.get<{ items: FormListItem[] }>(`${base}/forms`);
    expect(list.json.items.map((i) => i.object.code)).toEqual(['SALES_PLAN']);
    expect((await w.user.get<FormView>(`${base}/forms/${formId}`)).json.canWrite).toBe(false);
    const res = await open(w.user);
    // Only the Sales row: rows whose cells are all hidden (全社 with hidden children, the other
    // departments) are left out, names included.
    expect(res.json.rows.map((r) => r.code)).toEqual(['SALES']);
    expect(res.json.values).toEqual([[1500, 0, 1500]]);
    expect(res.text).not.toContain('1850');
    expect(res.text).not.toContain('製造部');
    expect(res.json.input.flat().some(Boolean)).toBe(false);
    const refused = await save(w.user, [{ row: 'SALES', column: 'NET_SALES', value: 7 }]);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('FORM_CELL_NOT_INPUT');
    expect((await open()).json.values[1]?.[0]).toBe(1500);
  });

  it('lets a form writer save only the cells the cube rights allow', async () => {
    await grant({
      objects: [
        { objectId: formId, access: 'write' },
        { objectId: cubeId, access: 'write' },
      ],
      elements: [{ dimensionId: dims['Department'], element: 'SALES', access: 'write' }],
    });
    expect((await open(w.user)).json.input.map((r) => r[0])).toEqual([true]);
    const ok = await save(w.user, [{ row: 'SALES', column: 'NET_SALES', value: 1600 }]);
    expect(ok.json.changed).toBe(1);
    const mixed = await save(w.user, [
      { row: 'SALES', column: 'NET_SALES', value: 1 },
      { row: 'MANUFACTURING', column: 'NET_SALES', value: 1 },
    ]);
    expect(mixed.status).toBe(403);
    expect((await open()).json.values.map((r) => r[0])).toEqual([1950, 1600, 300, 50]);
  });

  it('is invisible from another tenant', async () => {
    expect((await w.adminB.get<ErrorJson>(`/t/fomu2/api/model/forms/${formId}`)).status).toBe(404);
    expect((await w.adminB.post(`/t/fomu2/api/model/forms/${formId}/open`, {})).status).toBe(404);
    expect(
      (
        await w.adminB.post(`/t/fomu2/api/model/forms/${formId}/cells`, {
          cells: [{ row: 'SALES', column: 'NET_SALES', value: 1 }],
        })
      ).status,
    ).toBe(404);
    expect((await w.adminB.request('DELETE', `/t/fomu2/api/model/forms/${formId}`)).status).toBe(404);
    expect((await w.adminB.get<{ items: unknown[] }>('/t/fomu2/api/model/forms')).json.items).toEqual([]);
  });
});

describe('package codec and rights on other objects', () => {
  it("exports, diffs and applies a definition in the caller's transaction (rolled back on a bad one)", async () => {
    const database = await w.database();
    const db = modelDb(database.kysely);
    const deps = { clock: () => new Date() };
    const ctx = { tenant: {} as TenantContext['tenant'], db: database };
    expect(codecs.map((c) => c.kind)).toContain('form');
    const exported = await formCodec.export(db, formId, false);
    expect(exported.cube).toBe('PL');
    expect(formCodec.dependsOn(exported)).toEqual([
      { kind: 'cube', code: 'PL' },
      { kind: 'dimension', code: 'Department' },
      { kind: 'dimension', code: 'Account' },
      { kind: 'dimension', code: 'Scenario' },
    ]);
    const next: FormDefinition = { ...exported, readOnly: [] };
    expect(await formCodec.diff(db, formId, exported)).toEqual([]);
    expect(await formCodec.diff(db, formId, next)).toEqual(['read-only: SGA → —']);
    const bad: FormDefinition = {
      ...exported,
      rows: { dimension: 'Department', members: [{ element: 'X', select: 'self' }] },
    };
    await expect(
      inTransaction(database, (tx) =>
        formCodec.apply(modelDb(tx.db), deps, ctx, formId, bad, 'update', SYSTEM_ACTOR),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await formCodec.export(db, formId, false)).rows.members[0]?.element).toBe('ALL_DEPARTMENTS');
    await inTransaction(database, (tx) =>
      formCodec.apply(modelDb(tx.db), deps, ctx, formId, next, 'update', SYSTEM_ACTOR),
    );
    expect((await formCodec.export(db, formId, false)).readOnly).toEqual([]);
    await inTransaction(database, (tx) =>
      formCodec.apply(modelDb(tx.db), deps, ctx, formId, exported, 'update', SYSTEM_ACTOR),
    );
  });

  it('the rights API grants groups read/write on forms and portals', async () => {
    const portal = await w.admin.post<{ object: { id: string } }>(`${base}/objects`, {
      kind: 'portal',
      code: 'PLANNING_2027',
      nameJa: '2027年度計画',
      nameEn: 'Plan 2027',
    });
    const body = {
      objects: [
        { objectId: formId, access: 'write' },
        { objectId: cubeId, access: 'write' },
        { objectId: portal.json.object.id, access: 'read' },
      ],
      elements: [{ dimensionId: dims['Department'], element: 'SALES', access: 'write' }],
    };
    expect((await grant(body)).status).toBe(200);
    const read = await w.admin.get<{ rights: { objects: { objectId: string; access: string }[] } }>(
      `${base}/rights/groups/${group}`,
    );
    expect(read.json.rights.objects).toHaveLength(3);
    expect(read.json.rights.objects).toContainEqual({ objectId: portal.json.object.id, access: 'read' });
    const eff = await w.admin.get<EffectiveRights>(`${base}/rights/users/${w.userId}`);
    expect(eff.json.objects).toEqual([
      {
        objectId: formId,
        kind: 'form',
        code: 'SALES_PLAN',
        name: { ja: '売上計画', en: 'Sales plan' },
        access: 'write',
        via: [{ groupId: group, groupName: '営業グループ', access: 'write' }],
      },
      expect.objectContaining({ kind: 'portal', code: 'PLANNING_2027', access: 'read' }),
    ]);
  });
});

describe('report forms, catalogue-only forms and deletion', () => {
  it('a report form has no input cells', async () => {
    const res = await w.admin.post<FormView>(`${base}/forms`, {
      code: 'PL_REPORT',
      nameJa: '損益レポート',
      nameEn: 'P&L report',
      definition: { ...definition, type: 'report', readOnly: [] },
    });
    const id = res.json.object.id;
    const opened = await w.admin.post<OpenFormResponse>(`${base}/forms/${id}/open`, {});
    expect(opened.json.input.flat().some(Boolean)).toBe(false);
    const refused = await w.admin.post<ErrorJson>(`${base}/forms/${id}/cells`, {
      cells: [{ row: 'SALES', column: 'NET_SALES', value: 1 }],
    });
    expect(refused.status).toBe(403);
  });

  it('a catalogue-only form opens as not defined until an admin defines it', async () => {
    const made = await w.admin.post<{ object: { id: string } }>(`${base}/objects`, {
      kind: 'form',
      code: 'EMPTY',
      nameJa: '空',
      nameEn: 'Empty',
    });
    const id = made.json.object.id;
    expect((await w.admin.get<FormView>(`${base}/forms/${id}`)).json.definition).toBeNull();
    expect((await w.admin.post<ErrorJson>(`${base}/forms/${id}/open`, {})).json.error.code).toBe(
      'FORM_NOT_DEFINED',
    );
    expect((await w.admin.request('PUT', `${base}/forms/${id}`, { definition })).status).toBe(200);
    expect((await w.admin.post(`${base}/forms/${id}/open`, {})).status).toBe(200);
  });

  it('deletes a form (admins only), with its rights, audited', async () => {
    expect((await w.user.request('DELETE', `${base}/forms/${formId}`)).status).toBe(403);
    expect((await w.admin.request('DELETE', `${base}/forms/${formId}`)).status).toBe(204);
    expect((await w.admin.get(`${base}/forms/${formId}`)).status).toBe(404);
    const db = await w.db();
    expect(
      await modelDb(db)
        .selectFrom('model_rights')
        .select('group_id')
        .where('object_id', '=', formId)
        .execute(),
    ).toEqual([]);
    const entries = await auditEntries(db, 'model.form.delete');
    expect(JSON.parse(entries[0]!.summary)).toMatchObject({ code: 'SALES_PLAN', cube: 'PL' });
  });
});

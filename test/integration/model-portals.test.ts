import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalDefinitionResponse, PortalPage } from '../../src/modules/model/portal-schemas.js';
import type { EffectiveObjects, ObjectRights } from '../../src/modules/model/rights-objects.js';
import { codecs } from '../../src/modules/model/codecs.js';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit-log.js';
import { portalCodec } from '../../src/modules/model/portal-codec.js';
import { modelDb } from '../../src/modules/model/tables.js';
import type { TenantContext } from '../../src/platform/server/context.js';
import { auditEntries, modelWorld, type ErrorJson, type ModelWorld } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { acceptAndSignIn, registerUser } from '../support/tenant-admin.js';
import type { HttpsClient } from '../support/https-client.js';

let ts: TestServer;
let w: ModelWorld;
let outsider: HttpsClient;
const base = '/t/potaru/api/model';
const forms: Record<string, string> = {};
let group = '';
let otherGroup = '';

const form = async (code: string, ja: string, en: string) => {
  const r = await w.admin.post<{ object: { id: string } }>(`${base}/objects`, {
    kind: 'form',
    code,
    nameJa: ja,
    nameEn: en,
  });
  forms[code] = r.json.object.id;
};

beforeAll(async () => {
  ts = await startTestServer();
  w = await modelWorld(ts, 'potaru', 'potaru2');
  await form('SALES_IN', '売上入力', 'Sales input');
  await form('COST_IN', '費用入力', 'Cost input');
  const g = await w.admin.post<{ group: { id: string } }>('/t/potaru/api/admin/groups', {
    name: '営業部',
    description: '',
  });
  group = g.json.group.id;
  await w.admin.post(`/t/potaru/api/admin/groups/${group}/members`, { userIds: [w.userId] });
  const g2 = await w.admin.post<{ group: { id: string } }>('/t/potaru/api/admin/groups', {
    name: '経理部',
    description: '',
  });
  otherGroup = g2.json.group.id;
  const outsiderId = await registerUser(w.admin, 'potaru', 'outsider@potaru.example');
  await w.admin.post(`/t/potaru/api/admin/groups/${otherGroup}/members`, { userIds: [outsiderId] });
  outsider = await acceptAndSignIn(ts, 'potaru', 'outsider@potaru.example');
});
afterAll(async () => {
  await ts?.stop();
});

let portalId = '';
const setRights = (objectId: string, groups: { groupId: string; access: 'read' | 'write' }[]) =>
  w.admin.request<ObjectRights & ErrorJson>('PUT', `${base}/rights/objects/${objectId}`, { groups });

describe('portals', () => {
  it('creates a portal with tiles (catalogue row + definition, audited)', async () => {
    const res = await w.admin.post<PortalPage & ErrorJson>(`${base}/portals`, {
      code: 'BUDGET_2027',
      nameJa: '2027年度予算',
      nameEn: 'Budget FY2027',
      category: '予算編成',
      tiles: [
        { form: 'SALES_IN', note: { ja: '11月末まで', en: 'By end of November' } },
        { form: 'COST_IN', title: { ja: '費用', en: 'Costs' } },
      ],
    });
    expect(res.status).toBe(201);
    portalId = res.json.portal.id;
    expect(res.json.canEdit).toBe(true);
    expect(res.json.announcements).toEqual([]);
    expect(res.json.portal).toMatchObject({ kind: 'portal', code: 'BUDGET_2027', category: '予算編成' });
    expect(res.json.tiles).toEqual([
      {
        formId: forms['SALES_IN'],
        code: 'SALES_IN',
        name: { ja: '売上入力', en: 'Sales input' },
        note: { ja: '11月末まで', en: 'By end of November' },
        status: null,
      },
      {
        formId: forms['COST_IN'],
        code: 'COST_IN',
        name: { ja: '費用入力', en: 'Cost input' },
        title: { ja: '費用', en: 'Costs' },
        status: null,
      },
    ]);
    const created = await auditEntries(await w.db(), 'model.portal.create');
    expect(created).toHaveLength(1);
    expect(created[0]!.target_id).toBe(portalId);
    const cat = await w.admin.get<{ items: { code: string }[] }>(`${base}/objects?kind=portal`);
    expect(cat.json.items.map((i) => i.code)).toEqual(['BUDGET_2027']);
  });

  it('refuses unknown form codes in ja and en with paths, storing nothing', async () => {
    const body = {
      code: 'BAD',
      nameJa: '不正',
      nameEn: 'Bad',
      tiles: [{ form: 'SALES_IN' }, { form: 'NOPE' }],
    };
    const en = await w.admin.post<ErrorJson>(`${base}/portals`, body);
    expect(en.status).toBe(400);
    expect(en.json.error.code).toBe('VALIDATION_FAILED');
    expect(en.json.error.issues).toEqual([
      { path: '/tiles/1/form', code: 'unknown_form', message: 'No form has the code NOPE.' },
    ]);
    const ja = await w.admin.post<ErrorJson>(`${base}/portals`, body, { 'x-yosan-lang': 'ja' });
    expect(ja.json.error.issues?.[0]?.message).toBe('コード NOPE のフォームはありません。');
    const db = await w.db();
    expect(
      await modelDb(db).selectFrom('model_objects').select('id').where('code', '=', 'BAD').execute(),
    ).toEqual([]);
    expect(await auditEntries(db, 'model.portal.create')).toHaveLength(1);
    const upd = await w.admin.request<ErrorJson>('PUT', `${base}/portals/${portalId}`, {
      tiles: [{ form: 'GONE' }],
    });
    expect(upd.json.error.issues?.[0]).toMatchObject({ path: '/tiles/0/form', code: 'unknown_form' });
    const def = await w.admin.get<PortalDefinitionResponse>(`${base}/portals/${portalId}/definition`);
    expect(def.json.definition.tiles.map((t) => t.form)).toEqual(['SALES_IN', 'COST_IN']);
    // A taken code is refused too.
    const twin = await w.admin.post<ErrorJson>(`${base}/portals`, {
      code: 'BUDGET_2027',
      nameJa: 'x',
      nameEn: 'x',
    });
    expect(twin.json.error.code).toBe('MODEL_CODE_TAKEN');
  });

  it('adds, edits and removes announcements (newest first, JST times, audited)', async () => {
    const add = (ja: string, en: string) =>
      w.admin.post<PortalDefinitionResponse & ErrorJson>(`${base}/portals/${portalId}/announcements`, {
        title: { ja, en },
        body: { ja: `${ja}の本文`, en: `${en} body` },
      });
    expect((await add('開始', 'Started')).status).toBe(201);
    await new Promise((r) => setTimeout(r, 5));
    const second = await add('締切延長', 'Deadline extended');
    const ids = second.json.definition.announcements.map((a) => a.id);
    expect(ids).toHaveLength(2);
    const page = await w.admin.get<PortalPage>(`${base}/portals/${portalId}`);
    expect(page.json.announcements.map((a) => a.title.en)).toEqual(['Deadline extended', 'Started']);
    expect(page.json.announcements[0]!.at).toMatch(/\+09:00$/);
    const edited = await w.admin.request<PortalDefinitionResponse>(
      'PUT',
      `${base}/portals/${portalId}/announcements/${ids[1]}`,
      { title: { ja: '締切延長（12/5）', en: 'Deadline extended (Dec 5)' }, body: { ja: '', en: '' } },
    );
    expect(edited.json.definition.announcements[1]!.title.en).toBe('Deadline extended (Dec 5)');
    const empty = await w.admin.post<ErrorJson>(`${base}/portals/${portalId}/announcements`, {
      title: { ja: ' ', en: 'x' },
      body: { ja: '', en: '' },
    });
    expect(empty.json.error.issues?.[0]).toMatchObject({ path: '/title/ja', code: 'required' });
    const removed = await w.admin.request<PortalDefinitionResponse>(
      'DELETE',
      `${base}/portals/${portalId}/announcements/${ids[0]}`,
    );
    expect(removed.json.definition.announcements.map((a) => a.title.en)).toEqual([
      'Deadline extended (Dec 5)',
    ]);
    const missing = await w.admin.request<ErrorJson>(
      'DELETE',
      `${base}/portals/${portalId}/announcements/${ids[0]}`,
    );
    expect(missing.json.error.code).toBe('ANNOUNCEMENT_NOT_FOUND');
    const db = await w.db();
    expect(await auditEntries(db, 'model.portal.announcement.add')).toHaveLength(2);
    expect(await auditEntries(db, 'model.portal.announcement.edit')).toHaveLength(1);
    expect(await auditEntries(db, 'model.portal.announcement.remove')).toHaveLength(1);
  });

  it('shows a portal only to groups with a right on it, and only tiles whose form they may read', async () => {
    expect((await w.user.get(`${base}/portals/${portalId}`)).status).toBe(404);
    expect((await w.user.get<{ items: unknown[] }>(`${base}/portals`)).json.items).toEqual([]);
    expect((await setRights(portalId, [{ groupId: group, access: 'read' }])).status).toBe(200);
    // Next request: visible, but no tile yet (no right on either form).
    const page = await w.user.get<PortalPage>(`${base}/portals/${portalId}`);
    expect(page.status).toBe(200);
    expect(page.json.tiles).toEqual([]);
    expect(page.json.canEdit).toBe(false);
    expect(page.json.announcements).toHaveLength(1);
    await setRights(forms['SALES_IN']!, [{ groupId: group, access: 'write' }]);
    const again = await w.user.get<PortalPage>(`${base}/portals/${portalId}`);
    expect(again.json.tiles.map((t) => t.code)).toEqual(['SALES_IN']);
    const list = await w.user.get<{ items: { portal: { code: string }; tileCount: number }[] }>(
      `${base}/portals`,
    );
    expect(list.json.items.map((i) => i.portal.code)).toEqual(['BUDGET_2027']);
    // The outsider's group has no right: 404, and an empty list.
    expect((await outsider.get<ErrorJson>(`${base}/portals/${portalId}`)).json.error.code).toBe(
      'MODEL_OBJECT_NOT_FOUND',
    );
    expect((await outsider.get<{ items: unknown[] }>(`${base}/portals`)).json.items).toEqual([]);
    // Members cannot build portals.
    expect((await w.user.post(`${base}/portals`, { code: 'X', nameJa: 'x', nameEn: 'x' })).status).toBe(403);
    expect((await w.user.post(`${base}/portals/${portalId}/announcements`, {})).status).toBe(403);
    expect((await w.user.request('DELETE', `${base}/portals/${portalId}`)).status).toBe(403);
  });

  it('answers another tenant with 404', async () => {
    for (const r of [
      await w.adminB.get<ErrorJson>(`/t/potaru2/api/model/portals/${portalId}`),
      await w.adminB.get<ErrorJson>(`/t/potaru2/api/model/portals/${portalId}/definition`),
      await w.adminB.request<ErrorJson>('PUT', `/t/potaru2/api/model/portals/${portalId}`, { tiles: [] }),
      await w.adminB.request<ErrorJson>('DELETE', `/t/potaru2/api/model/portals/${portalId}`),
      await w.adminB.get<ErrorJson>(`/t/potaru2/api/model/rights/objects/${portalId}`),
    ]) {
      expect(r.status).toBe(404);
      expect(r.json.error.code).toBe('MODEL_OBJECT_NOT_FOUND');
    }
    expect((await w.adminB.get<{ items: unknown[] }>('/t/potaru2/api/model/portals')).json.items).toEqual([]);
    // Another tenant's session does not open this tenant's API at all.
    expect((await w.adminB.get(`${base}/portals/${portalId}`)).status).toBe(401);
  });

  it('sets object rights per object (audited) and explains a user’s effective rights', async () => {
    const bad = await setRights(portalId, [{ groupId: 'nope', access: 'read' }]);
    expect(bad.json.error.issues?.[0]).toMatchObject({ path: '/groups/0/groupId', code: 'unknown_group_id' });
    const cur = await w.admin.get<ObjectRights>(`${base}/rights/objects/${portalId}`);
    expect(cur.json.groups).toEqual([{ groupId: group, groupName: '営業部', access: 'read' }]);
    // The per-group API sees the same rows.
    const viaGroup = await w.admin.get<{ rights: { objects: { objectId: string }[] } }>(
      `${base}/rights/groups/${group}`,
    );
    expect(viaGroup.json.rights.objects.map((o) => o.objectId).sort()).toEqual(
      [portalId, forms['SALES_IN']].sort(),
    );
    const eff = await w.admin.get<EffectiveObjects>(`${base}/rights/users/${w.userId}/objects`);
    expect(eff.json.objects.find((o) => o.code === 'BUDGET_2027')).toMatchObject({
      kind: 'portal',
      access: 'read',
      via: [{ groupName: '営業部', access: 'read' }],
    });
    expect(eff.json.objects.find((o) => o.code === 'COST_IN')).toMatchObject({ access: 'none', via: [] });
    const entries = await auditEntries(await w.db(), 'model.rights.object');
    expect(entries).toHaveLength(2);
    expect(JSON.parse(entries[0]!.summary)).toMatchObject({
      from: [],
      to: [{ group: '営業部', access: 'read' }],
    });
    expect((await w.user.get(`${base}/rights/objects/${portalId}`)).status).toBe(403);
  });

  it('updates tiles and deletes a portal with its rights (audited)', async () => {
    const upd = await w.admin.request<PortalDefinitionResponse>('PUT', `${base}/portals/${portalId}`, {
      tiles: [{ form: 'COST_IN' }],
    });
    expect(upd.json.definition.tiles).toEqual([{ form: 'COST_IN' }]);
    const entries = await auditEntries(await w.db(), 'model.portal.update');
    expect(JSON.parse(entries.at(-1)!.summary)).toEqual({
      tiles: { from: ['SALES_IN', 'COST_IN'], to: ['COST_IN'] },
    });
    // The package codec: export by code, dependencies, differences, and apply (all or nothing).
    const db = modelDb(await w.db());
    const exported = await portalCodec.export(db, portalId, false);
    expect(exported.tiles).toEqual([{ form: 'COST_IN' }]);
    expect(portalCodec.dependsOn({ ...exported, tiles: [{ form: 'A' }, { form: 'A' }] })).toEqual([
      { kind: 'form', code: 'A' },
    ]);
    expect(await portalCodec.diff(db, portalId, exported)).toEqual([]);
    const next = { ...exported, tiles: [{ form: 'SALES_IN' }] };
    expect(await portalCodec.diff(db, portalId, next)).toEqual(['tiles: COST_IN → SALES_IN']);
    const deps = { clock: () => new Date() };
    const actor = SYSTEM_ACTOR;
    const ctx = {} as TenantContext;
    await expect(
      db
        .transaction()
        .execute((trx) =>
          portalCodec.apply(
            trx,
            deps,
            ctx,
            portalId,
            { ...next, tiles: [{ form: 'NOPE' }] },
            'update',
            actor,
          ),
        ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await db
      .transaction()
      .execute((trx) => portalCodec.apply(trx, deps, ctx, portalId, next, 'update', actor));
    expect((await portalCodec.export(db, portalId, false)).tiles).toEqual([{ form: 'SALES_IN' }]);
    expect(codecs.map((c) => c.kind)).toContain('portal');
    expect((await w.admin.request('DELETE', `${base}/portals/${portalId}`)).status).toBe(204);
    expect((await w.admin.get(`${base}/portals/${portalId}`)).status).toBe(404);
    const tdb = await w.db();
    expect(
      await modelDb(tdb)
        .selectFrom('model_rights')
        .select('group_id')
        .where('object_id', '=', portalId)
        .execute(),
    ).toEqual([]);
    expect(await auditEntries(tdb, 'model.portal.delete')).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit-log.js';
import { inTransaction } from '../../src/platform/db/unit-of-work.js';
import { upsertDistributed, type DistributedObject } from '../../src/modules/model/catalogue.js';
import type { ModelObjectView } from '../../src/modules/model/schemas.js';
import { auditEntries, modelWorld, type ErrorJson, type ModelWorld } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';

let ts: TestServer;
let w: ModelWorld;
const api = (slug = 'katarogu') => `/t/${slug}/api/model/objects`;

beforeAll(async () => {
  ts = await startTestServer();
  w = await modelWorld(ts, 'katarogu', 'betsusha');
});
afterAll(async () => {
  await ts?.stop();
});

type One = { object: ModelObjectView };
type List = { items: ModelObjectView[]; categories: string[] };

describe('model catalogue', () => {
  it('creates form and portal entries with ja/en names, category, description, origin and owner', async () => {
    const res = await w.admin.post<One>(api(), {
      kind: 'form',
      code: 'PL_INPUT',
      nameJa: '損益入力',
      nameEn: 'P&L input',
      category: '予算',
      description: '部門別の損益入力',
    });
    expect(res.status).toBe(201);
    expect(res.json.object).toMatchObject({
      kind: 'form',
      code: 'PL_INPUT',
      name: { ja: '損益入力', en: 'P&L input' },
      category: '予算',
      origin: 'tenant',
      overridden: false,
      owner: { name: 'admin' },
    });
    expect(res.json.object.createdAt).toMatch(/\+09:00$/);
    const portal = await w.admin.post<One>(api(), {
      kind: 'portal',
      code: 'FY2027',
      nameJa: '2027年度予算',
      nameEn: 'FY2027 budget',
    });
    expect(portal.json.object.category).toBe('');
    const list = await w.admin.get<List>(`${api()}?kind=form`);
    expect(list.json.items.map((o) => o.code)).toEqual(['PL_INPUT']);
    expect(list.json.categories).toEqual(['予算']);
    const search = await w.admin.get<List>(`${api()}?q=${encodeURIComponent('年度')}`);
    expect(search.json.items.map((o) => o.code)).toEqual(['FY2027']);
    const audit = await auditEntries(await w.db(), 'model.form.create');
    expect(audit.at(-1)).toMatchObject({ target_id: res.json.object.id, result: 'success' });
  });

  it('refuses a taken code, bad codes, empty names and dimension/cube kinds with ja/en messages', async () => {
    const body = { kind: 'form', code: 'PL_INPUT', nameJa: 'x', nameEn: 'x' };
    const taken = await w.admin.post<ErrorJson>(api(), body);
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('MODEL_CODE_TAKEN');
    expect(taken.json.error.message).toContain('PL_INPUT');
    w.admin.lang = 'ja';
    const ja = await w.admin.post<ErrorJson>(api(), body);
    expect(ja.json.error.message).toContain('すでに使われています');
    w.admin.lang = 'en';
    for (const bad of [
      { ...body, code: 'has space' },
      { ...body, code: 'NEW', nameJa: '' },
      { ...body, code: 'NEW', nameJa: '   ' },
      { ...body, kind: 'dimension', code: 'NEW' },
      { ...body, code: 'NEW', extra: 1 },
    ]) {
      const res = await w.admin.post<ErrorJson>(api(), bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await w.admin.get<List>(`${api()}?q=NEW`)).json.items).toEqual([]);
  });

  it('lets org admins rename and re-categorise; the override is stored apart and audited', async () => {
    const id = (await w.admin.get<List>(`${api()}?kind=form`)).json.items[0]!.id;
    const res = await w.admin.request<One>('PATCH', `${api()}/${id}`, {
      nameJa: '損益計画入力',
      category: '中期計画',
    });
    expect(res.status).toBe(200);
    expect(res.json.object).toMatchObject({
      name: { ja: '損益計画入力', en: 'P&L input' },
      distributedName: { ja: '損益入力', en: 'P&L input' },
      category: '中期計画',
      overridden: true,
    });
    const [entry] = await auditEntries(await w.db(), 'model.form.update');
    expect(JSON.parse(entry!.summary)).toMatchObject({
      from: { nameJa: '損益入力', category: '予算' },
      to: { nameJa: '損益計画入力', category: '中期計画' },
    });
    const unknownOwner = await w.admin.request<ErrorJson>('PATCH', `${api()}/${id}`, { ownerId: 'nobody' });
    expect(unknownOwner.json.error.code).toBe('MODEL_OWNER_UNKNOWN');
    const owner = await w.admin.request<One>('PATCH', `${api()}/${id}`, { ownerId: w.userId });
    expect(owner.json.object.owner?.id).toBe(w.userId);
  });

  it('keeps the tenant names of provider objects when the package is updated', async () => {
    const deps = ts.server.runtime.deps;
    const database = await w.database();
    const obj: DistributedObject = {
      id: 'pkgportal000000000000000000000001',
      kind: 'portal',
      code: 'DEMO_PORTAL',
      nameJa: '予算ポータル',
      nameEn: 'Budget portal',
      category: 'デモ',
      description: 'v1',
    };
    const dist = (o: DistributedObject) =>
      inTransaction(database, (tx) => upsertDistributed(tx, deps, [o], SYSTEM_ACTOR));
    await dist(obj);
    const first = await w.admin.get<One>(`${api()}/${obj.id}`);
    expect(first.json.object).toMatchObject({
      origin: 'provider',
      owner: null,
      name: { ja: '予算ポータル' },
    });
    await w.admin.request('PATCH', `${api()}/${obj.id}`, { nameJa: '当社の予算ポータル', category: '社内' });
    await dist({ ...obj, nameJa: '予算ポータル（改訂）', nameEn: 'Budget portal v2', description: 'v2' });
    const after = await w.admin.get<One>(`${api()}/${obj.id}`);
    expect(after.json.object).toMatchObject({
      name: { ja: '当社の予算ポータル', en: 'Budget portal v2' },
      distributedName: { ja: '予算ポータル（改訂）', en: 'Budget portal v2' },
      category: '社内',
      description: 'v2',
    });
    // Setting a name back to the distributed one clears that override.
    const back = await w.admin.request<One>('PATCH', `${api()}/${obj.id}`, {
      nameJa: '予算ポータル（改訂）',
      category: 'デモ',
    });
    expect(back.json.object.overridden).toBe(false);
  });

  it('answers 401 without a session, 403 to a plain user, and 404 across tenants', async () => {
    const id = (await w.admin.get<List>(`${api()}?kind=form`)).json.items[0]!.id;
    const anon = ts.client();
    await anon.primeCsrf();
    expect((await anon.get(api())).status).toBe(401);
    for (const [method, path, body] of [
      ['GET', api(), undefined],
      ['GET', `${api()}/${id}`, undefined],
      ['POST', api(), { kind: 'form', code: 'X', nameJa: 'x', nameEn: 'x' }],
      ['PATCH', `${api()}/${id}`, { nameJa: '乗っ取り' }],
    ] as const) {
      const res = await w.user.request<ErrorJson>(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.text).not.toContain('損益');
    }
    const cross = await w.adminB.get<ErrorJson>(`${api('betsusha')}/${id}`);
    expect(cross.status).toBe(404);
    expect(cross.json.error.code).toBe('MODEL_OBJECT_NOT_FOUND');
    const crossPatch = await w.adminB.request<ErrorJson>('PATCH', `${api('betsusha')}/${id}`, {
      nameJa: 'x',
    });
    expect(crossPatch.status).toBe(404);
    expect((await w.adminB.get(`${api('katarogu')}/${id}`)).status).toBe(401);
    expect((await w.adminB.get<List>(api('betsusha'))).json.items).toEqual([]);
  });
});

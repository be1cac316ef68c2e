import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOperator } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { postBytes, registerUser, tenantWithAdmin } from '../support/tenant-admin.js';

interface ErrorJson {
  error: { code: string; message: string; issues?: { path: string; code: string }[] };
}
interface GroupJson {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  createdAt: string;
}
interface Detail {
  group: GroupJson;
  members: { id: string; email: string; groups: { name: string }[] }[];
}

let ts: TestServer;
let admin: HttpsClient;
const slug = 'guruupu';
const api = `/t/${slug}/api/admin/groups`;
let users: string[] = [];

beforeAll(async () => {
  ts = await startTestServer();
  const op = await setUpOperator(ts);
  admin = await tenantWithAdmin(ts, op, slug);
  users = [];
  for (const e of ['a@example.jp', 'b@example.jp', 'c@example.jp'])
    users.push(await registerUser(admin, slug, e));
});
afterAll(async () => {
  await ts?.stop();
});

describe('groups', () => {
  it('are created, renamed, described, given and relieved of members, and deleted', async () => {
    const created = await admin.post<{ group: GroupJson }>(api, {
      name: '経理部',
      description: '経理と財務',
    });
    expect(created.status).toBe(201);
    expect(created.json.group).toMatchObject({ name: '経理部', description: '経理と財務', memberCount: 0 });
    expect(created.json.group.createdAt).toMatch(/\+09:00$/);
    const id = created.json.group.id;
    const added = await admin.post<Detail>(`${api}/${id}/members`, { userIds: users });
    expect(added.json.group.memberCount).toBe(3);
    expect(added.json.members[0]?.groups.map((g) => g.name)).toEqual(['経理部']);
    const removed = await admin.post<Detail>(`${api}/${id}/members/remove`, {
      userIds: [users[0], users[1]],
    });
    expect(removed.json.members.map((m) => m.email)).toEqual(['c@example.jp']);
    const unknown = await admin.post<ErrorJson>(`${api}/${id}/members`, { userIds: ['nobody'] });
    expect(unknown.json.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ code: 'unknown_user' }],
    });
    const renamed = await admin.request<{ group: GroupJson }>('PATCH', `${api}/${id}`, {
      name: '財務経理部',
      description: '新しい説明',
    });
    expect(renamed.json.group).toMatchObject({
      name: '財務経理部',
      description: '新しい説明',
      memberCount: 1,
    });
    const user = await admin.get<{ user: { groups: { name: string }[] } }>(
      `/t/${slug}/api/admin/users/${users[2]}`,
    );
    expect(user.json.user.groups.map((g) => g.name)).toEqual(['財務経理部']);
    expect((await admin.get<{ items: GroupJson[] }>(`${api}?q=財務`)).json.items).toHaveLength(1);
    expect((await admin.delete(`${api}/${id}`)).status).toBe(204);
    expect((await admin.get<ErrorJson>(`${api}/${id}`)).json.error.code).toBe('GROUP_NOT_FOUND');
  });

  it('have unique names regardless of case and width', async () => {
    expect((await admin.post(api, { name: 'Sales', description: '' })).status).toBe(201);
    for (const name of ['sales', ' SALES ', 'Ｓａｌｅｓ']) {
      const res = await admin.post<ErrorJson>(api, { name, description: '' });
      expect(res.status, name).toBe(409);
      expect(res.json.error.code).toBe('GROUP_NAME_TAKEN');
    }
    const other = await admin.post<{ group: GroupJson }>(api, { name: 'Marketing', description: '' });
    const clash = await admin.request<ErrorJson>('PATCH', `${api}/${other.json.group.id}`, { name: 'SALES' });
    expect(clash.json.error.code).toBe('GROUP_NAME_TAKEN');
    expect((await admin.post<ErrorJson>(api, { name: 'x'.repeat(101), description: '' })).status).toBe(400);
  });

  it('are created in bulk from CSV, all or nothing', async () => {
    const template = await admin.get(`${api}/import/template?lang=ja`);
    expect(template.text).toContain('グループ名,説明,メンバー');
    const good = Buffer.from(
      'グループ名,説明,メンバー\n営業部,営業,a@example.jp;b@example.jp\n人事部,,\n',
      'utf8',
    );
    const dry = await postBytes<{ summary: unknown }>(ts, admin, `${api}/import/dry-run`, good);
    expect(dry.json.summary).toEqual({ total: 2, new: 2, unchanged: 0, error: 0 });
    const bad = Buffer.from('name,description,members\n新部,,nobody@example.jp\nsales,,\n新部,,\n', 'utf8');
    const refused = await postBytes<ErrorJson>(ts, admin, `${api}/import`, bad);
    expect(refused.status).toBe(400);
    expect(refused.json.error.issues?.map((i) => i.code)).toEqual([
      'unknown_user',
      'already_registered',
      'duplicate_in_file',
    ]);
    expect((await admin.get<{ items: GroupJson[] }>(`${api}?q=新部`)).json.items).toEqual([]);
    const res = await postBytes<{ created: number }>(ts, admin, `${api}/import`, good);
    expect(res.json.created).toBe(2);
    const list = await admin.get<{ items: GroupJson[] }>(api);
    expect(list.json.items.find((g) => g.name === '営業部')?.memberCount).toBe(2);
    const again = await postBytes<{ summary: unknown }>(ts, admin, `${api}/import/dry-run`, good);
    expect(again.json.summary).toEqual({ total: 2, new: 0, unchanged: 2, error: 0 });
  });
});

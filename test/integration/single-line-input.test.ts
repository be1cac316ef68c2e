import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages, setUpOperator } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { postBytes, tenantWithAdmin } from '../support/tenant-admin.js';

interface ErrorJson {
  error: { code: string; issues?: { path: string; code: string; message: string }[] };
}

let ts: TestServer;
let admin: HttpsClient;
const slug = 'ichigyo';
const api = `/t/${slug}/api/admin`;

beforeAll(async () => {
  ts = await startTestServer();
  const op = await setUpOperator(ts);
  admin = await tenantWithAdmin(ts, op, slug);
});
afterAll(async () => {
  await ts?.stop();
});

const BAD = {
  crlf: 'Taro\r\nBcc: victim@example.com\r\n\r\nInjected',
  tab: '経理\t部',
  nul: 'abc\u0000def',
  del: 'abc\u007f',
  c1: 'abc\u0085def',
  rlo: 'invoice\u202egpj.exe',
  isolate: 'abc\u2066def',
  lineSeparator: 'abc\u2028def',
};

describe('single-line fields refuse control characters and bidi overrides (issue 21 point 4)', () => {
  it('refuses them in user and group names with a clear ja/en message, and changes nothing', async () => {
    const groupsBefore = (await admin.get<{ items: unknown[] }>(`${api}/groups`)).json;
    const mailsBefore = outboxMessages(ts).length;
    for (const [what, text] of Object.entries(BAD)) {
      const group = await admin.post<ErrorJson>(
        `${api}/groups`,
        { name: text, description: '' },
        { 'accept-language': 'ja' },
      );
      expect(group.status, what).toBe(400);
      expect(group.json.error.issues?.[0]).toMatchObject({ path: '/name', code: 'single_line_not_blank' });
      expect(group.json.error.issues?.[0]?.message).toContain('改行');
      const user = await admin.post<ErrorJson>(`${api}/users`, {
        email: `u-${what.toLowerCase()}@example.jp`,
        displayName: text,
        locale: 'ja',
        groupIds: [],
        isOrgAdmin: false,
      });
      expect(user.status, what).toBe(400);
      expect(user.json.error.issues?.map((i) => i.path)).toEqual(['/displayName']);
    }
    const en = await admin.post<ErrorJson>(
      `${api}/groups`,
      { name: BAD.crlf, description: '' },
      { 'accept-language': 'en' },
    );
    expect(en.json.error.issues?.[0]?.message).toContain('line breaks');
    const blank = await admin.post<ErrorJson>(`${api}/groups`, { name: '   ', description: '' });
    expect(blank.status).toBe(400);
    expect((await admin.get<{ items: unknown[] }>(`${api}/groups`)).json).toEqual(groupsBefore);
    expect(outboxMessages(ts).length).toBe(mailsBefore);
    // Ordinary Japanese names with spaces (also full-width) still pass.
    const fine = await admin.post(`${api}/groups`, { name: '経理部　第一課', description: '' });
    expect(fine.status).toBe(201);
  });

  it('refuses them per row in a CSV import, which then imports nothing', async () => {
    const csv =
      'メールアドレス,氏名,言語,グループ,組織管理者\r\n' +
      'ok.user@example.jp,山田 太郎,ja,,いいえ\r\n' +
      '"tab.user@example.jp","田中\t花子",ja,,いいえ\r\n' +
      '"rlo.user@example.jp","佐藤\u202e次郎",ja,,いいえ\r\n';
    const dry = await postBytes<{
      rows: { row: number; errors: { column: string; code: string }[] }[];
      summary: { error: number };
    }>(ts, admin, `${api}/users/import/dry-run`, Buffer.from(csv, 'utf8'), 'text/csv');
    expect(dry.status).toBe(200);
    expect(dry.json.summary.error).toBe(2);
    expect(dry.json.rows.map((r) => r.errors.map((e) => `${e.column}:${e.code}`))).toEqual([
      [],
      ['name:single_line'],
      ['name:single_line'],
    ]);
    const run = await postBytes<ErrorJson>(
      ts,
      admin,
      `${api}/users/import`,
      Buffer.from(csv, 'utf8'),
      'text/csv',
    );
    expect(run.status).toBe(400);
    const list = await admin.get<{ items: { email: string }[] }>(`${api}/users?pageSize=200`);
    expect(list.json.items.map((u) => u.email)).not.toContain('ok.user@example.jp');
  });
});

import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOperator } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { tenantDb } from '../support/identity.js';
import { auditEntries } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { acceptAndSignIn, postBytes, registerUser, tenantWithAdmin } from '../support/tenant-admin.js';

/**
 * The users list as CSV (issue 18 point 7, "every other CSV export"): the bulk-registration
 * columns, UTF-8 with BOM or Shift_JIS (CP932, decoded here with iconv-lite), CRLF; the file
 * imports again with every row `unchanged`; org admins of the tenant only; in the operation log.
 */
let ts: TestServer;
let admin: HttpsClient;
let other: HttpsClient;
let planner: HttpsClient;
const slug = 'meibo';
const api = `/t/${slug}/api/admin/users`;

beforeAll(async () => {
  ts = await startTestServer();
  const op = await setUpOperator(ts);
  admin = await tenantWithAdmin(ts, op, slug);
  other = await tenantWithAdmin(ts, op, 'meibo2');
  // Registered through the CSV import, so groups and the admin flag are set as a file sets them.
  for (const name of ['経理部', '営業部'])
    await admin.post(`/t/${slug}/api/admin/groups`, { name, description: '' });
  const file =
    'メールアドレス,氏名,言語,グループ,組織管理者\r\n' +
    'takahashi@meibo.example,髙橋 﨑子,ja,経理部;営業部,はい\r\n' +
    'smith@meibo.example,John Smith,en,,いいえ\r\n';
  const imported = await postBytes(ts, admin, `${api}/import`, iconv.encode(file, 'cp932'));
  expect(imported.status).toBe(200);
  await registerUser(admin, slug, 'planner@meibo.example', { displayName: '計画 花子', locale: 'ja' });
  planner = await acceptAndSignIn(ts, slug, 'planner@meibo.example');
});
afterAll(async () => {
  await ts?.stop();
});

const rows = (text: string) => text.replace(/^\uFEFF/, '').split('\r\n');

describe('users CSV export', () => {
  it('is Shift_JIS on ?charset=sjis: the import columns, every user, CRLF, a Japanese file name', async () => {
    const res = await admin.binary('GET', `${api}/export?lang=ja&charset=sjis`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=shift_jis/i);
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
    expect(res.headers['content-disposition']).toContain(`users_${slug}_${day.replace(/-/g, '')}.csv`);
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('ユーザー')}`,
    );
    expect(res.body.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const text = iconv.decode(res.body, 'cp932');
    const lines = rows(text);
    expect(lines[0]).toBe('メールアドレス,氏名,言語,グループ,組織管理者');
    expect(lines).toContain('takahashi@meibo.example,髙橋 﨑子,ja,営業部;経理部,はい');
    expect(lines).toContain('smith@meibo.example,John Smith,en,,いいえ');
    expect(lines).toContain('planner@meibo.example,計画 花子,ja,,いいえ');
    expect(lines.filter((l) => l.includes('@'))).toHaveLength(4); // with the first admin
    expect(lines.at(-1)).toBe('');
  });

  it('is UTF-8 with BOM by default, in English on lang=en', async () => {
    const res = await admin.binary('GET', `${api}/export?lang=en`);
    expect(res.status).toBe(200);
    expect(res.body.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const lines = rows(res.body.toString('utf8'));
    expect(lines[0]).toBe('email,name,language,groups,admin');
    expect(lines).toContain('smith@meibo.example,John Smith,en,,no');
    expect(lines).toContain('takahashi@meibo.example,髙橋 﨑子,ja,営業部;経理部,yes');
  });

  it('imports again unchanged: every row of the exported file is known as it is', async () => {
    const res = await admin.binary('GET', `${api}/export?lang=ja&charset=sjis`);
    const dry = await postBytes<{ encoding: string; summary: Record<string, number> }>(
      ts,
      admin,
      `${api}/import/dry-run`,
      res.body,
    );
    expect(dry.status).toBe(200);
    expect(dry.json.encoding).toBe('shift_jis');
    expect(dry.json.summary).toMatchObject({ total: 4, new: 0, unchanged: 4, error: 0 });
  });

  it('is for the org admins of the tenant only, refuses an unknown charset, and is in the operation log', async () => {
    expect((await planner.binary('GET', `${api}/export`)).status).toBe(403);
    expect([401, 403, 404]).toContain((await other.binary('GET', `${api}/export`)).status);
    expect((await ts.client().binary('GET', `${api}/export`)).status).toBe(401);
    const bad = await admin.get<{ error: { code: string } }>(`${api}/export?charset=latin1`);
    expect(bad.status).toBe(400);
    const audit = await auditEntries(await tenantDb(ts, slug), 'users.export');
    expect(audit.length).toBe(3);
    expect(JSON.parse(audit[0]!.summary ?? '{}')).toMatchObject({ count: 4, charset: 'sjis', lang: 'ja' });
  });
});

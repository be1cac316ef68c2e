import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, setUpOperator } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { mailTo, postBytes, registerUser, tenantWithAdmin } from '../support/tenant-admin.js';

interface ErrorJson {
  error: { code: string; message: string; issues?: { path: string; code: string; message: string }[] };
}
interface DryRun {
  encoding: string;
  rows: {
    row: number;
    email?: string;
    outcome: string;
    errors: { column: string; code: string; message: string }[];
  }[];
  summary: { total: number; new: number; unchanged: number; error: number };
}

let ts: TestServer;
let admin: HttpsClient;
const slug = 'yunyu';
const api = `/t/${slug}/api/admin/users/import`;

beforeAll(async () => {
  ts = await startTestServer();
  const op = await setUpOperator(ts);
  admin = await tenantWithAdmin(ts, op, slug);
  for (const name of ['経理部', '営業部'])
    await admin.post(`/t/${slug}/api/admin/groups`, { name, description: '' });
  await registerUser(admin, slug, 'existing@example.jp', { displayName: '既存 太郎', locale: 'ja' });
});
afterAll(async () => {
  await ts?.stop();
});

const upload = <T>(path: string, body: Buffer | string, type = 'text/csv') =>
  postBytes<T>(ts, admin, path, Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), type);
const users = async () =>
  (await admin.get<{ total: number }>(`/t/${slug}/api/admin/users?pageSize=200`)).json.total;

describe('the template', () => {
  it('is UTF-8 with BOM, in ja or en, with escaped formula cells', async () => {
    const ja = await admin.get(`${api}/template?lang=ja`);
    expect(ja.status).toBe(200);
    expect(ja.headers['content-type']).toMatch(/^text\/csv/);
    expect(ja.text.charCodeAt(0)).toBe(0xfeff);
    expect(ja.text).toContain('メールアドレス,氏名,言語,グループ,組織管理者');
    expect(ja.text).toContain('山田 太郎');
    const en = await admin.get(`${api}/template?lang=en`);
    expect(en.text).toContain('email,name,language,groups,admin');
  });
});

describe('dry run and import', () => {
  it('reads a Shift_JIS file from Japanese Excel and imports it all at once', async () => {
    const csv =
      'メールアドレス,氏名,言語,グループ,組織管理者\r\n' +
      'yamada.taro@example.jp,山田 太郎,ja,経理部,いいえ\r\n' +
      'sato.hanako@example.jp,佐藤 花子,en,経理部;営業部,はい\r\n' +
      'existing@example.jp,既存 太郎,ja,,いいえ\r\n';
    const sjis = iconv.encode(csv, 'cp932');
    expect(sjis.equals(Buffer.from(csv, 'utf8'))).toBe(false);
    const dry = await upload<DryRun>(`${api}/dry-run`, sjis);
    expect(dry.status).toBe(200);
    expect(dry.json.encoding).toBe('shift_jis');
    expect(dry.json.summary).toEqual({ total: 3, new: 2, unchanged: 1, error: 0 });
    expect(dry.json.rows[0]).toMatchObject({
      row: 1,
      email: 'yamada.taro@example.jp',
      name: '山田 太郎',
      outcome: 'new',
    });
    const before = await users();
    const res = await upload<{ batchId: string; created: number }>(api, sjis, 'application/octet-stream');
    expect(res.status).toBe(200);
    expect(res.json.created).toBe(2);
    expect(await users()).toBe(before + 2);
    const hanako = (
      await admin.get<{
        items: { email: string; isOrgAdmin: boolean; locale: string; groups: { name: string }[] }[];
      }>(`/t/${slug}/api/admin/users?q=sato.hanako`)
    ).json.items[0];
    expect(hanako).toMatchObject({ isOrgAdmin: true, locale: 'en' });
    expect(hanako?.groups.map((g) => g.name).sort()).toEqual(['営業部', '経理部']);
    const mail = await mailTo(ts, 'yamada.taro@example.jp');
    expect(mail.text).toContain('山田 太郎');
    const progress = await eventually(async () => {
      const p = await admin.get<{ total: number; sent: number; pending: number; failed: number }>(
        `${api}/${res.json.batchId}`,
      );
      return p.json.sent === 2 ? p.json : undefined;
    });
    expect(progress).toEqual({ batchId: res.json.batchId, total: 2, sent: 2, pending: 0, failed: 0 });
    expect((await admin.get<ErrorJson>(`${api}/nope`)).json.error.code).toBe('IMPORT_BATCH_NOT_FOUND');
  });

  it('reports every bad row with row, column and reason, and imports nothing', async () => {
    const csv =
      '\uFEFFemail,name,language,groups,admin\n' +
      'ok@example.jp,OK,en,,no\n' +
      'not-an-email,Bad,ja,,no\n' +
      'ok@example.jp,Dup,ja,,no\n' +
      'existing@example.jp,Different Name,ja,,no\n' +
      `x@example.jp,Unknown,ja,存在しない部,no\n` +
      `y@example.jp,${'長'.repeat(101)},fr,,maybe\n` +
      '"multi@example.jp","Line\none",en,,no\n' +
      ',,,,\n';
    const dry = await upload<DryRun>(`${api}/dry-run`, csv);
    expect(dry.json.encoding).toBe('utf-8-bom');
    const byRow = Object.fromEntries(dry.json.rows.map((r) => [r.row, r]));
    expect(byRow[1]?.outcome).toBe('new');
    expect(byRow[2]?.errors).toMatchObject([{ column: 'email', code: 'email' }]);
    expect(byRow[3]?.errors).toMatchObject([{ column: 'email', code: 'duplicate_in_file' }]);
    expect(byRow[4]?.errors).toMatchObject([{ column: 'email', code: 'already_registered' }]);
    expect(byRow[5]?.errors).toMatchObject([{ column: 'groups', code: 'unknown_group' }]);
    expect(byRow[5]?.errors[0]?.message).toContain('存在しない部');
    expect(byRow[6]?.errors.map((e) => e.code).sort()).toEqual(['admin_flag', 'locale', 'too_long']);
    // A line break inside a quoted name is read as CSV allows, and refused: names are one line.
    expect(byRow[7]?.errors).toMatchObject([{ column: 'name', code: 'single_line' }]);
    expect(dry.json.summary).toEqual({ total: 7, new: 1, unchanged: 0, error: 6 });
    const before = await users();
    admin.lang = 'ja';
    const res = await upload<ErrorJson>(api, csv);
    admin.lang = 'en';
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('IMPORT_HAS_ERRORS');
    expect(res.json.error.message).toContain('何も登録していません');
    expect(res.json.error.issues).toContainEqual(
      expect.objectContaining({
        path: 'row 2 / email',
        code: 'email',
        message: 'メールアドレスの形式が正しくありません。',
      }),
    );
    expect(await users()).toBe(before);
  });

  const bad: [string, Buffer | string, string, string][] = [
    [
      'undecodable bytes',
      Buffer.from([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0x82, 0xff, 0xfe, 0x80]),
      'CSV_UNREADABLE',
      'read',
    ],
    ['UTF-16 (NUL bytes)', Buffer.from('email,name\n', 'utf16le'), 'CSV_UNREADABLE', 'read'],
    ['no header row', 'a@example.jp,Taro\n', 'CSV_HEADER_MISSING', 'header'],
    ['an unknown column', 'email,name,phone\na@example.jp,A,1\n', 'CSV_COLUMNS_UNKNOWN', 'phone'],
    ['a missing column', 'email,language\na@example.jp,ja\n', 'CSV_COLUMNS_MISSING', 'name'],
    ['a row with an extra cell', 'email,name\na@example.jp,A,extra\n', 'CSV_ROW_COLUMNS', 'Row 1'],
    ['a row with a missing cell', 'email,name\na@example.jp\n', 'CSV_ROW_COLUMNS', 'Row 1'],
    ['an unclosed quote', 'email,name\n"a@example.jp,A\n', 'CSV_MALFORMED', 'quotation'],
    ['0 rows', 'email,name\r\n', 'CSV_EMPTY', 'no data rows'],
    ['an empty file', '', 'CSV_EMPTY', 'no data rows'],
  ];
  it.each(bad)('refuses %s with a clear message, importing nothing', async (_what, body, code, text) => {
    for (const path of [`${api}/dry-run`, api]) {
      const res = await upload<ErrorJson>(path, body);
      expect(res.status, res.text).toBe(400);
      expect(res.json.error.code).toBe(code);
      expect(res.json.error.message).toContain(text);
    }
  });

  it('refuses more than 10,000 rows, and a file over 5 MiB before reading it', async () => {
    const many =
      'email,name\n' + Array.from({ length: 10_001 }, (_, i) => `u${i}@example.jp,U${i}\n`).join('');
    const tooMany = await upload<ErrorJson>(`${api}/dry-run`, many);
    expect(tooMany.json.error.code).toBe('CSV_TOO_MANY_ROWS');
    const huge = 'email,name\n' + 'x'.repeat(5 * 1024 * 1024);
    const res = await upload<ErrorJson>(api, huge);
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    const json = await admin.post<ErrorJson>(api, { email: 'a@example.jp' });
    expect(json.status).toBe(415);
  });
});

import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../src/modules/model/definitions.js';
import { addActualsReport, formXlsxWorld, PLAN_FORM, type FormXlsxWorld } from '../support/form-xlsx.js';
import type { HttpsClient } from '../support/https-client.js';
import { auditEntries } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * CSV out (issue 18 point 7) over HTTP on the configured database: forms and reports as CSV in
 * UTF-8 with BOM or Shift_JIS (CP932, decoded here with iconv-lite), CRLF, the unit row first,
 * names in the language, the rights of the form on screen; and the same `?charset=` for every
 * other CSV export (logs, user and group templates, dimensions).
 */
let ts: TestServer;
let w: FormXlsxWorld;
let reportId = '';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const REPORT: FormDefinition = {
  cube: 'PL',
  type: 'report',
  rows: PLAN_FORM.rows,
  columns: {
    dimension: 'Scenario',
    members: [
      { element: 'BUDGET', select: 'self' },
      { element: 'ACTUAL', select: 'self' },
      { element: 'VARIANCE', select: 'self' },
    ],
    computed: [
      {
        code: 'VAR_PCT',
        name: { ja: '差異率', en: 'Variance' },
        kind: 'ratio',
        of: 'ACTUAL',
        base: 'BUDGET',
      },
    ],
  },
  fixed: [
    { dimension: 'Department', element: 'SALES', userSelectable: true },
    { dimension: 'Period', element: '2027-04', userSelectable: false },
  ],
  input: 'none',
  readOnly: [],
  format: { scale: 1000, decimals: 0, currency: 'JPY' },
};

const csv = (c: HttpsClient, path: string, body: object, charset?: string) =>
  c.binary('POST', `${path}${charset ? `?charset=${charset}` : ''}`, body);
const lines = (text: string) => text.split('\r\n');

beforeAll(async () => {
  ts = await startTestServer();
  w = await formXlsxWorld(ts, 'shiiesu', 'shiiesu2');
  reportId = await addActualsReport(
    w,
    { code: 'PL_VS_ACTUAL', nameJa: '予実対比', nameEn: 'Budget vs actual', definition: REPORT },
    { NET_SALES: 1_500_000 },
  );
});
afterAll(async () => {
  await ts?.stop();
});

describe('form CSV', () => {
  const url = () => `${w.base}/forms/${w.formId}/csv`;

  it('is UTF-8 with BOM by default: unit row, header, codes and names, figures as shown, CRLF', async () => {
    const res = await csv(w.user, url(), { lang: 'ja' });
    expect(res.status, res.text).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const name = /filename="SALES_PLAN_SALES_BUDGET_(\d{8})\.csv"; filename\*=UTF-8''(.+)$/.exec(
      String(res.headers['content-disposition']),
    );
    expect(decodeURIComponent(name![2]!)).toBe(`売上計画_営業部_予算_${name![1]}.csv`);
    expect(res.body.subarray(0, 3).equals(BOM)).toBe(true);
    const text = res.body.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines(text)).toEqual([
      '単位：千円（千円未満四捨五入）',
      '勘定科目コード,勘定科目,2027年4月,2027年5月,2027年6月,2027年度 第1四半期',
      'OPERATING_PROFIT,営業利益,735,-100,0,635',
      'GROSS_PROFIT,売上総利益,735,0,0,735',
      'NET_SALES,売上高,1235,0,0,1235',
      'COST_OF_SALES,売上原価,500,0,0,500',
      'SGA,販売費及び一般管理費,0,100,0,100',
      '',
    ]);
  });

  it('is Shift_JIS (CP932) on ?charset=sjis, in English on lang en, for another choice', async () => {
    const res = await csv(w.user, url(), { lang: 'ja' }, 'sjis');
    expect(res.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
    expect(res.body.subarray(0, 3).equals(BOM)).toBe(false);
    const text = iconv.decode(res.body, 'cp932');
    expect(iconv.encode(text, 'cp932').equals(res.body)).toBe(true);
    expect(lines(text).slice(0, 3)).toEqual([
      '単位：千円（千円未満四捨五入）',
      '勘定科目コード,勘定科目,2027年4月,2027年5月,2027年6月,2027年度 第1四半期',
      'OPERATING_PROFIT,営業利益,735,-100,0,635',
    ]);
    expect(text).toContain('\r\nSGA,販売費及び一般管理費,0,100,0,100\r\n');
    const en = await csv(w.user, url(), { lang: 'en', choices: { Department: 'MANUFACTURING' } }, 'sjis');
    expect(lines(iconv.decode(en.body, 'cp932')).slice(0, 3)).toEqual([
      'Unit: thousands of yen (rounded half up)',
      'Account code,Account,Apr 2027,May 2027,Jun 2027,FY2027 Q1',
      'OPERATING_PROFIT,Operating profit,0,0,0,0',
    ]);
    expect(String(en.headers['content-disposition'])).toMatch(
      /^attachment; filename="SALES_PLAN_MANUFACTURING_BUDGET_\d{8}\.csv"; filename\*=UTF-8''Sales%20plan_Manufacturing_Budget_\d{8}\.csv$/,
    );
  });

  it('refuses an unknown charset, a choice the user may not open, and another tenant', async () => {
    expect((await csv(w.user, url(), {}, 'latin1')).status).toBe(400);
    const denied = await csv(w.user, url(), { choices: { Department: 'ADMINISTRATION' } });
    expect(denied.status).toBe(400);
    const foreign = await csv(w.adminB, `/t/${w.b}/api/model/forms/${w.formId}/csv`, {});
    expect(foreign.status).toBe(404);
  });

  it('leaves out what the user may not read, exactly as the form on screen', async () => {
    await w.grant({
      objects: [
        { objectId: w.cubeId, access: 'write' },
        { objectId: w.formId, access: 'write' },
        { objectId: reportId, access: 'read' },
      ],
      elements: [{ dimensionId: w.dims['Account'], element: 'GROSS_PROFIT', access: 'write' }],
    });
    try {
      const text = (await csv(w.user, url(), { lang: 'ja' })).body.subarray(3).toString('utf8');
      expect(lines(text).map((l) => l.split(',')[0])).toEqual([
        '単位：千円（千円未満四捨五入）',
        '勘定科目コード',
        'GROSS_PROFIT',
        'NET_SALES',
        'COST_OF_SALES',
        '',
      ]);
      expect(text).not.toContain('販売費');
    } finally {
      await w.grant({
        objects: [
          { objectId: w.cubeId, access: 'write' },
          { objectId: w.formId, access: 'write' },
          { objectId: reportId, access: 'read' },
        ],
        elements: [],
      });
    }
  });
});

describe('report CSV', () => {
  it('has the variance % as a percentage (named so), the variance with its sign, and a drilled row', async () => {
    const url = `${w.base}/forms/${reportId}/csv`;
    const res = await csv(w.user, url, { lang: 'ja' }, 'sjis');
    expect(res.status, res.text).toBe(200);
    const text = iconv.decode(res.body, 'cp932');
    // Net sales: budget 1,234.567 千円, actual 1,500 → variance 265.433, +21.5 %.
    expect(lines(text).slice(0, 4)).toEqual([
      '単位：千円（千円未満四捨五入）',
      '勘定科目コード,勘定科目,予算,実績,差異（実績−予算）,差異率（%）'.replace('−', '－'),
      'OPERATING_PROFIT,営業利益,735,1500,765,104.2',
      'GROSS_PROFIT,売上総利益,735,1500,765,104.2',
    ]);
    expect(text).toContain('\r\nNET_SALES,売上高,1235,1500,265,21.5\r\n');
    expect(text).toContain('\r\nCOST_OF_SALES,売上原価,500,0,-500,-100\r\n');
    const drilled = await csv(w.user, url, { lang: 'en', drill: { row: 'GROSS_PROFIT' } });
    const en = drilled.body.subarray(3).toString('utf8');
    expect(lines(en).map((l) => l.split(',')[0])).toEqual([
      'Unit: thousands of yen (rounded half up)',
      'Account code',
      'GROSS_PROFIT',
      'NET_SALES',
      'COST_OF_SALES',
      '',
    ]);
    expect(lines(en)[1]).toContain(',Variance (%)');
    expect(String(drilled.headers['content-disposition'])).toMatch(
      /filename="PL_VS_ACTUAL_SALES_2027-04_GROSS_PROFIT_\d{8}\.csv"/,
    );
  });
});

describe('every other CSV export takes the same ?charset=', () => {
  it('logs: Shift_JIS with the ja header, audited with its encoding', async () => {
    const res = await w.admin.binary(
      'GET',
      `/t/${w.a}/api/admin/logs/operations/export?charset=sjis`,
      undefined,
      {
        'accept-language': 'ja',
      },
    );
    expect(res.status, res.text).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
    const text = iconv.decode(res.body, 'cp932');
    expect(text.startsWith('\uFEFF')).toBe(false);
    expect(text.split('\r\n')[0]).toContain('日時');
    expect(text).toContain('\r\n');
    const utf8 = await w.admin.binary('GET', `/t/${w.a}/api/admin/logs/operations/export`);
    expect(utf8.body.subarray(0, 3).equals(BOM)).toBe(true);
    expect(utf8.headers['content-type']).toBe('text/csv; charset=utf-8');
    const audit = await auditEntries(await w.db(), 'logs.export');
    expect(audit.map((a) => JSON.parse(a.summary) as { charset?: string }).map((s) => s.charset)).toEqual([
      'sjis',
      'utf8',
    ]);
    expect(
      (await w.admin.binary('GET', `/t/${w.a}/api/admin/logs/operations/export?charset=cp1252`)).status,
    ).toBe(400);
  });

  it('user and group templates, dimension export: Shift_JIS on request, UTF-8 with BOM by default', async () => {
    for (const path of [
      `/t/${w.a}/api/admin/users/import/template?lang=ja`,
      `/t/${w.a}/api/admin/groups/import/template?lang=ja`,
      `${w.base}/dimensions/${w.dims['Account']}/export?lang=ja`,
    ]) {
      const utf8 = await w.admin.binary('GET', path);
      expect(utf8.status, `${path}: ${utf8.text}`).toBe(200);
      expect(utf8.body.subarray(0, 3).equals(BOM)).toBe(true);
      const sjis = await w.admin.binary('GET', `${path}&charset=sjis`);
      expect(sjis.status, path).toBe(200);
      expect(sjis.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
      // The same text, CRLF, in CP932.
      expect(iconv.decode(sjis.body, 'cp932')).toBe(utf8.body.subarray(3).toString('utf8'));
      expect(iconv.decode(sjis.body, 'cp932')).toMatch(/^[^\r\n]+\r\n/);
    }
    const dim = iconv.decode(
      (await w.admin.binary('GET', `${w.base}/dimensions/${w.dims['Account']}/export?lang=ja&charset=sjis`))
        .body,
      'cp932',
    );
    expect(dim).toContain('売上高');
  });
});

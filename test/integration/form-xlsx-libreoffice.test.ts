import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenFormResponse } from '../../src/modules/model/form-schemas.js';
import type { FormXlsxPreview } from '../../src/modules/model/form-xlsx-schemas.js';
import { downloadForm, editWorkbook, formXlsxWorld, type FormXlsxWorld } from '../support/form-xlsx.js';
import type { ErrorJson } from '../support/model.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { postBytes } from '../support/tenant-admin.js';

/**
 * The downloaded form opens in LibreOffice (Debian's libreoffice-calc-nogui, installed by
 * `npm test`): converted to CSV it shows the header and the figures; a file edited and re-saved
 * by LibreOffice as .xlsx is accepted by the upload. (LibreOffice 7.4 keeps the meta sheet —
 * "veryHidden" becomes "hidden" —, its text cells, the sheet protection and the unlocked input cells.)
 */
const SOFFICE = '/usr/bin/soffice';
const run = promisify(execFile);
let ts: TestServer;
let w: FormXlsxWorld;
let dir = '';

/** Runs LibreOffice headless with a private profile; returns the converted file's path. */
async function convert(file: string, to: string, outDir: string): Promise<string> {
  await run(
    SOFFICE,
    [
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--headless',
      '--norestore',
      '--convert-to',
      to,
      '--outdir',
      outDir,
      file,
    ],
    { timeout: 180_000 },
  );
  const out = path.join(outDir, `${path.basename(file, '.xlsx')}.${to.split(':')[0]}`);
  if (!existsSync(out)) throw new Error(`LibreOffice wrote no ${out}`);
  return out;
}

beforeAll(async () => {
  if (!existsSync(SOFFICE))
    throw new Error(
      'LibreOffice is missing: run "sudo apt-get install -y libreoffice-calc-nogui" (npm test does)',
    );
  dir = mkdtempSync(path.join(tmpdir(), 'yosan-lo-'));
  ts = await startTestServer();
  w = await formXlsxWorld(ts, 'ribure', 'ribure2');
});
afterAll(async () => {
  await ts?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('LibreOffice', () => {
  it('converts the downloaded workbook to CSV with its header and figures', async () => {
    const file = path.join(dir, 'form.xlsx');
    writeFileSync(file, await downloadForm(w.user, w.a, w.formId, { lang: 'ja' }));
    // UTF-8 (76), comma-separated, figures as shown (千円, grouped).
    const csv = readFileSync(await convert(file, 'csv:Text - txt - csv (StarCalc):44,34,76,1', dir), 'utf8');
    const lines = csv.split(/\r?\n/);
    expect(lines[0]).toBe('"売上計画",,,,');
    expect(lines).toContain('"部門","営業部 (SALES)",,,');
    expect(lines).toContain('"単位：千円（千円未満四捨五入）",,,,');
    expect(lines).toContain('"勘定科目 \\ 期間","2027年4月","2027年5月","2027年6月","2027年度 第1四半期"');
    // Row names (indented by cell format, not by spaces), figures in 千円 as the number format shows them.
    expect(lines).toContain('"営業利益",735,-100,0,635');
    expect(lines).toContain('"売上高","1,235",0,0,"1,235"');
    expect(lines).toContain('"販売費及び一般管理費",0,100,0,100');
  }, 240_000);

  it('accepts a file edited and re-saved by LibreOffice', async () => {
    const edited = path.join(dir, 'edited.xlsx');
    writeFileSync(
      edited,
      await editWorkbook(await downloadForm(w.user, w.a, w.formId), [
        { row: 'NET_SALES', column: '2027-05', value: 1500 },
        { row: 'SGA', column: '2027-06', value: '２５０' },
      ]),
    );
    const outDir = path.join(dir, 'resaved');
    const resaved = await convert(edited, 'xlsx:Calc MS Excel 2007 XML', outDir);
    const p = await postBytes<FormXlsxPreview & ErrorJson>(
      ts,
      w.user,
      `${w.base}/forms/${w.formId}/xlsx/preview`,
      readFileSync(resaved),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(p.status, p.text).toBe(200);
    expect(p.json.counts).toMatchObject({ changed: 2, errors: 0, conflicts: 0 });
    expect(p.json.changes.map((c) => [c.row, c.column, c.old, c.new])).toEqual([
      ['NET_SALES', '2027-05', 0, 1_500_000],
      ['SGA', '2027-06', 0, 250_000],
    ]);
    const done = await w.user.post<{ changed: number }>(`${w.base}/forms/${w.formId}/xlsx/apply`, {
      token: p.json.token,
    });
    expect(done.json.changed).toBe(2);
    const f = (await w.user.post<OpenFormResponse>(`${w.base}/forms/${w.formId}/open`, {})).json;
    expect(f.values[f.rows.findIndex((r) => r.code === 'NET_SALES')]?.[1]).toBe(1_500_000);
  }, 240_000);
});

// @vitest-environment node
/**
 * The form Excel round trip (issue 7) in Chromium against a real server: a planner downloads the
 * form as .xlsx through the page, the test edits the file with exceljs (as Excel would), the
 * planner uploads it, sees the preview of the changed cells, saves, and sees the new figures.
 * An edit of a total is shown as an error in English and cannot be saved. Screenshots for the
 * Handbook (form-excel).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenFormResponse } from '../../src/modules/model/form-schemas.js';
import { ensureWebBuilt, launchChromium, signedIn } from '../support/browser.js';
import { editWorkbook, formXlsxWorld, type FormXlsxWorld } from '../support/form-xlsx.js';
import { startTestServer, type TestServer } from '../support/server.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'ekuseru-b';

describe('form Excel round trip in a real browser', () => {
  let server: TestServer;
  let w: FormXlsxWorld;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  /** A signed-in page of the planner in `locale`, on the form. */
  async function plannerPage(locale: 'ja-JP' | 'en-US'): Promise<Page> {
    const page = await signedIn(browser, server, SLUG, `plain@${SLUG}.example`, locale, consoleErrors, {
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    contexts.push(page.context());
    const go = (to: string) => page.goto(`${server.url.replace(/\/$/, '')}${to}`);
    await go(`/t/${SLUG}/forms/${w.formId}`);
    await page.getByTestId('form-excel').waitFor();
    return page;
  }

  async function downloadThroughPage(page: Page): Promise<Buffer> {
    const download = page.waitForEvent('download');
    await page.getByTestId('form-excel-download').click();
    const d = await download;
    // <form name>_<choices>_<YYYYMMDD>.xlsx in the page's language (Content-Disposition filename*).
    expect(d.suggestedFilename()).toMatch(/^(売上計画_営業部_予算|Sales plan_Sales_Budget)_\d{8}\.xlsx$/);
    return readFileSync(await d.path());
  }

  const upload = (page: Page, bytes: Buffer) =>
    page.getByTestId('form-excel-file').setInputFiles({
      name: 'yosan-form-SALES_PLAN-SALES-BUDGET.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bytes,
    });

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuilt();
    server = await startTestServer();
    w = await formXlsxWorld(server, SLUG, `${SLUG}2`);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('downloads, uploads an edited file, previews the changes and saves them', async () => {
    const page = await plannerPage('ja-JP');
    await page.screenshot({ path: `${shotsDir}form-excel-buttons-ja.png` });
    const file = await downloadThroughPage(page);
    const edited = await editWorkbook(file, [
      { row: 'NET_SALES', column: '2027-05', value: 4321 },
      { row: 'SGA', column: '2027-06', value: '１，２００' },
    ]);
    expect(await page.locator('body').innerText()).not.toContain('4,321');
    await upload(page, edited);
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.getByTestId('form-excel-preview').waitFor();
    expect(await dialog.getByTestId('form-excel-counts').textContent()).toBe(
      '変更 2 セル、エラー 0 件、ダウンロード後にほかの人が変更 0 件（照合 20 セル）。',
    );
    const row = dialog.getByTestId('form-excel-change-NET_SALES-2027-05');
    expect(await row.locator('td').allTextContents()).toEqual([
      expect.stringMatching(/^C\d+$/) as string,
      '売上高',
      '2027年5月',
      '0',
      '4,321',
    ]);
    await page.screenshot({ path: `${shotsDir}form-excel-preview-ja.png` });
    await dialog.getByTestId('confirm-dialog-confirm').click();
    await page.getByTestId('form-excel-notice').waitFor();
    expect(await page.getByTestId('form-excel-notice').textContent()).toBe(
      'Excel ファイルから 2 セルを保存しました。',
    );
    // The form reloads with the new figures (thousands of yen).
    await expect.poll(() => page.locator('body').innerText()).toContain('4,321');
    expect(await page.locator('body').innerText()).toContain('1,200');
    await page.screenshot({ path: `${shotsDir}form-excel-applied-ja.png`, fullPage: true });
    const opened = await w.user.post<OpenFormResponse>(`${w.base}/forms/${w.formId}/open`, {});
    const r = opened.json.rows.findIndex((x) => x.code === 'NET_SALES');
    expect(opened.json.values[r]?.[1]).toBe(4_321_000);
    expect(consoleErrors).toEqual([]);
  });

  it('downloads the form as CSV in Shift_JIS chosen beside the button', async () => {
    const page = await plannerPage('ja-JP');
    expect(await page.getByTestId('form-csv-charset').inputValue()).toBe('utf8');
    await page.getByTestId('form-csv-charset').selectOption('sjis');
    expect(await page.getByTestId('form-csv-charset').locator('option:checked').textContent()).toBe(
      'Shift_JIS（Excel向け）',
    );
    const download = page.waitForEvent('download');
    await page.getByTestId('form-csv-download').click();
    const d = await download;
    expect(d.suggestedFilename()).toMatch(/^売上計画_営業部_予算_\d{8}\.csv$/);
    const text = iconv.decode(readFileSync(await d.path()), 'cp932');
    expect(text.split('\r\n').slice(0, 2)).toEqual([
      '単位：千円（千円未満四捨五入）',
      '勘定科目コード,勘定科目,2027年4月,2027年5月,2027年6月,2027年度 第1四半期',
    ]);
    expect(text).toContain('\r\nNET_SALES,売上高,');
    // The choice is remembered in the browser.
    await page.reload();
    await page.getByTestId('form-excel').waitFor();
    expect(await page.getByTestId('form-csv-charset').inputValue()).toBe('sjis');
    expect(consoleErrors).toEqual([]);
  });

  it('shows an edited total as an error (English) and offers no save', async () => {
    const page = await plannerPage('en-US');
    await page.screenshot({ path: `${shotsDir}form-excel-buttons-en.png` });
    const file = await downloadThroughPage(page);
    await upload(
      page,
      await editWorkbook(file, [
        { row: 'GROSS_PROFIT', column: '2027-04', value: 1 },
        { row: 'SGA', column: '2027-04', value: 'ten' },
        { row: 'NET_SALES', column: '2027-04', value: 1300 },
      ]),
    );
    const dialog = page.getByTestId('confirm-dialog');
    const errors = dialog.getByTestId('form-excel-errors');
    await errors.waitFor();
    expect(await errors.locator('tbody tr').count()).toBe(2);
    expect(await errors.locator('tbody tr').first().textContent()).toContain('This cell cannot be entered');
    expect(await dialog.getByTestId('confirm-dialog-confirm').isDisabled()).toBe(true);
    await page.screenshot({ path: `${shotsDir}form-excel-preview-en.png` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  });
});

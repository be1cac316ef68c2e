// @vitest-environment node
/**
 * End-to-end for dimension import/export and element deletion (issue 6) in Chromium against a
 * real server: an org admin uploads an .xlsx written here with exceljs, sees the preview with a
 * row error in Japanese, uploads a corrected file, applies it and sees the tree; then deletes a
 * consolidated element (its child becomes top level). Screenshots for the Handbook.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOperator } from '../support/flows.js';
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { PASSWORD, tenantWithAdmin } from '../support/tenant-admin.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'torikomi';

async function writeBook(file: string, rows: ExcelJS.CellValue[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('部門');
  for (const r of rows) ws.addRow(r);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
}

describe('dimension import, export and deletion in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'yosan-dimio-'));
  const go = (to: string) => page.goto(`${server.url.replace(/\/$/, '')}${to}`);
  const shot = (name: string, testId?: string) =>
    testId
      ? page.getByTestId(testId).screenshot({ path: `${shotsDir}${name}.png` })
      : page.screenshot({ path: `${shotsDir}${name}.png` });
  const input = (testId: string) => page.getByTestId(testId).locator('input, select').first();

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuilt();
    server = await startTestServer();
    const op = await setUpOperator(server);
    await tenantWithAdmin(server, op, SLUG);
    browser = await launchChromium();
    context = await browser.newContext({
      ignoreHTTPSErrors: true,
      locale: 'ja-JP',
      viewport: { width: 1280, height: 1500 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    await go(`/t/${SLUG}/sign-in`);
    await input('field-email').fill(`admin@${SLUG}.example`);
    await input('field-password').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('nav-me').waitFor();
    consoleErrors.length = 0;
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('uploads an .xlsx, previews it, applies it, and deletes an element', async () => {
    await page.getByTestId('nav-dimensions').click();
    await page.getByTestId('dimension-create').click();
    await input('field-code').fill('Dept');
    await input('field-nameJa').fill('部門');
    await input('field-nameEn').fill('Departments');
    await page.getByTestId('dimension-create-submit').click();
    await page.getByTestId('dimension-row-Dept').getByRole('link').click();
    await page.getByTestId('tree-empty').waitFor();
    expect(await page.getByTestId('export-xlsx').getAttribute('href')).toMatch(/\/export\/xlsx\?lang=ja$/);
    expect(await page.getByTestId('export-csv').getAttribute('href')).toMatch(
      /\/export\?lang=ja&charset=utf8$/,
    );
    // The CSV encoding select beside it: Shift_JIS (remembered in the browser) changes the link.
    await page.getByTestId('export-csv-charset').selectOption('sjis');
    expect(await page.getByTestId('export-csv').getAttribute('href')).toMatch(
      /\/export\?lang=ja&charset=sjis$/,
    );
    await page.getByTestId('export-csv-charset').selectOption('utf8');

    // A file with a formula that has no saved value: the row is an error, nothing can be applied.
    const bad = path.join(dir, 'bad.xlsx');
    await writeBook(bad, [
      ['コード', '名前（日本語）', '名前（英語）', '親', 'ウェイト'],
      ['ALL', '全社', 'Company', null, null],
      ['SALES', '営業本部', 'Sales', 'ALL', { formula: 'Z9*2' }],
    ]);
    await page.getByTestId('dimio-file').setInputFiles(bad);
    await page.getByTestId('dimio-check').click();
    await page.getByTestId('dimio-preview').waitFor();
    const errorRow = page.locator('[data-testid="dimio-row"][data-outcome="error"]');
    await expect.poll(() => errorRow.textContent()).toContain('数式（=Z9*2）');
    expect(await page.getByTestId('dimio-apply').isDisabled()).toBe(true);
    await page.getByTestId('dimio-blocked').waitFor();

    const good = path.join(dir, 'good.xlsx');
    await writeBook(good, [
      ['コード', '名前（日本語）', '名前（英語）', '親', 'ウェイト'],
      ['ALL', '全社', 'Company', null, null],
      ['SALES', '営業本部', 'Sales', 'ALL', 1],
      ['S1', '第一営業部', 'Sales 1', 'SALES', 1],
      ['HR', '人事部', 'HR', 'ALL', { formula: '-1*1', result: -1 }],
    ]);
    await page.getByTestId('dimio-file').setInputFiles(good);
    await page.getByTestId('dimio-check').click();
    await expect
      .poll(() => page.getByTestId('dimio-summary').textContent())
      .toContain('4 行: 新規 4、変更 0、変更なし 0、エラー 0');
    expect(await page.getByTestId('dimio-row').count()).toBe(4);
    const s1 = page.locator('[data-testid="dimio-row"][data-row="3"]');
    expect(await s1.textContent()).toContain('第一営業部 / Sales 1');
    expect(await s1.getAttribute('data-outcome')).toBe('new');
    await shot('model-dimension-import-ja', 'dimension-import-card');
    await page.getByTestId('dimio-apply').click();
    await page.locator('[data-testid="node-S1"][data-parent="SALES"]').waitFor();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('新規 4');
    expect(await page.getByTestId('weight-HR').textContent()).toBe('×-1');
    expect(await page.getByTestId('dimio-preview').count()).toBe(0);

    // Delete the consolidated SALES: the dialog says S1 stays; S1 becomes a top-level element.
    await page.getByTestId('delete-SALES').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('delete-children').textContent()).toContain('S1');
    await shot('model-dimension-delete-ja');
    await page.getByTestId('confirm-dialog-confirm').click();
    await page.locator('[data-testid="node-S1"][data-parent=""]').waitFor();
    expect(await page.getByTestId('node-SALES').count()).toBe(0);
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('SALES');
    expect(consoleErrors).toEqual([]);
  });
});

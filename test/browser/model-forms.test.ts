// @vitest-environment node
/**
 * End-to-end for forms (issue 6) in Chromium against a real server: an org admin defines a form
 * over a cube with a hierarchy (rows = accounts, columns = departments, scenario fixed), opens it,
 * types figures into the grid (with a thousands separator and full-width digits), sees the totals
 * change before and after saving. Screenshots for the Handbook.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenFormResponse } from '../../src/modules/model/form-schemas.js';
import { setUpOperator } from '../support/flows.js';
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import { openEditor } from '../support/grid-world.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { PASSWORD, tenantWithAdmin } from '../support/tenant-admin.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'fomu-b';

describe('form screens in a real browser', () => {
  let server: TestServer;
  let admin: HttpsClient;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const go = (to: string) => page.goto(`${server.url.replace(/\/$/, '')}${to}`);
  const shot = (name: string) => page.screenshot({ path: `${shotsDir}${name}.png`, fullPage: true });
  const input = (testId: string) => page.getByTestId(testId).locator('input, select').first();
  const cell = (row: string, column: string) => page.getByTestId(`cell-${row}-${column}`);
  /** Types into a grid cell: select it, the first key opens the editor, Enter enters. */
  const enter = async (row: string, column: string, text: string) => {
    await cell(row, column).click();
    await expect
      .poll(() => page.getByTestId('form-grid').getAttribute('data-focus'))
      .toBe(`${row}/${column}`);
    await openEditor(page, '1');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(text);
    await page.keyboard.press('Enter');
    await page.locator('revogr-edit input').waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuilt();
    server = await startTestServer();
    const op = await setUpOperator(server);
    admin = await tenantWithAdmin(server, op, SLUG);
    const base = `/t/${SLUG}/api/model`;
    const res = await admin.post<{ items: { object: { id: string; code: string } }[] }>(
      `${base}/standard-dimensions`,
      { fiscalYear: 2027 },
    );
    const dims = Object.fromEntries(res.json.items.map((i) => [i.object.code, i.object.id]));
    const cube = await admin.post(`${base}/cubes`, {
      code: 'PL',
      nameJa: '損益計画',
      nameEn: 'P&L plan',
      dimensionIds: [dims['Account'], dims['Department'], dims['Scenario']],
    });
    if (cube.status !== 201) throw new Error(`cube failed: ${cube.text}`);
    browser = await launchChromium();
    context = await browser.newContext({
      ignoreHTTPSErrors: true,
      locale: 'ja-JP',
      viewport: { width: 1280, height: 1200 },
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
    consoleErrors.length = 0; // the sign-in page's session probe answers 401 by design
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('defines a form, enters figures, saves and sees the totals change', async () => {
    await page.getByTestId('nav-forms').click();
    await page.getByTestId('forms-empty').waitFor();
    await page.getByTestId('form-create').click();
    await input('field-code').fill('SALES_PLAN');
    await input('field-nameJa').fill('売上計画');
    await input('field-nameEn').fill('Sales plan');
    await input('field-category').fill('計画');
    await input('field-cube').selectOption('PL');
    await page.getByTestId('dim-Scenario').waitFor();
    // Defaults: Account on rows, Department on columns (each with its whole hierarchy), Scenario fixed.
    expect(await input('field-place-Account').inputValue()).toBe('rows');
    expect(await input('field-place-Department').inputValue()).toBe('columns');
    expect(await input('field-place-Scenario').inputValue()).toBe('fixed');
    expect(await page.getByTestId('member-select-Account-1').inputValue()).toBe('descendants');
    expect(await input('field-scale').inputValue()).toBe('1000');
    await shot('model-form-editor-ja');
    await page.getByTestId('form-save-definition').click();

    await page.getByTestId('form-grid').waitFor();
    expect(await page.getByTestId('form-title').textContent()).toContain('売上計画');
    await cell('OPERATING_PROFIT', 'ALL_DEPARTMENTS').waitFor();
    expect(await cell('OPERATING_PROFIT', 'ALL_DEPARTMENTS').textContent()).toBe('0');
    // Totals are computed (read-only) cells; leaves are input cells.
    expect(await cell('OPERATING_PROFIT', 'SALES').getAttribute('class')).toContain('yg-computed');
    expect(await cell('NET_SALES', 'ALL_DEPARTMENTS').getAttribute('class')).toContain('yg-computed');
    expect(await cell('NET_SALES', 'SALES').getAttribute('class')).toContain('yg-input');

    await enter('NET_SALES', 'SALES', '１，２３４');
    await enter('COST_OF_SALES', 'SALES', '234');
    await enter('NET_SALES', 'MANUFACTURING', '1,000');
    // Totals move before saving (COST_OF_SALES counts −1 in GROSS_PROFIT).
    await expect.poll(() => cell('GROSS_PROFIT', 'SALES').textContent()).toBe('1,000');
    await page.getByTestId('form-save').click();
    await page.getByTestId('notice').waitFor();
    await expect.poll(() => cell('OPERATING_PROFIT', 'ALL_DEPARTMENTS').textContent()).toBe('2,000');
    expect(await cell('GROSS_PROFIT', 'SALES').textContent()).toBe('1,000');
    expect(await cell('NET_SALES', 'ALL_DEPARTMENTS').textContent()).toBe('2,234');
    expect(await cell('NET_SALES', 'SALES').textContent()).toBe('1,234');
    await shot('model-form-view-ja');

    // Stored in yen (the form shows thousands of yen).
    const list = await admin.get<{ items: { object: { id: string } }[] }>(`/t/${SLUG}/api/model/forms`);
    const opened = await admin.post<OpenFormResponse>(
      `/t/${SLUG}/api/model/forms/${list.json.items[0]!.object.id}/open`,
      {},
    );
    const r = opened.json.rows.findIndex((x) => x.code === 'NET_SALES');
    const c = opened.json.columns.findIndex((x) => x.code === 'SALES');
    expect(opened.json.values[r]?.[c]).toBe(1_234_000);

    // A value that is not a number is refused in the page, nothing entered.
    await enter('SGA', 'SALES', 'abc');
    await page.getByTestId('grid-message').waitFor();
    expect(await page.getByTestId('form-save').isDisabled()).toBe(true);

    // The admin changes the definition (figures in yen now), then deletes the form.
    await page.getByTestId('form-edit').click();
    await page.getByTestId('dim-Scenario').waitFor();
    await input('field-scale').selectOption('1');
    await page.getByTestId('form-save-definition').click();
    await expect.poll(() => cell('OPERATING_PROFIT', 'ALL_DEPARTMENTS').textContent()).toBe('2,000,000');
    await page.getByTestId('form-edit').click();
    await page.getByTestId('form-delete').click();
    await page.getByTestId('confirm-dialog').getByTestId('confirm-dialog-confirm').click();
    await page.getByTestId('forms-empty').waitFor();
    expect(consoleErrors).toEqual([]);
  });
});

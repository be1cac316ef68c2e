// @vitest-environment node
/**
 * Numbers the way the tenant wants (issue 18 point 2) in Chromium against a real server: an org
 * admin sets the tenant's default number format (切り捨て, ▲ negatives) on its page; a form without
 * a format of its own then shows −1,234,567 円 as `▲1,234` under the label
 * `単位：千円（千円未満切り捨て）`, and its cell panel and form history state figures the same way,
 * labelled. Screenshots for the Handbook.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormView } from '../../src/modules/model/form-schemas.js';
import { setUpOperator } from '../support/flows.js';
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { PASSWORD, tenantWithAdmin } from '../support/tenant-admin.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'numfmt-b';

describe('number formats in a real browser', () => {
  let server: TestServer;
  let admin: HttpsClient;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let formId = '';
  const consoleErrors: string[] = [];
  const go = (to: string) => page.goto(`${server.url.replace(/\/$/, '')}${to}`);
  const shot = (name: string) => page.screenshot({ path: `${shotsDir}${name}.png`, fullPage: true });
  const input = (testId: string) => page.getByTestId(testId).locator('input, select').first();
  const cell = (row: string, column: string) => page.getByTestId(`cell-${row}-${column}`);

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
    // A form without a format of its own: it follows the tenant's default.
    const form = await admin.post<FormView>(`${base}/forms`, {
      code: 'SALES_PLAN',
      nameJa: '売上計画',
      nameEn: 'Sales plan',
      definition: {
        cube: 'PL',
        type: 'input',
        rows: {
          dimension: 'Account',
          members: [
            { element: 'NET_SALES', select: 'self' },
            { element: 'SGA', select: 'self' },
          ],
        },
        columns: { dimension: 'Department', members: [{ element: 'ALL_DEPARTMENTS', select: 'children' }] },
        fixed: [{ dimension: 'Scenario', element: 'BUDGET', userSelectable: false }],
        input: 'leaves',
        readOnly: [],
      },
    });
    if (form.status !== 201) throw new Error(`form failed: ${form.text}`);
    formId = form.json.object.id;
    const saved = await admin.post(`${base}/forms/${formId}/cells`, {
      cells: [
        { row: 'NET_SALES', column: 'SALES', value: 864_000 },
        { row: 'SGA', column: 'SALES', value: 2_345_678 },
      ],
    });
    if (saved.status !== 200) throw new Error(`save failed: ${saved.text}`);
    const again = await admin.post(`${base}/forms/${formId}/cells`, {
      cells: [{ row: 'NET_SALES', column: 'SALES', value: -1_234_567 }],
    });
    if (again.status !== 200) throw new Error(`save failed: ${again.text}`);
    browser = await launchChromium();
    context = await browser.newContext({
      ignoreHTTPSErrors: true,
      locale: 'ja-JP',
      viewport: { width: 1280, height: 1000 },
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

  it('shows the built-in default first (四捨五入, minus)', async () => {
    await go(`/t/${SLUG}/forms/${formId}`);
    await cell('NET_SALES', 'SALES').waitFor();
    expect(await page.getByTestId('unit-label').textContent()).toBe('単位：千円（千円未満四捨五入）');
    expect(await cell('NET_SALES', 'SALES').textContent()).toBe('-1,235');
    expect(await cell('SGA', 'SALES').textContent()).toBe('2,346');
  });

  it('sets the tenant default to 切り捨て with ▲, and the form shows ▲1,234 under its label', async () => {
    await page.getByTestId('nav-forms').click();
    await page.getByTestId('numfmt-default-link').click();
    await page.getByTestId('numfmt-built-in').waitFor();
    await input('field-rounding').selectOption('down');
    await input('field-negative').selectOption('triangle');
    expect(await page.getByTestId('numfmt-example').textContent()).toBe(
      '単位：千円（千円未満切り捨て）　例：−1,234,567円 → ▲1,234',
    );
    await page.getByTestId('numfmt-save').click();
    await page.getByTestId('notice').waitFor();
    await shot('number-format-default-ja');
    const stored = await admin.get<{ format: unknown; builtIn: boolean }>(
      `/t/${SLUG}/api/model/number-format`,
    );
    expect(stored.json).toEqual({
      format: { scale: 1000, decimals: 0, currency: 'JPY', rounding: 'down', negative: 'triangle' },
      builtIn: false,
    });

    await go(`/t/${SLUG}/forms/${formId}`);
    await cell('NET_SALES', 'SALES').waitFor();
    expect(await page.getByTestId('unit-label').textContent()).toBe('単位：千円（千円未満切り捨て）');
    expect(await cell('NET_SALES', 'SALES').textContent()).toBe('▲1,234');
    expect(await cell('SGA', 'SALES').textContent()).toBe('2,345');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('form-number-format-ja');

    // The cell panel's history: in the form's unit, labelled (not raw yen).
    await cell('NET_SALES', 'SALES').click();
    await expect.poll(() => page.getByTestId('form-grid').getAttribute('data-focus')).toBe('NET_SALES/SALES');
    await page.getByTestId('grid-cell-open').click();
    await page.getByTestId('cell-history').waitFor();
    const panel = page.getByTestId('cell-panel');
    expect(await panel.getByTestId('history-unit').textContent()).toBe('単位：千円（千円未満切り捨て）');
    const first = panel.getByTestId('cell-history').locator('tbody tr').first();
    expect(await first.locator('td.num').allTextContents()).toEqual(['864', '▲1,234']);

    // The form history: the same.
    await page.getByTestId('form-history-open').click();
    await page.getByTestId('form-history-item').first().waitFor();
    const history = page.getByTestId('form-history');
    expect(await history.getByTestId('history-unit').textContent()).toBe('単位：千円（千円未満切り捨て）');
    expect(await page.getByTestId('form-history-item').first().locator('td.num').allTextContents()).toEqual([
      '864',
      '▲1,234',
    ]);
    expect(consoleErrors).toEqual([]);
  });

  it('the form editor offers the tenant default or the form’s own rounding and negatives', async () => {
    await go(`/t/${SLUG}/admin/model/forms/${formId}/edit`);
    await page.getByTestId('field-formatSource').waitFor();
    expect(await input('field-formatSource').inputValue()).toBe('tenant');
    expect(await page.getByTestId('field-rounding').count()).toBe(0);
    await input('field-formatSource').selectOption('own');
    await input('field-rounding').selectOption('up');
    await input('field-negative').selectOption('parentheses');
    await page.getByTestId('form-save-definition').click();
    await page.getByTestId('form-grid').waitFor();
    await expect.poll(() => cell('NET_SALES', 'SALES').textContent()).toBe('(1,235)');
    expect(await page.getByTestId('unit-label').textContent()).toBe('単位：千円（千円未満切り上げ）');
    expect(consoleErrors).toEqual([]);
  });
});

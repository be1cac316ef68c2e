// @vitest-environment node
/**
 * End-to-end for the dimension screens (issue 6) in Chromium against a real server: an org admin
 * creates a dimension, builds a small hierarchy (top level, children, a -1 weight, a move to
 * another parent, reordering), renames an element and the dimension itself, and sees a cycle
 * refused with a clear message. Screenshots for the Handbook.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOperator } from '../support/flows.js';
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { PASSWORD, tenantWithAdmin } from '../support/tenant-admin.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'moderu';

describe('dimension screens in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const go = (to: string) => page.goto(`${server.url.replace(/\/$/, '')}${to}`);
  const shot = (name: string) => page.screenshot({ path: `${shotsDir}${name}.png` });
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
    consoleErrors.length = 0; // the sign-in page's session probe answers 401 by design
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  const addTop = async (code: string, ja: string, en: string) => {
    await input('field-code-top').fill(code);
    await input('field-nameJa-top').fill(ja);
    await input('field-nameEn-top').fill(en);
    await page.getByTestId('add-submit-top').click();
    await page.getByTestId(`node-${code}`).waitFor();
  };
  const addChild = async (parent: string, code: string, ja: string, en: string, weight?: string) => {
    await page.getByTestId(`add-child-${parent}`).first().click();
    await input(`field-code-${parent}`).fill(code);
    await input(`field-nameJa-${parent}`).fill(ja);
    await input(`field-nameEn-${parent}`).fill(en);
    if (weight) await input(`field-weight-${parent}`).fill(weight);
    await page.getByTestId(`add-submit-${parent}`).click();
    await page.getByTestId(`node-${code}`).waitFor();
  };
  const childOrder = (parent: string) =>
    page
      .locator(`[data-parent="${parent}"]`)
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));

  it('creates a dimension and builds, reorders and renames its hierarchy', async () => {
    await page.getByTestId('nav-dimensions').click();
    await page.getByTestId('dimensions-empty').waitFor();
    await page.getByTestId('standard-form').waitFor();
    await page.getByTestId('dimension-create').click();
    await input('field-code').fill('PL');
    await input('field-nameJa').fill('損益科目');
    await input('field-nameEn').fill('P&L accounts');
    await input('field-category').fill('勘定科目');
    await page.getByTestId('dimension-create-submit').click();
    await page.getByTestId('dimension-row-PL').getByRole('link').click();
    await page.getByTestId('tree-empty').waitFor();

    await addTop('OP', '営業利益', 'Operating profit');
    await addChild('OP', 'GP', '売上総利益', 'Gross profit');
    await addChild('GP', 'SALES', '売上高', 'Net sales');
    await addChild('GP', 'COGS', '売上原価', 'Cost of sales', '-1');
    await addChild('OP', 'SGA', '販売費及び一般管理費', 'SG&A', '-1');
    await addTop('MISC', 'その他', 'Other');
    await addChild('MISC', 'RENT', '地代家賃', 'Rent');
    expect(await page.getByTestId('weight-COGS').textContent()).toBe('×-1');
    await shot('model-dimension-tree-ja');

    // Move RENT under SGA (weight 1 there), then reorder inside GP.
    await page.getByTestId('edit-RENT').click();
    await page.getByTestId('field-parent').locator('select').selectOption('SGA');
    await input('field-weight').fill('1');
    await page.getByTestId('edit-save').click();
    await page.locator('[data-testid="node-RENT"][data-parent="SGA"]').waitFor();
    expect(await childOrder('GP')).toEqual(['node-SALES', 'node-COGS']);
    await page.getByTestId('up-COGS').click();
    await expect.poll(() => childOrder('GP')).toEqual(['node-COGS', 'node-SALES']);

    // Rename an element.
    await page.getByTestId('edit-SALES').click();
    await input('field-nameJa').fill('純売上高');
    await page.getByTestId('edit-save').click();
    await expect.poll(() => page.getByTestId('name-SALES').textContent()).toBe('純売上高 / Net sales');

    // A cycle is refused with a clear message and nothing changes.
    await page.getByTestId('edit-OP').click();
    await page.getByTestId('field-parent').locator('select').selectOption('SALES');
    await page.getByTestId('edit-save').click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('循環');
    expect(await page.locator('[data-testid="node-OP"]').getAttribute('data-parent')).toBe('');
    await shot('model-dimension-cycle-ja');

    // Rename the dimension itself (the catalogue name).
    await input('field-objNameJa').fill('損益計算書科目');
    await input('field-objCategory').fill('財務');
    await page.getByTestId('names-save').click();
    await expect.poll(() => page.getByTestId('dimension-title').textContent()).toContain('損益計算書科目');
    await go(`/t/${SLUG}/admin/model/dimensions`);
    const row = page.getByTestId('dimension-row-PL');
    await expect.poll(() => row.textContent()).toContain('損益計算書科目');
    expect(await row.textContent()).toContain('財務');
    expect(await row.locator('td.num').textContent()).toBe('7');
    await shot('model-dimensions-list-ja');
    expect(consoleErrors.filter((e) => !e.includes('409'))).toEqual([]);
  });
});

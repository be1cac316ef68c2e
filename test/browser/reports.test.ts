// @vitest-environment node
/**
 * End-to-end for reports (issue 7) in Chromium against a real server: a first-time org admin
 * installs the demo in one click, opens the budget-vs-actual report from its portal, reads the
 * variance %, ticks rows and sees the chart with their names in its legend, switches to lines,
 * drills from a total row into its children and back up through the breadcrumb, and adds a
 * variance member in the form editor. Screenshots for the Handbook (ja and en).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOperator } from '../support/flows.js';
import { ensureWebBuilt, launchChromium, signedIn } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { tenantWithAdmin } from '../support/tenant-admin.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'repoto';

describe('reports in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  let reportUrl = '';

  const signIn = async (locale: 'ja-JP' | 'en-US'): Promise<Page> => {
    const page = await signedIn(browser, server, SLUG, `admin@${SLUG}.example`, locale, consoleErrors, {
      viewport: { width: 1440, height: 1100 },
      timeoutMs: 20_000,
    });
    contexts.push(page.context());
    return page;
  };
  const shot = async (page: Page, name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${shotsDir}${name}.png`, fullPage: true });
  };
  const rowCodes = (page: Page) =>
    page
      .getByTestId('form-grid')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => (tr.getAttribute('data-testid') ?? '').replace('form-row-', '')));

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuilt();
    server = await startTestServer();
    await tenantWithAdmin(server, await setUpOperator(server), SLUG);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows budget, forecast and actuals with variance %, and charts the ticked rows', async () => {
    const page = await signIn('ja-JP');
    await page.getByTestId('demo-install').click();
    await page.getByTestId('demo-installed').waitFor();
    await page.getByTestId('demo-open-portal').click();
    await page.getByTestId('tile-PL_VARIANCE').getByRole('link').click();
    await page.getByTestId('form-grid').waitFor();
    reportUrl = page.url();
    expect(await page.getByTestId('form-title').textContent()).toContain('予実対比');
    expect(await page.getByTestId('col-VARIANCE_PCT').textContent()).toBe('差異率（実績÷予算）');
    expect(await page.getByTestId('col-FORECAST').textContent()).toBe('見込');
    expect(await page.getByTestId('cell-NET_SALES-VARIANCE_PCT').textContent()).toMatch(/^[+-]\d+\.\d%$/);
    expect(await page.getByTestId('cell-NET_SALES-BUDGET').textContent()).toMatch(/^\d{1,3}(,\d{3})+$/);
    // No row ticked yet: the chart asks for rows.
    await page.getByTestId('chart-empty').waitFor();

    await page.getByTestId('tick-NET_SALES').check();
    await page.getByTestId('tick-OPERATING_PROFIT').check();
    await page.getByTestId('report-chart-canvas').waitFor();
    const legend = page.getByTestId('chart-legend');
    expect(await legend.locator('li').allTextContents()).toEqual(['売上高', '営業利益']);
    // The canvas is drawn (Chart.js sizes it to its box).
    const box = await page.getByTestId('report-chart-canvas').boundingBox();
    expect(box?.width).toBeGreaterThan(200);
    expect(box?.height).toBeGreaterThan(200);
    expect(await page.getByTestId('report-chart').textContent()).toContain('差異率の列は金額ではないため');
    await page.getByTestId('chart-line').click();
    expect(await page.getByTestId('chart-line').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('report-chart-canvas').waitFor();
    await page.getByTestId('chart-bar').click();
    await shot(page, 'reports-chart-ja');

    // Another period: the figures change, the ticks stay.
    const before = await page.getByTestId('cell-NET_SALES-ACTUAL').textContent();
    await page.locator('#fixed-Period').selectOption('FY2027-Q1');
    await expect.poll(() => page.getByTestId('cell-NET_SALES-ACTUAL').textContent()).not.toBe(before);
    expect(await legend.locator('li').allTextContents()).toEqual(['売上高', '営業利益']);
    expect(consoleErrors).toEqual([]);
  });

  it('drills from a total row into its children and back up', async () => {
    const page = await signIn('ja-JP');
    await page.goto(reportUrl);
    await page.getByTestId('form-grid').waitFor();
    expect(await page.getByTestId('drill-NET_SALES').count()).toBe(0); // leaves have no drill
    await page.getByTestId('drill-OPERATING_PROFIT').click();
    await expect.poll(() => rowCodes(page)).toEqual(['OPERATING_PROFIT', 'GROSS_PROFIT', 'SGA']);
    await page.getByTestId('drill-SGA').click();
    await expect
      .poll(() => rowCodes(page))
      .toEqual(['SGA', 'PERSONNEL', 'ADVERTISING', 'RENT', 'DEPRECIATION', 'OTHER_SGA']);
    expect(await page.getByTestId('report-path').textContent()).toBe(
      'すべての行 › 営業利益 › 販売費及び一般管理費',
    );
    expect(await page.getByTestId('cell-ADVERTISING-VARIANCE_PCT').textContent()).toMatch(/%$/);
    await page.getByTestId('tick-ADVERTISING').check();
    await page.getByTestId('tick-PERSONNEL').check();
    await page.getByTestId('report-chart-canvas').waitFor();
    await shot(page, 'reports-drill-ja');
    await page.getByTestId('crumb-OPERATING_PROFIT').click();
    await expect.poll(() => rowCodes(page)).toEqual(['OPERATING_PROFIT', 'GROSS_PROFIT', 'SGA']);
    await page.getByTestId('crumb-top').click();
    await expect.poll(async () => (await rowCodes(page)).length).toBe(10);
    expect(await page.getByTestId('report-path').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('in English, and an administrator adds a variance member in the editor', async () => {
    const page = await signIn('en-US');
    await page.goto(reportUrl);
    await page.getByTestId('form-grid').waitFor();
    expect(await page.getByTestId('col-VARIANCE_PCT').textContent()).toBe('Variance % (actual vs budget)');
    await page.getByTestId('tick-NET_SALES').check();
    await page.getByTestId('tick-COST_OF_SALES').check();
    await page.getByTestId('chart-line').click();
    await page.getByTestId('report-chart-canvas').waitFor();
    expect(await page.getByTestId('chart-legend').locator('li').allTextContents()).toEqual([
      'Net sales',
      'Cost of sales',
    ]);
    expect(await page.getByTestId('report-chart').textContent()).toContain('Unit: thousand yen');
    await shot(page, 'reports-chart-en');

    await page.getByTestId('form-edit').click();
    await page.getByTestId('computed-members').waitFor();
    await page.getByTestId('computed-add-Scenario').click();
    const added = 'computed-Scenario-3';
    await page.getByTestId(`${added}-kind`).selectOption('difference');
    await page.getByTestId(`${added}-of`).selectOption('ACTUAL');
    await page.getByTestId(`${added}-base`).selectOption('FORECAST');
    await page.getByTestId(`${added}-code`).fill('ACT_VS_FC');
    await page.getByTestId(`${added}-name-ja`).fill('実績−見込');
    await page.getByTestId(`${added}-name-en`).fill('Actual − forecast');
    // The section alone, from the whole page (the sticky header would cover an element shot).
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = (await page.getByTestId('computed-members').boundingBox())!;
    await page.screenshot({ path: `${shotsDir}reports-editor-en.png`, fullPage: true, clip: box });
    await page.getByTestId('form-save-definition').click();
    await page.getByTestId('col-ACT_VS_FC').waitFor();
    expect(await page.getByTestId('col-ACT_VS_FC').textContent()).toBe('Actual − forecast');
    expect(await page.getByTestId('cell-NET_SALES-ACT_VS_FC').textContent()).toMatch(/^([+-][\d,]+|0)$/);
    expect(consoleErrors).toEqual([]);
  });
});

// @vitest-environment node
/**
 * End-to-end for the actuals import and the cell panel (issue 7) in Chromium against a real server:
 * an org admin uploads a CSV on the cube's "Import actuals" page, maps its columns (with a GL code
 * table), sees a row refused in the preview, uploads the corrected file, applies it, and finds the
 * figures (and totals) in the cube's slice; a figure's panel shows its history (path: import) and
 * takes a comment. Screenshots for the Handbook.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CubeView } from '../../src/modules/model/cube-schemas.js';
import { setUpOperator } from '../support/flows.js';
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { PASSWORD, tenantWithAdmin } from '../support/tenant-admin.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'jisseki';
const HEADER = '勘定科目,部門,年月,金額';

describe('actuals import and cell panel in a real browser', () => {
  let server: TestServer;
  let admin: HttpsClient;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cubeId = '';
  const consoleErrors: string[] = [];
  const go = (to: string) => page.goto(`${server.url.replace(/\/$/, '')}${to}`);
  const shot = (name: string) => page.screenshot({ path: `${shotsDir}${name}.png`, fullPage: true });
  const input = (testId: string) => page.getByTestId(testId).locator('input, select').first();
  const upload = (name: string, lines: string[]) =>
    page.getByTestId('actuals-file').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(`${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8'),
    });

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuilt();
    server = await startTestServer();
    const op = await setUpOperator(server);
    admin = await tenantWithAdmin(server, op, SLUG);
    const std = await admin.post<{ items: { object: { id: string; code: string } }[] }>(
      `/t/${SLUG}/api/model/standard-dimensions`,
      { fiscalYear: 2027 },
    );
    const dims = Object.fromEntries(std.json.items.map((i) => [i.object.code, i.object.id]));
    const cube = await admin.post<CubeView>(`/t/${SLUG}/api/model/cubes`, {
      code: 'PL',
      nameJa: '損益実績',
      nameEn: 'P&L actuals',
      dimensionIds: [dims['Account'], dims['Department'], dims['Period']],
    });
    cubeId = cube.json.object.id;
    browser = await launchChromium();
    context = await browser.newContext({
      ignoreHTTPSErrors: true,
      locale: 'ja-JP',
      viewport: { width: 1280, height: 1400 },
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

  it('maps, previews (with a refused row), applies, and shows the figures', async () => {
    await go(`/t/${SLUG}/admin/model/cubes/${cubeId}`);
    await page.getByTestId('open-actuals').click();
    await upload('actuals.csv', [
      '4100,SALES,2027-04,"1,000,000"',
      '5100,SALES,2027-04,400000',
      '9999,SALES,2027-04,5',
    ]);
    await page.getByTestId('actuals-file-info').waitFor();
    await page.getByTestId('map-column-Account').selectOption('勘定科目');
    await page.getByTestId('map-column-Department').selectOption('部門');
    await page.getByTestId('map-column-Period').selectOption('年月');
    await page.getByTestId('map-value').selectOption('金額');
    await page.getByTestId('map-codes-Account').fill('4100 = NET_SALES\n5100 = COST_OF_SALES');
    await page.getByTestId('actuals-preview').click();
    await page.getByTestId('actuals-preview-table').waitFor();
    expect(await page.getByTestId('preview-error-row').textContent()).toContain('9999');
    expect(await page.getByTestId('actuals-apply').count()).toBe(0);
    await shot('actuals-import-ja');

    await upload('actuals-fixed.csv', [
      '4100,SALES,2027-04,"1,000,000"',
      '5100,SALES,2027-04,400000',
      'SGA,ADMINISTRATION,2027-04,"▲10,000"',
      'SGA,ADMINISTRATION,2027-04,"160,000"',
    ]);
    await page.getByTestId('actuals-preview').click();
    await page.getByTestId('actuals-apply').click();
    await page.getByTestId('actuals-applied').waitFor();
    expect(await page.getByTestId('actuals-applied').textContent()).toContain('3');

    await go(`/t/${SLUG}/admin/model/cubes/${cubeId}`);
    await page.getByTestId('cube-slice').waitFor();
    await input('field-fixed-Period').selectOption('2027-04');
    const value = (r: string, c: string) => page.getByTestId(`slice-${r}-${c}`);
    await expect.poll(() => value('GROSS_PROFIT', 'SALES').textContent()).toBe('600,000');
    expect(await value('OPERATING_PROFIT', 'ALL_DEPARTMENTS').textContent()).toBe('450,000');

    await value('NET_SALES', 'SALES').getByRole('button').click();
    await page.getByTestId('cell-history').waitFor();
    expect(await page.getByTestId('cell-history').textContent()).toContain('取込');
    await page.getByTestId('cell-comment-text').fill('4 月は新規顧客 2 社の初回出荷を含みます。');
    await page.getByTestId('cell-comment-add').click();
    await page.getByTestId('cell-comment').waitFor();
    expect(await page.getByTestId('cell-comment').textContent()).toContain('新規顧客');
    await shot('cell-panel-ja');
    // Closing the panel shows the comment marker on the figure.
    await page.getByTestId('cell-panel-close').click();
    await value('NET_SALES', 'SALES').getByTestId('comment-marker').waitFor();
    expect(consoleErrors).toEqual([]);
  });
});

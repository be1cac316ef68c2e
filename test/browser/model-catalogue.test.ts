// @vitest-environment node
/**
 * End-to-end for the model catalogue and cube screens (issue 6) in Chromium against a real server:
 * an org admin creates the standard dimensions and a cube over three of them through the screens,
 * sees figures written to the cube consolidate in the cube's slice (hierarchy with −1 weights),
 * then renames and re-categorises a dimension and the cube in the catalogue and sees the new
 * names on the other screens. Screenshots for the Handbook.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOperator } from '../support/flows.js';
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { PASSWORD, tenantWithAdmin } from '../support/tenant-admin.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'katarogu';

describe('model catalogue and cube screens in a real browser', () => {
  let server: TestServer;
  let admin: HttpsClient;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const go = (to: string) => page.goto(`${server.url.replace(/\/$/, '')}${to}`);
  const shot = (name: string) => page.screenshot({ path: `${shotsDir}${name}.png` });
  const input = (testId: string) => page.getByTestId(testId).locator('input, select').first();
  const form = (testId: string) => page.getByTestId(testId);

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuilt();
    server = await startTestServer();
    const op = await setUpOperator(server);
    admin = await tenantWithAdmin(server, op, SLUG);
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

  it('builds a cube over standard dimensions and shows live totals', async () => {
    await page.getByTestId('nav-dimensions').click();
    await input('field-fiscalYear').fill('2027');
    await page.getByTestId('standard-submit').click();
    await page.getByTestId('dimension-row-Period').waitFor();

    await page.getByTestId('nav-cubes').click();
    await page.getByTestId('cubes-empty').waitFor();
    await page.getByTestId('cube-create').click();
    const f = form('cube-create-form');
    await f.getByTestId('field-code').locator('input').fill('PL');
    await f.getByTestId('field-nameJa').locator('input').fill('損益');
    await f.getByTestId('field-nameEn').locator('input').fill('Profit and loss');
    await f.getByTestId('field-category').locator('input').fill('計画');
    // Submitting without dimensions is refused with a message, nothing created.
    await page.getByTestId('cube-create-submit').click();
    await f.locator('[role="alert"]').first().waitFor();
    for (const d of ['Account', 'Department', 'Period']) await page.getByTestId(`cube-dim-${d}`).check();
    await page.getByTestId('cube-create-submit').click();
    await page.getByTestId('cube-row-PL').waitFor();
    expect(await page.getByTestId('cube-size-PL').textContent()).toBe('0');

    const cubes = await admin.get<{ items: { object: { id: string } }[] }>(`/t/${SLUG}/api/model/cubes`);
    const id = cubes.json.items[0]!.object.id;
    const cell = (account: string, department: string, value: number) => ({
      coords: { Account: account, Department: department, Period: '2027-04' },
      value,
    });
    const w = await admin.post(`/t/${SLUG}/api/model/cubes/${id}/cells`, {
      cells: [
        cell('NET_SALES', 'SALES', 1_000_000),
        cell('COST_OF_SALES', 'SALES', 400_000),
        cell('SGA', 'ADMINISTRATION', 150_000),
      ],
    });
    expect(w.status).toBe(200);

    await page.reload();
    expect(await page.getByTestId('cube-size-PL').textContent()).toBe('3');
    await page.getByTestId('cube-row-PL').getByRole('link').click();
    await page.getByTestId('cube-slice').waitFor();
    const value = (r: string, c: string) => page.getByTestId(`slice-${r}-${c}`);
    // Period is fixed at the fiscal year (its first element): April's figures consolidate into it.
    await expect.poll(() => value('GROSS_PROFIT', 'SALES').textContent()).toBe('600,000');
    expect(await value('OPERATING_PROFIT', 'ALL_DEPARTMENTS').textContent()).toBe('450,000');
    expect(await value('SGA', 'ALL_DEPARTMENTS').textContent()).toBe('150,000');
    await shot('model-cube-slice-ja');
  });

  it('renames and re-categorises a dimension and a cube in the catalogue', async () => {
    await page.getByTestId('nav-model').click();
    await page.getByTestId('catalogue-row-cube-PL').waitFor();
    await page.getByTestId('catalogue-edit-dimension-Department').click();
    const f = form('catalogue-edit-form');
    await f.getByTestId('field-nameJa').locator('input').fill('組織');
    await f.getByTestId('field-nameEn').locator('input').fill('Organisation');
    await f.getByTestId('field-category').locator('input').fill('組織管理');
    await page.getByTestId('catalogue-save').click();
    await page.getByTestId('notice').waitFor();
    // The list reloads after the save: wait for the new category rather than read it at once.
    await expect
      .poll(() => page.getByTestId('catalogue-category-dimension-Department').textContent())
      .toBe('組織管理');

    await page.getByTestId('catalogue-edit-cube-PL').click();
    await form('catalogue-edit-form').getByTestId('field-nameJa').locator('input').fill('損益計画');
    await form('catalogue-edit-form').getByTestId('field-category').locator('input').fill('予算');
    await page.getByTestId('catalogue-save').click();
    await expect.poll(() => page.getByTestId('catalogue-category-cube-PL').textContent()).toBe('予算');
    // An empty name is refused in Japanese and nothing changes.
    await page.getByTestId('catalogue-edit-cube-PL').click();
    await form('catalogue-edit-form').getByTestId('field-nameJa').locator('input').fill('');
    await page.getByTestId('catalogue-save').click();
    await form('catalogue-edit-form').locator('[role="alert"]').first().waitFor();
    await page.getByRole('button', { name: 'キャンセル' }).click();

    // Filter by kind, then by the new category.
    await input('field-kind').selectOption('cube');
    await page.getByTestId('catalogue-row-dimension-Department').waitFor({ state: 'detached' });
    await input('field-kind').selectOption('');
    await input('field-category').selectOption('組織管理');
    await page.getByTestId('catalogue-row-cube-PL').waitFor({ state: 'detached' });
    await page.getByTestId('catalogue-row-dimension-Department').waitFor();
    await input('field-category').selectOption('');
    await page.getByTestId('catalogue-row-cube-PL').waitFor();
    await shot('model-catalogue-ja');

    // The new names are what the other screens show.
    await page.getByTestId('nav-cubes').click();
    await page.getByTestId('cube-row-PL').getByText('損益計画').waitFor();
    expect(await page.getByTestId('cube-row-PL').textContent()).toContain('組織');
    expect(consoleErrors.filter((e) => !e.includes('400'))).toEqual([]);
  });

  it('copies a month to another and locks it, through the cube screen', async () => {
    await page.getByTestId('cube-row-PL').getByRole('link').click();
    await page.getByTestId('copy-form').waitFor();
    await input('field-copyDimension').selectOption('Period');
    await page.getByTestId('copy-from').selectOption('2027-04');
    await page.getByTestId('copy-to').selectOption('2027-05');
    await page.getByTestId('copy-submit').click();
    await expect.poll(() => page.getByTestId('copy-done').textContent()).toContain('3');

    await input('field-lockDimension').selectOption('Period');
    await page.getByTestId('lock-element').selectOption('FY2027-Q1');
    await input('field-lockNote').fill('第1四半期の実績を確定');
    await page.getByTestId('lock-submit').click();
    await page.getByTestId('lock-Period-FY2027-Q1').waitFor();
    await shot('cube-locks-ja');
    // Copying into the locked quarter is refused with the reason, nothing changes.
    await page.getByTestId('copy-from').selectOption('2027-04');
    await page.getByTestId('copy-to').selectOption('2027-06');
    await page.getByTestId('copy-submit').click();
    await page.getByTestId('copy-form').getByText('締められている').waitFor();
    await page.getByTestId('unlock-Period-FY2027-Q1').click();
    await page.getByTestId('locks-empty').waitFor();
    expect(consoleErrors.filter((e) => !e.includes('400') && !e.includes('409'))).toEqual([]);
  });

  it('renames and re-categorises a form and a portal, and their pages show the new names', async () => {
    const created = await admin.post<{ object: { id: string } }>(`/t/${SLUG}/api/model/forms`, {
      code: 'PL_IN',
      nameJa: '損益入力',
      nameEn: 'P&L entry',
      category: '入力',
      definition: {
        cube: 'PL',
        type: 'input',
        rows: { dimension: 'Account', members: [{ element: 'OPERATING_PROFIT', select: 'descendants' }] },
        columns: { dimension: 'Department', members: [{ element: 'ALL_DEPARTMENTS', select: 'children' }] },
        fixed: [{ dimension: 'Period', element: '2027-04', userSelectable: false }],
        input: 'leaves',
        readOnly: [],
        format: { scale: 1, decimals: 0, currency: 'JPY' },
      },
    });
    expect(created.status).toBe(201);
    const portal = await admin.post<{ portal: { id: string } }>(`/t/${SLUG}/api/model/portals`, {
      code: 'FY2027',
      nameJa: '予算編成',
      nameEn: 'Budgeting',
      category: '',
      tiles: [{ form: 'PL_IN' }],
    });
    expect(portal.status).toBe(201);

    await page.getByTestId('nav-model').click();
    for (const [key, ja, category] of [
      ['form-PL_IN', '部門別損益入力', '予算'],
      ['portal-FY2027', '2027年度予算編成', '予算'],
    ] as const) {
      await page.getByTestId(`catalogue-edit-${key}`).click();
      await form('catalogue-edit-form').getByTestId('field-nameJa').locator('input').fill(ja);
      await form('catalogue-edit-form').getByTestId('field-category').locator('input').fill(category);
      await page.getByTestId('catalogue-save').click();
      await expect.poll(() => page.getByTestId(`catalogue-category-${key}`).textContent()).toBe(category);
    }
    await page.getByTestId('catalogue-row-portal-FY2027').getByRole('link').click();
    await expect.poll(() => page.getByTestId('portal-title').textContent()).toContain('2027年度予算編成');
    await page.getByTestId('tile-PL_IN').getByText('部門別損益入力').waitFor();
    await page.getByTestId('tile-PL_IN').getByRole('link').click();
    await page.getByText('部門別損益入力').first().waitFor();
    expect(consoleErrors.filter((e) => !e.includes('400') && !e.includes('409'))).toEqual([]);
  });
});

// @vitest-environment node
/**
 * Variance by sense and statement order (issue 18 points 3 and 4) in Chromium: the model admin
 * sees the standard costs marked as favourable when down in the dimension editor and changes an
 * account's sense; a budget-vs-actual report colours and marks an overspend on costs as
 * unfavourable and an underspend as favourable (sales the other way), with the legend saying
 * so, its totals below their details; and the form editor puts the expense form's total below
 * its accounts in the input grid. Screenshots for the Handbook (ja and en).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../src/modules/model/definitions.js';
import { ensureWebBuilt, launchChromium, signedIn } from '../support/browser.js';
import { EXPENSES, gridWorld, type GridWorld } from '../support/grid-world.js';
import { startTestServer, type TestServer } from '../support/server.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'kamoku';
const GREEN = 'rgb(6, 118, 71)';
const RED = 'rgb(180, 35, 24)';

const REPORT: FormDefinition = {
  cube: 'PL',
  type: 'report',
  rows: {
    dimension: 'Account',
    members: [
      { element: 'OPERATING_PROFIT', select: 'self' },
      { element: 'OPERATING_PROFIT', select: 'descendants' },
    ],
  },
  columns: {
    dimension: 'Scenario',
    members: [
      { element: 'BUDGET', select: 'self' },
      { element: 'ACTUAL', select: 'self' },
    ],
    computed: [
      {
        code: 'DIFF',
        name: { ja: '差異', en: 'Variance' },
        kind: 'difference',
        of: 'ACTUAL',
        base: 'BUDGET',
      },
      { code: 'PCT', name: { ja: '差異率', en: 'Variance %' }, kind: 'ratio', of: 'ACTUAL', base: 'BUDGET' },
    ],
  },
  fixed: [
    { dimension: 'Department', element: 'SALES', userSelectable: false },
    { dimension: 'Period', element: '2027-04', userSelectable: false },
  ],
  input: 'none',
  readOnly: [],
  format: { scale: 1000, decimals: 0, currency: 'JPY' },
  totals: 'below',
};

describe('variance by sense and statement order in a real browser', () => {
  let server: TestServer;
  let w: GridWorld;
  let browser: Browser;
  let reportId = '';
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  const origin = () => server.url.replace(/\/$/, '');

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
  const reportRows = (page: Page) =>
    page
      .getByTestId('form-grid')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => (tr.getAttribute('data-testid') ?? '').replace('form-row-', '')));
  /** How a report cell looks: its verdict, marker (drawn before the figure) and text colour. */
  const look = (page: Page, row: string, column: string) =>
    page.getByTestId(`cell-${row}-${column}`).evaluate((td) => ({
      verdict: td.getAttribute('data-verdict'),
      marker: getComputedStyle(td, '::before').content,
      colour: getComputedStyle(td).color,
      text: td.textContent,
    }));

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuilt();
    server = await startTestServer();
    w = await gridWorld(server, SLUG);
    const at = (Account: string, Scenario: string, value: number) => ({
      coords: { Account, Period: '2027-04', Department: 'SALES', Scenario },
      value,
    });
    const cells = await w.admin.post(`/t/${SLUG}/api/model/cubes/${w.cubeId}/cells`, {
      cells: [
        at('NET_SALES', 'BUDGET', 1_000_000),
        at('NET_SALES', 'ACTUAL', 1_200_000),
        at('COST_OF_SALES', 'BUDGET', 300_000),
        at('COST_OF_SALES', 'ACTUAL', 360_000),
        at('EXP01', 'BUDGET', 100_000),
        at('EXP01', 'ACTUAL', 80_000),
      ],
    });
    if (cells.status !== 200) throw new Error(`cells: ${cells.text}`);
    const report = await w.admin.post<{ object: { id: string } }>(`/t/${SLUG}/api/model/forms`, {
      code: 'PL_BY_SENSE',
      nameJa: '予実対比（4月・営業部）',
      nameEn: 'Budget vs actual (April, Sales)',
      definition: REPORT,
    });
    if (report.status !== 201) throw new Error(`report: ${report.text}`);
    reportId = report.json.object.id;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows costs as favourable when down in the dimension editor, and changes an account', async () => {
    const page = await signIn('ja-JP');
    await page.goto(`${origin()}/t/${SLUG}/admin/model/dimensions/${w.dims['Account']}`);
    await page.getByTestId('dimension-tree').waitFor();
    expect(await page.getByTestId('sense-COST_OF_SALES').textContent()).toBe('費用');
    expect(await page.getByTestId('sense-SGA').count()).toBe(1);
    // Accounts added under SGA started as costs.
    expect(await page.getByTestId('sense-EXP10').count()).toBe(1);
    expect(await page.getByTestId('sense-NET_SALES').count()).toBe(0);
    await page.getByTestId('edit-EXP10').click();
    expect(await page.getByTestId('edit-sense').inputValue()).toBe('down');
    await page.getByTestId('edit-sense').selectOption('up');
    await page.getByTestId('edit-save').click();
    await expect.poll(() => page.getByTestId('sense-EXP10').count()).toBe(0);
    await page.getByTestId('edit-EXP10').click();
    await page.getByTestId('edit-sense').selectOption('down');
    const box = (await page.getByTestId('edit-form-EXP10').boundingBox())!;
    await page.screenshot({ path: `${shotsDir}model-dimension-sense-ja.png`, clip: box });
    await page.getByTestId('edit-save').click();
    await page.getByTestId('sense-EXP10').waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it('colours and marks variances by sense: an overspend on costs is unfavourable, an underspend favourable', async () => {
    const page = await signIn('ja-JP');
    await page.goto(`${origin()}/t/${SLUG}/forms/${reportId}`);
    await page.getByTestId('form-grid').waitFor();
    // Totals below their details, as a 損益計算書 reads.
    expect(await reportRows(page)).toEqual([
      'NET_SALES',
      'COST_OF_SALES',
      'GROSS_PROFIT',
      ...EXPENSES,
      'SGA',
      'OPERATING_PROFIT',
    ]);
    // Sales up 200 千円: favourable. Cost of sales up 60: an overspend. Expense 1 down 20: an underspend.
    expect(await look(page, 'NET_SALES', 'DIFF')).toEqual({
      verdict: 'favourable',
      marker: '"○ "',
      colour: GREEN,
      text: '+200',
    });
    expect(await look(page, 'NET_SALES', 'PCT')).toMatchObject({ verdict: 'favourable', text: '+20.0%' });
    expect(await look(page, 'COST_OF_SALES', 'DIFF')).toEqual({
      verdict: 'unfavourable',
      marker: '"× "',
      colour: RED,
      text: '+60',
    });
    expect(await look(page, 'EXP01', 'DIFF')).toEqual({
      verdict: 'favourable',
      marker: '"○ "',
      colour: GREEN,
      text: '-20',
    });
    expect(await look(page, 'EXP01', 'PCT')).toMatchObject({
      verdict: 'favourable',
      colour: GREEN,
      text: '-20.0%',
    });
    expect(await look(page, 'EXP02', 'DIFF')).toMatchObject({ verdict: 'neutral', marker: 'none' });
    // Plain figures are not judged.
    expect(await look(page, 'COST_OF_SALES', 'ACTUAL')).toMatchObject({ verdict: null, marker: 'none' });
    expect(await page.getByTestId('cell-COST_OF_SALES-DIFF').getAttribute('title')).toContain('不利差異');
    expect(await page.getByTestId('variance-legend').textContent()).toContain(
      '費用は減少（予算の未消化）を有利',
    );
    await shot(page, 'reports-variance-sense-ja');
    expect(consoleErrors).toEqual([]);
  });

  it('says the same in English', async () => {
    const page = await signIn('en-US');
    await page.goto(`${origin()}/t/${SLUG}/forms/${reportId}`);
    await page.getByTestId('form-grid').waitFor();
    expect(await page.getByTestId('variance-legend').textContent()).toContain(
      'costs when down (an underspend)',
    );
    expect(await page.getByTestId('cell-EXP01-DIFF').getAttribute('title')).toContain('Favourable variance');
    await shot(page, 'reports-variance-sense-en');
    expect(consoleErrors).toEqual([]);
  });

  it('puts the expense form total below its accounts in the grid, chosen in the form editor', async () => {
    const page = await signIn('ja-JP');
    await page.goto(`${origin()}/t/${SLUG}/admin/model/forms/new`);
    expect(await page.getByTestId('form-totals').inputValue()).toBe('below'); // new forms: P&L order
    await page.goto(`${origin()}/t/${SLUG}/admin/model/forms/${w.formId}/edit`);
    expect(await page.getByTestId('form-totals').inputValue()).toBe('above'); // forms made before keep theirs
    await page.getByTestId('form-totals').selectOption('below');
    // The field alone, from the whole page (the sticky header would cover an element shot).
    await page.evaluate(() => window.scrollTo(0, 0));
    const field = (await page.getByTestId('field-totals').boundingBox())!;
    await page.screenshot({ path: `${shotsDir}model-forms-totals-ja.png`, fullPage: true, clip: field });
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/model/forms/')),
      page.getByTestId('form-save-definition').click(),
    ]);
    await page.goto(`${origin()}/t/${SLUG}/forms/${w.formId}`);
    await page.getByTestId('form-grid').waitFor();
    await page.getByTestId('rowhead-SGA').waitFor();
    const order = () =>
      page.locator('[data-testid^="rowhead-"]').evaluateAll((heads) =>
        heads
          .map((h) => ({ code: h.getAttribute('data-testid')!.slice(8), y: h.getBoundingClientRect().top }))
          .sort((a, b) => a.y - b.y)
          .map((h) => h.code),
      );
    await expect.poll(order, { timeout: 10_000 }).toEqual([...EXPENSES, 'SGA']);
    await shot(page, 'form-entry-statement-order-ja');
    // The total folds the accounts above it.
    await page.getByTestId('toggle-SGA').click();
    await expect.poll(order, { timeout: 10_000 }).toEqual(['SGA']);
    await page.getByTestId('toggle-SGA').click();
    await expect.poll(order, { timeout: 10_000 }).toEqual([...EXPENSES, 'SGA']);
    expect(consoleErrors).toEqual([]);
  });
});

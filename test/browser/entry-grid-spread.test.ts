// @vitest-environment node
/**
 * The input grid at full width and spreading choices (issue 18 points 5 and 8) in Chromium:
 * in a 1,400 px window the demo form (and its report) shows its twelve months and the year without scrolling
 * sideways; a figure of 115,015,001,500 shows whole; the row names stay in view when the grid
 * scrolls sideways. On the totals form a planner types a year total spread in proportion with two
 * held months, then equally, and holds every month (refused with a clear message); the stored
 * yen are checked through the API. Screenshots for the Handbook.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium, signedIn } from '../support/browser.js';
import {
  formValues,
  gridCell as cell,
  gridWorld,
  MONTHS,
  selectCell,
  typeInCell,
  type GridWorld,
} from '../support/grid-world.js';
import { startTestServer, type TestServer } from '../support/server.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'haibun';
const WINDOW = { width: 1400, height: 900 };
const until = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 10_000 });
const HUGE = 115_015_001_500;

describe('input grid: full width, long figures, spreading choices', () => {
  let server: TestServer;
  let w: GridWorld;
  let browser: Browser;
  const errors: string[] = [];
  const put = async (cells: { account: string; period: string; value: number }[]) => {
    const res = await w.admin.post(`/t/${SLUG}/api/model/cubes/${w.cubeId}/cells`, {
      cells: cells.map((c) => ({
        coords: { Account: c.account, Period: c.period, Department: 'MANUFACTURING', Scenario: 'BUDGET' },
        value: c.value,
      })),
    });
    expect(res.status).toBe(200);
  };
  /** A form page of the org admin on the Manufacturing department (outside the workflow). */
  const open = async (formId: string, locale: 'ja-JP' | 'en-US') => {
    const page = await signedIn(browser, server, SLUG, `admin@${SLUG}.example`, locale, errors, {
      viewport: WINDOW,
    });
    await page.goto(`${server.url.replace(/\/$/, '')}/t/${SLUG}/forms/${formId}`);
    await page.locator('#fixed-Department').selectOption('MANUFACTURING');
    await until(() => page.locator('#fixed-Department').inputValue()).toBe('MANUFACTURING');
    await cell(page, 'EXP01', MONTHS[0]!).waitFor();
    return page;
  };
  /** Cells whose text does not fit (scrollWidth beyond the visible width). */
  const cutCells = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-form-grid-cells] .rgCell, revo-grid .rgCell')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.getAttribute('data-testid') ?? el.className}: ${el.textContent ?? ''}`),
    );
  const box = async (page: Page, testId: string) => {
    const b = await page.getByTestId(testId).boundingBox();
    if (!b) throw new Error(`${testId} has no box`);
    return b;
  };

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuilt();
    server = await startTestServer();
    w = await gridWorld(server, SLUG);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('uses the window: the demo form shows its twelve months and the year side by side in 1,400 px', async () => {
    // The demo package (千円, a manufacturer's P&L) in the second organisation.
    const list = await w.adminB.get<{ demo: { packageId: string } }>(`/t/${w.b}/api/model/packages`);
    const installed = await w.adminB.post<{ ids: { code: string; id: string }[] }>(
      `/t/${w.b}/api/model/packages/available/${list.json.demo.packageId}/install`,
    );
    expect(installed.status).toBe(200);
    const ids = Object.fromEntries(installed.json.ids.map((i) => [i.code, i.id]));
    const page = await signedIn(browser, server, w.b, `admin@${w.b}.example`, 'ja-JP', errors, {
      viewport: WINDOW,
    });
    await page.goto(`${server.url.replace(/\/$/, '')}/t/${w.b}/forms/${ids['BUDGET_INPUT']}`);
    await cell(page, 'NET_SALES', MONTHS[0]!).waitFor();
    const grid = await box(page, 'form-grid');
    // Wider than the page's content width (1,120 px), within the window.
    expect(grid.width).toBeGreaterThan(1120);
    expect(grid.x).toBeGreaterThanOrEqual(0);
    expect(grid.x + grid.width).toBeLessThanOrEqual(WINDOW.width);
    const heads = [];
    for (const column of [...MONTHS, 'FY2027'])
      heads.push({ column, ...(await box(page, `colhead-${column}`)) });
    const widths = heads.map((h) => `${h.column}: ${Math.round(h.width)}`).join(', ');
    for (const head of heads)
      expect(head.x + head.width, `${head.column} (${widths})`).toBeLessThanOrEqual(grid.x + grid.width);
    expect(await cutCells(page)).toEqual([]);
    // The month headers show whole (on two lines where needed), not cut.
    const cutHeads = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('revo-grid .yg-colhead .header-content')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
        .map((el) => el.textContent),
    );
    expect(cutHeads).toEqual([]);
    await page.screenshot({ path: `${shotsDir}form-entry-wide-ja.png` });

    // The demo report: every figure on one line, whole.
    await page.goto(`${server.url.replace(/\/$/, '')}/t/${w.b}/forms/${ids['PL_VARIANCE']}`);
    await page.getByTestId('form-grid').locator('td.num').first().waitFor();
    const wrapped = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="form-grid"] td.num')]
        .filter((el) => {
          const r = document.createRange();
          r.selectNodeContents(el);
          const lines = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
          return lines.size > 1 || el.scrollWidth > el.clientWidth + 1;
        })
        .map((el) => el.textContent),
    );
    expect(wrapped).toEqual([]);
    await page.context().close();
  });

  it('shows 115,015,001,500 whole and keeps the row names in view when scrolled sideways', async () => {
    await put([{ account: 'EXP02', period: MONTHS[5]!, value: HUGE }]);
    const page = await open(w.formId, 'en-US');
    expect(await cell(page, 'EXP02', MONTHS[5]!).textContent()).toBe('115,015,001,500');
    expect(await cell(page, 'EXP02', 'FY2027').textContent()).toBe('115,015,001,500');
    expect(await cutCells(page)).toEqual([]);
    // A figure typed now widens its column once entered.
    await typeInCell(page, 'EXP03', MONTHS[0]!, '987654321098');
    await until(() => cell(page, 'EXP03', MONTHS[0]!).textContent()).toBe('987,654,321,098');
    await until(() => cutCells(page)).toEqual([]);
    const before = await box(page, 'rowhead-EXP02');
    await page.evaluate(() =>
      (
        document.querySelector('revo-grid') as unknown as { scrollToColumnIndex(i: number): Promise<void> }
      ).scrollToColumnIndex(13),
    );
    await until(async () => (await box(page, `colhead-${MONTHS[0]!}`)).x).toBeLessThan(
      before.x + before.width,
    );
    const after = await box(page, 'rowhead-EXP02');
    expect(after.x).toBeCloseTo(before.x, 0);
    expect(await page.getByTestId('rowhead-EXP02').isVisible()).toBe(true);
    const year = await box(page, 'colhead-FY2027');
    const grid = await box(page, 'form-grid');
    expect(year.x + year.width).toBeLessThanOrEqual(grid.x + grid.width);
    await page.screenshot({ path: `${shotsDir}form-entry-long-figures-en.png` });
    await page.context().close();
  });

  it('spreads a typed total in proportion around held cells, then equally, and refuses all held', async () => {
    const row = 'EXP07';
    await put(MONTHS.map((period, j) => ({ account: row, period, value: (j + 1) * 100 }))); // 7,800 a year
    const page = await open(w.totalsFormId, 'ja-JP');
    const stored = async () =>
      (await formValues(w.admin, SLUG, w.totalsFormId, { Department: 'MANUFACTURING' }))[row]!;
    expect(await page.getByTestId('spread-mode').inputValue()).toBe('proportional');

    // Hold April with the key, March with the toolbar button; both show the padlock.
    await selectCell(page, row, MONTHS[0]!);
    await page.keyboard.press('Control+Shift+L');
    await until(() => cell(page, row, MONTHS[0]!).getAttribute('data-locked')).toBe('true');
    await selectCell(page, row, MONTHS[11]!);
    await page.getByTestId('spread-lock').click();
    await until(() => cell(page, row, MONTHS[11]!).getAttribute('data-locked')).toBe('true');
    expect(await cell(page, row, MONTHS[11]!).getAttribute('class')).toContain('yg-locked');
    expect(await page.getByTestId('spread-locked').textContent()).toBe('2 セルを保持中');

    // 15,600 on the year: April (100) and March (1,200) held; 14,300 over the other ten in proportion.
    await typeInCell(page, row, 'FY2027', '15600');
    await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header stays at the top of the shot
    await page.screenshot({ path: `${shotsDir}form-entry-spread-ja.png`, fullPage: true });
    await page.getByTestId('form-save').click();
    await page.getByTestId('notice').waitFor();
    await until(() => cell(page, row, MONTHS[1]!).textContent()).toBe('440');
    let v = await stored();
    expect(v[MONTHS[0]!]).toBe(100);
    expect(v[MONTHS[11]!]).toBe(1200);
    for (let j = 1; j < 11; j++) expect(v[MONTHS[j]!]).toBeCloseTo((j + 1) * 100 * 2.2, 6);
    expect(v['FY2027']).toBeCloseTo(15_600, 6);
    // The holds stay after saving.
    expect(await cell(page, row, MONTHS[0]!).getAttribute('data-locked')).toBe('true');

    // Equal: 24,000 − the two held (1,300) = 22,700 over ten months, 2,270 each.
    await page.getByTestId('spread-mode').selectOption('equal');
    await typeInCell(page, row, 'FY2027', '24000');
    await page.getByTestId('form-save').click();
    await until(() => cell(page, row, MONTHS[1]!).textContent()).toBe('2,270');
    v = await stored();
    expect([v[MONTHS[0]!], v[MONTHS[11]!]]).toEqual([100, 1200]);
    for (let j = 1; j < 11; j++) expect(v[MONTHS[j]!]).toBeCloseTo(2270, 6);

    // Every month held: the save is refused with a clear message, nothing written.
    await selectCell(page, row, MONTHS[0]!);
    await cell(page, row, MONTHS[11]!).click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+Shift+L');
    await until(() => page.getByTestId('spread-locked').textContent()).toBe('12 セルを保持中');
    await typeInCell(page, row, 'FY2027', '30000');
    await page.getByTestId('form-save').click();
    await page.getByText('内訳のセルがすべて保持されています').waitFor();
    expect((await stored())['FY2027']).toBeCloseTo(24_000, 6);
    // Release all and save again: equal over the twelve months.
    await page.getByTestId('spread-unlock-all').click();
    expect(await cell(page, row, MONTHS[0]!).getAttribute('data-locked')).toBeNull();
    await page.getByTestId('form-save').click();
    await page.getByTestId('notice').waitFor();
    v = await stored();
    for (const m of MONTHS) expect(v[m]).toBeCloseTo(2500, 6);
    expect(errors.filter((e) => !e.includes('status of 409'))).toEqual([]);
  });
});

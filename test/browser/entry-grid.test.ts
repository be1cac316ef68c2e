// @vitest-environment node
/**
 * The input grid (issue 7) in Chromium: a planner pastes a 10 × 12 block copied from a
 * spreadsheet (thousands separators, full-width digits, ▲ negatives) onto the expense form,
 * sees the totals change before saving, saves and submits; the approver returns it with a
 * comment; the planner fixes a figure and resubmits; the approver approves and the cells lock.
 * Screenshots for the Handbook.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenFormResponse } from '../../src/modules/model/form-schemas.js';
import { ensureWebBuilt, launchChromium, signedIn } from '../support/browser.js';
import { EXPENSES, gridWorld, MONTHS, openEditor, type GridWorld } from '../support/grid-world.js';
import { startTestServer, type TestServer } from '../support/server.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'kinyu';
/** Polls up to 10 s (a save or a workflow step reloads the form). */
const until = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 10_000 });
const fmt = (n: number) => n.toLocaleString('en-US');
const fullWidth = (s: string) => s.replace(/[0-9,]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

/** The block: account i, month j → (i + 1) × 1,000 + j × 10, account 3 negative (▲), account 5 in full-width digits. */
const figure = (i: number, j: number) => (i === 2 ? -1 : 1) * ((i + 1) * 1000 + j * 10);
const tsv = EXPENSES.map((_, i) =>
  MONTHS.map((__, j) => {
    const v = figure(i, j);
    if (v < 0) return `▲${fmt(-v)}`;
    return i === 4 ? fullWidth(fmt(v)) : fmt(v);
  }).join('\t'),
).join('\r\n');

describe('input grid in a real browser', () => {
  let server: TestServer;
  let w: GridWorld;
  let browser: Browser;
  const errors: string[] = [];
  const cell = (page: Page, row: string, column: string) => page.getByTestId(`cell-${row}-${column}`);
  /** Clicks a cell and waits until the grid has focused it. */
  const select = async (page: Page, row: string, column: string) => {
    await cell(page, row, column).click();
    await until(() => page.getByTestId('form-grid').getAttribute('data-focus')).toBe(`${row}/${column}`);
    await until(() =>
      page.evaluate(
        () =>
          document.activeElement === document.body ||
          !!document.activeElement?.closest('revo-grid') ||
          document.activeElement?.getAttribute('data-testid') === 'grid-keys', // the key capture (IME)
      ),
    ).toBe(true);
  };
  const formUrl = () => `${server.url.replace(/\/$/, '')}/t/${SLUG}/forms/${w.formId}?portal=${w.portalId}`;

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

  it('pastes a block from a spreadsheet, shows totals before saving, saves, and goes through approval', async () => {
    const planner = await signedIn(browser, server, SLUG, `plain@${SLUG}.example`, 'ja-JP', errors);
    await planner.goto(formUrl());
    await planner.getByTestId('form-grid').waitFor();
    await cell(planner, 'EXP01', MONTHS[0]!).waitFor();
    expect(await cell(planner, 'SGA', 'FY2027').textContent()).toBe('0');
    expect(await cell(planner, 'EXP01', MONTHS[0]!).getAttribute('class')).toContain('yg-input');
    expect(await cell(planner, 'SGA', MONTHS[0]!).getAttribute('class')).toContain('yg-computed');

    // Copy the block to the system clipboard, select the first cell, Ctrl+V.
    await planner.evaluate((text) => navigator.clipboard.writeText(text), tsv);
    await select(planner, 'EXP01', MONTHS[0]!);
    await planner.keyboard.press('Control+V');
    await planner.getByTestId('grid-message').getByText('120 個のセルを貼り付けました').waitFor();

    const rowTotal = (i: number) => MONTHS.reduce((s, _, j) => s + figure(i, j), 0);
    const grand = EXPENSES.reduce((s, _, i) => s + rowTotal(i), 0);
    // Totals recomputed before saving (the grid, a web component, renders after the message).
    await expect.poll(() => cell(planner, 'EXP01', MONTHS[0]!).textContent()).toBe('1,000');
    expect(await cell(planner, 'EXP03', MONTHS[1]!).textContent()).toBe('-3,010');
    expect(await cell(planner, 'EXP05', MONTHS[11]!).textContent()).toBe('5,110');
    expect(await cell(planner, 'EXP01', 'FY2027').textContent()).toBe(fmt(rowTotal(0)));
    expect(await cell(planner, 'SGA', MONTHS[0]!).textContent()).toBe(
      fmt(EXPENSES.reduce((s, _, i) => s + figure(i, 0), 0)),
    );
    expect(await cell(planner, 'SGA', 'FY2027').textContent()).toBe(fmt(grand));
    expect(await cell(planner, 'EXP01', MONTHS[0]!).getAttribute('data-changed')).toBe('true');
    await planner.screenshot({ path: `${shotsDir}form-entry-paste-ja.png`, fullPage: true });

    await planner.getByTestId('form-save').click();
    await planner.getByTestId('notice').waitFor();
    await until(() => cell(planner, 'EXP01', MONTHS[0]!).getAttribute('data-changed')).toBeNull();
    const opened = await w.user.post<OpenFormResponse>(`/t/${SLUG}/api/model/forms/${w.formId}/open`, {});
    const r = opened.json.rows.findIndex((x) => x.code === 'SGA');
    const c = opened.json.columns.findIndex((x) => x.code === 'FY2027');
    expect(opened.json.values[r]?.[c]).toBe(grand);

    // Submit from the form page (reached from the portal): the cells become read-only.
    await planner.getByTestId('wf-submit-SALES').click();
    await planner.getByTestId('wf-confirm').click();
    await until(() => planner.getByTestId('wf-state-SALES').getAttribute('data-state')).toBe('submitted');
    await until(() => cell(planner, 'EXP01', MONTHS[0]!).getAttribute('class')).toContain('yg-computed');

    // The approver returns it with a comment.
    const approver = await signedIn(browser, server, SLUG, `approver@${SLUG}.example`, 'ja-JP', errors);
    await approver.goto(formUrl());
    await cell(approver, 'SGA', 'FY2027').waitFor();
    expect(await cell(approver, 'SGA', 'FY2027').textContent()).toBe(fmt(grand));
    await approver.getByTestId('wf-return-SALES').click();
    await approver.getByTestId('field-wfComment').locator('textarea').fill('経費3の根拠を追記してください');
    await approver.getByTestId('wf-confirm').click();
    await until(() => approver.getByTestId('wf-state-SALES').getAttribute('data-state')).toBe('draft');

    // The planner sees the comment, fixes a figure (typing) and resubmits.
    await planner.reload();
    await planner.getByTestId('wf-unit-SALES').getByText('経費3の根拠を追記してください').waitFor();
    await select(planner, 'EXP03', MONTHS[0]!);
    await openEditor(planner, '3'); // type-to-edit, then full-width digits as an IME gives them
    await planner.keyboard.insertText('，０００');
    await planner.keyboard.press('Enter');
    await until(() => cell(planner, 'EXP03', MONTHS[0]!).textContent()).toBe('3,000');
    expect(await cell(planner, 'SGA', 'FY2027').textContent()).toBe(fmt(grand + 6000));
    await planner.getByTestId('form-save').click();
    await planner.getByTestId('notice').waitFor();
    await planner.getByTestId('wf-submit-SALES').click();
    await planner.getByTestId('field-wfComment').locator('textarea').fill('根拠を追記しました。');
    await planner.getByTestId('wf-confirm').click();
    await until(() => planner.getByTestId('wf-state-SALES').getAttribute('data-state')).toBe('submitted');

    // The approver approves; the cells are locked for the planner.
    await approver.reload();
    await approver.getByTestId('wf-approve-SALES').click();
    await approver.getByTestId('wf-confirm').click();
    await until(() => approver.getByTestId('wf-state-SALES').getAttribute('data-state')).toBe('approved');
    await planner.reload();
    await cell(planner, 'EXP01', MONTHS[0]!).waitFor();
    expect(await cell(planner, 'EXP01', MONTHS[0]!).getAttribute('class')).toContain('yg-computed');
    await select(planner, 'EXP01', MONTHS[0]!);
    await planner.keyboard.type('9');
    await planner.keyboard.press('Enter');
    await planner.getByTestId('grid-message').waitFor();
    expect(await cell(planner, 'EXP01', MONTHS[0]!).textContent()).toBe('1,000');
    expect(await planner.getByTestId('form-save').count()).toBe(0);
    await planner.screenshot({ path: `${shotsDir}form-entry-approved-ja.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  /** A form page of an org admin on the Manufacturing department (outside the workflow). */
  const manufacturing = async (locale: 'ja-JP' | 'en-US') => {
    const page = await signedIn(browser, server, SLUG, `admin@${SLUG}.example`, locale, errors);
    await page.goto(`${server.url.replace(/\/$/, '')}/t/${SLUG}/forms/${w.formId}`);
    await page.locator('#fixed-Department').selectOption('MANUFACTURING');
    await until(() => page.locator('#fixed-Department').inputValue()).toBe('MANUFACTURING');
    await cell(page, 'EXP01', MONTHS[0]!).waitFor();
    return page;
  };
  const type = async (page: Page, row: string, column: string, text: string) => {
    await select(page, row, column);
    await openEditor(page, text[0]!); // type-to-edit opens the editor with the first key
    await page.keyboard.type(text.slice(1));
    await page.keyboard.press('Enter');
    await page.locator('revogr-edit input').waitFor({ state: 'detached' });
  };
  const value = async (row: string, column: string) => {
    const f = (
      await w.admin.post<OpenFormResponse>(`/t/${SLUG}/api/model/forms/${w.formId}/open`, {
        choices: { Department: 'MANUFACTURING' },
      })
    ).json;
    return f.values[f.rows.findIndex((x) => x.code === row)]?.[f.columns.findIndex((x) => x.code === column)];
  };

  it('shows theirs and yours when two people saved the same cell, and overwrites only on request', async () => {
    const first = await manufacturing('ja-JP');
    const second = await manufacturing('en-US');
    await type(first, 'EXP01', MONTHS[0]!, '111');
    await first.getByTestId('form-save').click();
    await first.getByTestId('notice').waitFor();

    await type(second, 'EXP01', MONTHS[0]!, '222');
    await type(second, 'EXP02', MONTHS[0]!, '50');
    await second.getByTestId('form-save').click();
    const conflict = second.getByTestId(`conflict-EXP01-${MONTHS[0]!}`);
    await conflict.waitFor();
    expect(await conflict.getByTestId('conflict-theirs').textContent()).toBe('111');
    expect(await conflict.getByTestId('conflict-yours').textContent()).toBe('222');
    expect(await value('EXP02', MONTHS[0]!)).toBe(0); // nothing written
    await second.screenshot({ path: `${shotsDir}form-entry-conflict-en.png`, fullPage: true });
    await conflict.getByTestId('conflict-keep').click();
    await second.getByTestId('notice').waitFor();
    await until(() => cell(second, 'EXP01', MONTHS[0]!).textContent()).toBe('222');
    expect(await value('EXP01', MONTHS[0]!)).toBe(222);
    expect(await value('EXP02', MONTHS[0]!)).toBe(50);

    // The other way round: take theirs drops the entry, and the grid shows their figure.
    await first.reload();
    await first.locator('#fixed-Department').selectOption('MANUFACTURING');
    await until(() => cell(first, 'EXP01', MONTHS[0]!).textContent()).toBe('222');
    await type(first, 'EXP01', MONTHS[0]!, '333');
    await first.getByTestId('form-save').click();
    await first.getByTestId('notice').waitFor();
    await type(second, 'EXP01', MONTHS[0]!, '444');
    await second.getByTestId('form-save').click();
    await second.getByTestId(`conflict-EXP01-${MONTHS[0]!}`).getByTestId('conflict-take').click();
    await until(() => cell(second, 'EXP01', MONTHS[0]!).textContent()).toBe('333');
    expect(await cell(second, 'EXP01', MONTHS[0]!).getAttribute('data-changed')).toBeNull();
    expect(await value('EXP01', MONTHS[0]!)).toBe(333);
    expect(errors.filter((e) => !e.includes('status of 409'))).toEqual([]); // the refused saves
    errors.length = 0;
  });

  it('undoes and redoes, fills down, copies a range, refuses totals, collapses, comments and shows history', async () => {
    const page = await manufacturing('en-US');
    const total = () => cell(page, 'EXP03', 'FY2027').textContent();
    await type(page, 'EXP03', MONTHS[0]!, '100');
    await type(page, 'EXP03', MONTHS[1]!, '200');
    await until(total).toBe('300');
    await select(page, 'EXP03', MONTHS[2]!);
    await page.keyboard.press('Control+Z');
    await until(() => cell(page, 'EXP03', MONTHS[1]!).textContent()).toBe('0');
    await until(total).toBe('100');
    await page.keyboard.press('Control+Y');
    await until(total).toBe('300');
    await page.getByTestId('grid-undo').click();
    await until(total).toBe('100');
    await page.getByTestId('grid-redo').click();
    await until(total).toBe('300');

    // Fill down (Ctrl+D) over a range chosen with Shift+click.
    await select(page, 'EXP03', MONTHS[0]!);
    await cell(page, 'EXP06', MONTHS[0]!).click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+D');
    await until(() => cell(page, 'EXP06', MONTHS[0]!).textContent()).toBe('100');
    const figureOf = async (row: string) =>
      Number((await cell(page, row, MONTHS[0]!).textContent())?.replace(/,/g, ''));
    expect(await figureOf('SGA')).toBe((await figureOf('EXP01')) + (await figureOf('EXP02')) + 400);
    // Delete clears the selected cells (to 0).
    await select(page, 'EXP06', MONTHS[0]!);
    await page.keyboard.press('Delete');
    await until(() => cell(page, 'EXP06', MONTHS[0]!).textContent()).toBe('0');
    // Copy a range to the clipboard as tab-separated lines (what Excel reads).
    await select(page, 'EXP03', MONTHS[0]!);
    await cell(page, 'EXP03', MONTHS[1]!).click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+C');
    await until(() => page.evaluate(() => navigator.clipboard.readText())).toBe('100\t200');
    // Pasting onto totals is refused, with a message naming the cells.
    await page.evaluate(() => navigator.clipboard.writeText('1\t2'));
    await select(page, 'SGA', MONTHS[0]!);
    await page.keyboard.press('Control+V');
    await page.getByTestId('grid-message').getByText('2 cells were not entered').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${shotsDir}form-entry-refused-en.png`, fullPage: true });

    // Collapse and expand the rows under SGA.
    await page.getByTestId('toggle-SGA').click();
    await until(() => page.getByTestId('rowhead-EXP01').count()).toBe(0);
    await page.getByTestId('toggle-SGA').click();
    await page.getByTestId('rowhead-EXP01').waitFor();

    // The cell panel: history of the selected cell and a comment, shown as a marker.
    await select(page, 'EXP01', MONTHS[0]!);
    await page.getByTestId('grid-cell-open').click();
    await page.getByTestId('cell-history').waitFor();
    expect(await page.getByTestId('cell-history').locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    await page.getByTestId('cell-comment-text').fill('Includes the new line from October.');
    await page.getByTestId('cell-comment-add').click();
    await page.getByTestId('cell-comment').waitFor();
    await until(() => cell(page, 'EXP01', MONTHS[0]!).getAttribute('class')).toContain('yg-comment');
    await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header stays at the top of the shot
    await page.screenshot({ path: `${shotsDir}form-entry-cell-panel-en.png`, fullPage: true });

    await page.getByTestId('form-history-open').click();
    await page.getByTestId('form-history-item').first().waitFor();
    expect(await page.getByTestId('form-history-item').count()).toBeGreaterThanOrEqual(4);
    expect(errors).toEqual([]);
  });

  it('takes a figure on a total (input: all), moves its totals as it is typed and spreads it on save', async () => {
    const page = await signedIn(browser, server, SLUG, `admin@${SLUG}.example`, 'en-US', errors);
    await page.goto(`${server.url.replace(/\/$/, '')}/t/${SLUG}/forms/${w.totalsFormId}`);
    await page.locator('#fixed-Department').selectOption('MANUFACTURING');
    await until(() => page.locator('#fixed-Department').inputValue()).toBe('MANUFACTURING');
    await cell(page, 'EXP07', 'FY2027').waitFor();
    expect(await cell(page, 'EXP07', 'FY2027').getAttribute('class')).toContain('yg-input');
    const before = Number((await cell(page, 'SGA', 'FY2027').textContent())?.replace(/,/g, ''));
    await type(page, 'EXP07', 'FY2027', '1200');
    await until(() => cell(page, 'SGA', 'FY2027').textContent()).toBe(
      (before + 1200).toLocaleString('en-US'),
    );
    expect(await cell(page, 'EXP07', MONTHS[0]!).textContent()).toBe('0'); // spread only on save
    await page.getByTestId('form-save').click();
    await page.getByTestId('notice').waitFor();
    await until(() => cell(page, 'EXP07', MONTHS[0]!).textContent()).toBe('100'); // all zero: equal shares
    expect(await cell(page, 'EXP07', MONTHS[11]!).textContent()).toBe('100');
    expect(await cell(page, 'EXP07', 'FY2027').textContent()).toBe('1,200');
    expect(errors).toEqual([]);
  });
});

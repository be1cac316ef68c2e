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
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import { EXPENSES, gridWorld, MONTHS, signedIn, type GridWorld } from '../support/grid-world.js';
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
    await until(() => page.evaluate(() => document.activeElement?.closest('revo-grid') !== null)).toBe(true);
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
    // Totals recomputed before saving.
    expect(await cell(planner, 'EXP01', MONTHS[0]!).textContent()).toBe('1,000');
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
    await planner.keyboard.press('3'); // type-to-edit, then full-width digits as an IME gives them
    await planner.locator('revogr-edit input').waitFor();
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
});

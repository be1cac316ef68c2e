// @vitest-environment node
/**
 * Typing figures with the Japanese IME on (issue 18), in Chromium with real composition events
 * sent through the DevTools protocol (`Input.imeSetComposition` for each keystroke the IME shows
 * underlined, `Input.insertText` when it commits, an empty composition when Escape cancels it):
 * １５００ on a selected cell and in an open editor, ▲ as the first key, a paste and Escape while
 * composing, and the confirm before saving a figure 1,000× larger. The form is in 千円: what is
 * typed is stored ×1,000 in yen, checked through the API after each save.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, CDPSession, Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../src/modules/model/definitions.js';
import type { OpenFormResponse } from '../../src/modules/model/form-schemas.js';
import { ensureWebBuilt, launchChromium, signedIn } from '../support/browser.js';
import { gridWorld, MONTHS, type GridWorld } from '../support/grid-world.js';
import { startTestServer, type TestServer } from '../support/server.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'nyuryoku';
const APRIL = MONTHS[0]!;
const MAY = MONTHS[1]!;
/** Polls up to 10 s: a save reloads the form, slower on PostgreSQL than on SQLite. */
const until = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 10_000 });

describe('IME entry in the input grid (Chromium, real composition events)', () => {
  let server: TestServer;
  let w: GridWorld;
  let browser: Browser;
  let page: Page;
  let cdp: CDPSession;
  let formId = '';
  const errors: string[] = [];
  const dialogs: string[] = [];
  /** What the next confirm is answered (the test says before each save that may ask). */
  let answer = true;

  const cell = (row: string, column: string) => page.getByTestId(`cell-${row}-${column}`);
  const editor = () => page.locator('revogr-edit input');
  const active = () =>
    page.evaluate(() => {
      const a = document.activeElement;
      if (!a) return 'none';
      if (a.closest('revogr-edit')) return 'editor';
      return a.getAttribute('data-testid') ?? a.tagName.toLowerCase();
    });
  /** Yen stored in a cell (the API's open form, not the page). */
  const stored = async (row: string, column: string) => {
    const f = (await w.admin.post<OpenFormResponse>(`/t/${SLUG}/api/model/forms/${formId}/open`, {})).json;
    return f.values[f.rows.findIndex((x) => x.code === row)]?.[f.columns.findIndex((x) => x.code === column)];
  };
  /** Clicks a cell and waits until the key capture over it has the keyboard. */
  const select = async (row: string, column: string) => {
    await cell(row, column).click();
    await until(() => page.getByTestId('form-grid').getAttribute('data-focus')).toBe(`${row}/${column}`);
    await until(active).toBe('grid-keys');
  };
  /** The IME shows `text` underlined, one keystroke at a time (nothing is committed). */
  const compose = async (...steps: string[]) => {
    for (const text of steps)
      await cdp.send('Input.imeSetComposition', {
        text,
        selectionStart: text.length,
        selectionEnd: text.length,
      });
  };
  /** The IME commits `text` (Enter on the candidate). */
  const commit = (text: string) => cdp.send('Input.insertText', { text });
  /** The IME drops the composition (what Escape does in it). */
  const cancel = () => cdp.send('Input.imeSetComposition', { text: '', selectionStart: 0, selectionEnd: 0 });
  /** Enter in the open editor: the cell takes the text and the editor closes. */
  const enter = async () => {
    await page.keyboard.press('Enter');
    await editor().waitFor({ state: 'detached' });
  };
  /** Saves and waits until the saved figures are back in the grid (no cell left marked changed). */
  const save = async () => {
    await page.getByTestId('form-save').click();
    await page.getByTestId('notice').waitFor();
    await until(() => page.locator('[data-changed="true"]').count()).toBe(0);
  };

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuilt();
    server = await startTestServer();
    w = await gridWorld(server, SLUG);
    // The expense sheet in 千円, held on Manufacturing (outside the workflow).
    const definition: FormDefinition = {
      cube: 'PL',
      type: 'input',
      rows: {
        dimension: 'Account',
        members: [
          { element: 'SGA', select: 'self' },
          { element: 'SGA', select: 'children' },
        ],
      },
      columns: {
        dimension: 'Period',
        members: [
          { element: 'FY2027', select: 'leaves' },
          { element: 'FY2027', select: 'self' },
        ],
      },
      fixed: [
        { dimension: 'Department', element: 'MANUFACTURING', userSelectable: false },
        { dimension: 'Scenario', element: 'BUDGET', userSelectable: false },
      ],
      input: 'leaves',
      readOnly: [],
      format: { scale: 1000, decimals: 0, currency: 'JPY' },
    };
    const form = await w.admin.post<{ object: { id: string } }>(`/t/${SLUG}/api/model/forms`, {
      code: 'EXPENSE_SEN',
      nameJa: '経費計画（千円）',
      nameEn: 'Expense plan (thousands of yen)',
      definition,
    });
    if (form.status !== 201) throw new Error(`form: ${form.text}`);
    formId = form.json.object.id;
    browser = await launchChromium();
    page = await signedIn(browser, server, SLUG, `admin@${SLUG}.example`, 'ja-JP', errors);
    page.on('dialog', (d: Dialog) => {
      dialogs.push(d.message());
      void (answer ? d.accept() : d.dismiss());
    });
    cdp = await page.context().newCDPSession(page);
    await page.goto(`${server.url.replace(/\/$/, '')}/t/${SLUG}/forms/${formId}`);
    await cell('EXP01', APRIL).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('types １５００ with the IME on a selected cell: the editor opens with it, 1,500 千円 is stored', async () => {
    await select('EXP01', APRIL);
    await compose('１', '１５', '１５０', '１５００');
    // Composing on a selected cell: shown over the cell, nothing entered, no editor yet.
    expect(await page.getByTestId('grid-keys').inputValue()).toBe('１５００');
    await page.screenshot({ path: `${shotsDir}form-entry-ime-ja.png`, fullPage: true });
    expect(await editor().count()).toBe(0);
    expect(await cell('EXP01', 'FY2027').textContent()).toBe('0');
    await commit('１５００');
    await until(active).toBe('editor');
    expect(await editor().inputValue()).toBe('１５００');
    await until(() => cell('EXP01', 'FY2027').textContent()).toBe('1,500'); // totals follow the draft
    await enter();
    await until(() => cell('EXP01', APRIL).textContent()).toBe('1,500');
    expect(await cell('EXP01', APRIL).getAttribute('data-changed')).toBe('true');
    await save();
    expect(await stored('EXP01', APRIL)).toBe(1_500_000);
    expect(dialogs).toEqual([]);
  });

  it('types １５００ with the IME in an open editor (double-click): never rewritten while composing', async () => {
    await cell('EXP02', APRIL).dblclick();
    await until(active).toBe('editor');
    expect(await editor().inputValue()).toBe('0');
    await page.keyboard.press('Backspace');
    await compose('１');
    await compose('１５');
    await compose('１５０');
    // The grid renders meanwhile (totals, focus): the composition stays as the IME has it.
    expect(await editor().inputValue()).toBe('１５０');
    await compose('１５００');
    expect(await editor().inputValue()).toBe('１５００');
    expect(await cell('EXP02', 'FY2027').textContent()).toBe('0'); // no draft while composing
    await commit('１５００');
    expect(await editor().inputValue()).toBe('１５００');
    await until(() => cell('EXP02', 'FY2027').textContent()).toBe('1,500');
    await enter();
    await until(() => cell('EXP02', APRIL).textContent()).toBe('1,500');
    await save();
    expect(await stored('EXP02', APRIL)).toBe(1_500_000);
  });

  it('takes ▲ as the first key on a selected cell: ▲300 is stored as −300 千円', async () => {
    await select('EXP03', APRIL);
    await compose('さ', 'さん', 'さんか', 'さんかく', '▲');
    await commit('▲');
    await until(active).toBe('editor');
    expect(await editor().inputValue()).toBe('▲');
    await compose('３', '３０', '３００');
    await commit('３００');
    expect(await editor().inputValue()).toBe('▲３００');
    await enter();
    await until(() => cell('EXP03', APRIL).getAttribute('data-changed')).toBe('true');
    expect(await cell('EXP03', APRIL).textContent()).toMatch(/^(-|▲|△|\()300\)?$/);
    await save();
    expect(await stored('EXP03', APRIL)).toBe(-300_000);
  });

  it('pastes while the IME composes on a selected cell: the paste is entered, the composition dropped', async () => {
    await page.evaluate(() => navigator.clipboard.writeText('250'));
    await select('EXP04', APRIL);
    await compose('１', '１２');
    await page.keyboard.press('Control+V');
    await until(() => cell('EXP04', APRIL).textContent()).toBe('250');
    // The composition is gone: no editor opens with it, no second entry.
    expect(await editor().count()).toBe(0);
    expect(await page.getByTestId('grid-keys').inputValue()).toBe('');
    expect(await cell('EXP04', APRIL).textContent()).toBe('250');
    await save();
    expect(await stored('EXP04', APRIL)).toBe(250_000);
  });

  it('drops a composition on Escape, on a selected cell and in an open editor: nothing is saved', async () => {
    await select('EXP05', APRIL);
    await compose('９', '９９');
    await page.keyboard.press('Escape');
    await cancel();
    expect(await editor().count()).toBe(0);
    expect(await cell('EXP05', APRIL).getAttribute('data-changed')).toBeNull();
    expect(await page.getByTestId('grid-keys').inputValue()).toBe('');

    // In an open editor: the first Escape is the IME's (the editor stays), the second closes it.
    await cell('EXP05', MAY).dblclick();
    await until(active).toBe('editor');
    await page.keyboard.press('Backspace');
    await compose('７', '７７');
    await page.keyboard.press('Escape');
    await cancel();
    expect(await editor().count()).toBe(1);
    expect(await editor().inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await editor().waitFor({ state: 'detached' });
    expect(await cell('EXP05', MAY).textContent()).toBe('0');
    expect(
      await page
        .locator('[data-changed="true"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))),
    ).toEqual([]);
    expect(await stored('EXP05', APRIL)).toBe(0);
    expect(await stored('EXP05', MAY)).toBe(0);
  });

  it('asks before saving a figure 1,000× the cell’s previous one; declining saves nothing', async () => {
    await select('EXP01', MAY);
    // Yen typed into a 千円 form: 1,500,000 (千円) next to 1,500 in its row.
    await compose('１', '１５', '１５０', '１５００', '１５０００', '１５００００', '１５０００００');
    await commit('１５０００００');
    await until(active).toBe('editor');
    await enter();
    await until(() => cell('EXP01', MAY).getAttribute('data-changed')).toBe('true');
    answer = false;
    await page.getByTestId('form-save').click();
    await until(async () => dialogs.length).toBe(1);
    expect(dialogs[0]).toContain('1,000 倍以上');
    expect(dialogs[0]).toContain('経費1 / ');
    expect(dialogs[0]).toContain('0 → 1,500,000');
    expect(await cell('EXP01', MAY).getAttribute('data-changed')).toBe('true'); // still unsaved
    expect(await stored('EXP01', MAY)).toBe(0);
    answer = true;
    await save();
    expect(dialogs.length).toBe(2);
    expect(await stored('EXP01', MAY)).toBe(1_500_000_000);
    expect(errors).toEqual([]);
  });
});

// @vitest-environment node
/**
 * Browser timing of the input grid (issue 7): a form of 1,000 rows × 24 columns opened in
 * Chromium — time to the first rendered cells and to a scroll to the last row — printed for
 * docs/benchmarks.md. Only that it renders and scrolls is asserted (no timed assertion).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../src/modules/model/definitions.js';
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import { setUpOperator } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { PASSWORD, tenantWithAdmin } from '../support/tenant-admin.js';

const SLUG = 'ookii';
const ROWS = 1000;
const COLS = 24;
const item = (i: number) => `I${String(i + 1).padStart(4, '0')}`;
const col = (j: number) => `C${String(j + 1).padStart(2, '0')}`;

describe('input grid timing in a real browser', () => {
  let server: TestServer;
  let admin: HttpsClient;
  let browser: Browser;
  let page: Page;
  let formId = '';
  const errors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer();
    admin = await tenantWithAdmin(server, await setUpOperator(server), SLUG);
    const base = `/t/${SLUG}/api/model`;
    const dimension = async (code: string, codes: string[]) => {
      const d = await admin.post<{ object: { id: string } }>(`${base}/dimensions`, {
        code,
        nameJa: code,
        nameEn: code,
      });
      const changes = [
        { op: 'add', code: `ALL_${code}`, nameJa: `${code}計`, nameEn: `All ${code}`, parent: null },
        ...codes.map((c) => ({ op: 'add', code: c, nameJa: c, nameEn: c, parent: `ALL_${code}` })),
      ];
      const res = await admin.post(`${base}/dimensions/${d.json.object.id}/changes`, { changes });
      if (res.status !== 200) throw new Error(res.text);
      return d.json.object.id;
    };
    const rowsDim = await dimension(
      'Item',
      Array.from({ length: ROWS }, (_, i) => item(i)),
    );
    const colsDim = await dimension(
      'Slot',
      Array.from({ length: COLS }, (_, j) => col(j)),
    );
    const version = await dimension('Version', ['V1']);
    const cube = await admin.post<{ object: { id: string } }>(`${base}/cubes`, {
      code: 'BIG',
      nameJa: '大きな計画',
      nameEn: 'Big plan',
      dimensionIds: [rowsDim, colsDim, version],
    });
    const cells = [];
    for (let i = 0; i < ROWS; i++)
      for (let j = 0; j < COLS; j++)
        cells.push({ coords: { Item: item(i), Slot: col(j), Version: 'V1' }, value: (i + 1) * 1000 + j });
    for (let k = 0; k < cells.length; k += 10_000) {
      const res = await admin.post(`${base}/cubes/${cube.json.object.id}/cells`, {
        cells: cells.slice(k, k + 10_000),
      });
      if (res.status !== 200) throw new Error(res.text);
    }
    const definition: FormDefinition = {
      cube: 'BIG',
      type: 'input',
      rows: { dimension: 'Item', members: [{ element: 'ALL_Item', select: 'leaves' }] },
      columns: { dimension: 'Slot', members: [{ element: 'ALL_Slot', select: 'leaves' }] },
      fixed: [{ dimension: 'Version', element: 'V1', userSelectable: false }],
      input: 'leaves',
      readOnly: [],
      format: { scale: 1, decimals: 0, currency: 'JPY' },
    };
    const form = await admin.post<{ object: { id: string } }>(`${base}/forms`, {
      code: 'BIG_FORM',
      nameJa: '大きなフォーム',
      nameEn: 'Big form',
      definition,
    });
    formId = form.json.object.id;
    browser = await launchChromium();
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1600, height: 1100 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.url.replace(/\/$/, '')}/t/${SLUG}/sign-in`);
    await page.getByTestId('field-email').locator('input').fill(`admin@${SLUG}.example`);
    await page.getByTestId('field-password').locator('input').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('nav-me').waitFor();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens a 1,000 × 24 form and scrolls to its last row', async () => {
    const figures: Record<string, number> = {};
    for (const run of [1, 2, 3]) {
      const started = Date.now();
      await page.goto(`${server.url.replace(/\/$/, '')}/t/${SLUG}/forms/${formId}`);
      await page.getByTestId(`cell-${item(0)}-${col(0)}`).waitFor();
      figures[`first render (navigation → first cells), run ${run}`] = Date.now() - started;
      const opened = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => e.name.endsWith('/open'))
          .map((e) => Math.round(e.duration)),
      );
      figures[`POST …/open as the browser saw it, run ${run}`] = opened.at(-1) ?? -1;
    }
    expect(await page.getByTestId(`cell-${item(0)}-${col(0)}`).textContent()).toBe('1,000');

    // Scroll with the wheel over the grid, then jump to the last row.
    const box = (await page.getByTestId('form-grid').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    let started = Date.now();
    for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 600);
    await page.getByTestId(`cell-${item(400)}-${col(0)}`).waitFor();
    figures['20 wheel steps of 600 px → row 401 rendered'] = Date.now() - started;
    started = Date.now();
    await page.evaluate(() =>
      (
        document.querySelector('revo-grid') as unknown as { scrollToRow(i: number): Promise<void> }
      ).scrollToRow(999),
    );
    await page.getByTestId(`cell-${item(ROWS - 1)}-${col(COLS - 1)}`).waitFor();
    figures['jump to the last row → last cells rendered'] = Date.now() - started;
    expect(await page.getByTestId(`cell-${item(ROWS - 1)}-${col(COLS - 1)}`).textContent()).toBe('1,000,023');
    const frames = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const el = document.querySelector('revo-grid') as unknown as {
            scrollToRow(i: number): Promise<void>;
          };
          let n = 0;
          const t0 = performance.now();
          const step = () => {
            n++;
            void el.scrollToRow(999 - n * 10);
            if (n < 60) requestAnimationFrame(step);
            else resolve(Math.round((performance.now() - t0) / n));
          };
          requestAnimationFrame(step);
        }),
    );
    figures['mean frame while scrolling 60 frames × 10 rows (ms)'] = frames;
    console.log('Grid timing (ms):', JSON.stringify(figures, null, 2));
    expect(errors).toEqual([]);
  });
});

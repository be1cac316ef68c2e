// @vitest-environment node
/**
 * End-to-end for model packages (issue 6, §7) in Chromium against a real server: the operator
 * distributes the demo package to an organisation from the console; its org admin installs it
 * from the package list (preview → apply) and sees the cube; then exports it with figures and
 * the admin of a second organisation imports the file through the screens. Screenshots for the
 * Handbook.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR, setUpOperator } from '../support/flows.js';
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { PASSWORD, tenantWithAdmin } from '../support/tenant-admin.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const A = 'pakkeji';
const B = 'torikomi';
const C = 'hajimete';

describe('model packages in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  const open = async (): Promise<Page> => {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      locale: 'ja-JP',
      viewport: { width: 1280, height: 1400 },
      acceptDownloads: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    return page;
  };
  const go = (page: Page, to: string) => page.goto(`${server.url.replace(/\/$/, '')}${to}`);
  const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}${name}.png` });
  const signInAdmin = async (slug: string) => {
    const page = await open();
    await go(page, `/t/${slug}/sign-in`);
    const input = (id: string) => page.getByTestId(id).locator('input').first();
    await input('field-email').fill(`admin@${slug}.example`);
    await input('field-password').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('nav-me').waitFor();
    return page;
  };

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuilt();
    server = await startTestServer();
    const op = await setUpOperator(server);
    await tenantWithAdmin(server, op, A);
    await tenantWithAdmin(server, op, B);
    await tenantWithAdmin(server, op, C);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('the operator distributes the demo; the org admin installs it and sees the cube', async () => {
    const op = await open();
    await go(op, '/operator/sign-in');
    await op.getByTestId('sign-in-form').locator('input[type="email"]').fill(OPERATOR.email);
    await op.getByTestId('sign-in-form').locator('input[type="password"]').fill(OPERATOR.password);
    await op.getByTestId('sign-in-submit').click();
    await op.waitForURL(/\/operator$/);
    await op.getByTestId('nav-packages').click();
    await op.getByTestId('distribute-yosan-demo-1.0.0').click();
    await op.getByTestId(`distribute-pick-${A}`).check();
    await op.getByTestId('distribute-submit').click();
    await op.getByTestId('notice').waitFor();
    await expect
      .poll(() => op.getByTestId('package-yosan-demo-1.0.0').getByTestId('distributed-to').textContent())
      .toContain(A);
    await shot(op, 'operator-packages-ja');

    const admin = await signInAdmin(A);
    consoleErrors.length = 0; // the sign-in pages' session probes answer 401 by design
    await admin.getByTestId('demo-card').waitFor();
    await admin.getByTestId('nav-packages').click();
    await admin.getByTestId('offer-preview-yosan-demo').click();
    await admin.getByTestId('package-preview').waitFor();
    expect(await admin.getByTestId('preview-row-cube-PL').getByTestId('outcome').textContent()).toBe('追加');
    await shot(admin, 'model-packages-preview-ja');
    await admin.getByTestId('preview-apply').click();
    await admin.getByTestId('notice').waitFor();
    await admin.getByTestId('installed-yosan-demo').getByTestId('object-cube-PL').waitFor();
    expect(await admin.getByTestId('offer-yosan-demo').getByTestId('offer-state').textContent()).toBe(
      '導入済み',
    );
    await admin.getByTestId('export-pick-cube-PL').waitFor(); // the export picker lists the new objects
    await shot(admin, 'model-packages-ja');
    expect(consoleErrors).toEqual([]);
  });

  it('exports a package from one organisation and imports it into another', async () => {
    const a = await signInAdmin(A);
    await a.getByTestId('nav-packages').click();
    await a.getByTestId('export-pick-cube-PL').check();
    await a.getByTestId('field-pkg-code').locator('input').fill('pl-budget');
    const download = a.waitForEvent('download');
    await a.getByTestId('export-submit').click();
    const file = await (await download).path();

    const b = await signInAdmin(B);
    consoleErrors.length = 0;
    await b.getByTestId('demo-card').waitFor(); // no cube yet: the demo is offered on the home page
    await b.getByTestId('nav-packages').click();
    await b.getByTestId('installed-empty').waitFor();
    await b.getByTestId('field-package-file').locator('input').setInputFiles(file);
    await b.getByTestId('import-preview').click();
    await b.getByTestId('package-preview').waitFor();
    expect(await b.getByTestId('preview-row-dimension-Account').getByTestId('outcome').textContent()).toBe(
      '追加',
    );
    await b.getByTestId('preview-apply').click();
    await b.getByTestId('notice').waitFor();
    await b.getByTestId('installed-pl-budget').getByTestId('object-cube-PL').waitFor();
    expect(await b.getByTestId('installed-pl-budget').getByTestId('installed-version').textContent()).toBe(
      '1.0.0',
    );
    expect(consoleErrors).toEqual([]);
  });

  it('a first-time org admin installs the demo budget from the home page in one click', async () => {
    const page = await signInAdmin(C);
    consoleErrors.length = 0;
    await page.getByTestId('demo-card').waitFor();
    await shot(page, 'model-packages-demo-card-ja');
    await page.getByTestId('demo-install').click();
    await page.getByTestId('demo-installed').waitFor();
    // The demo's portal leads to its input form with the budget figures in it.
    await page.getByTestId('demo-open-portal').click();
    await page.getByTestId('tile-BUDGET_INPUT').waitFor();
    await page.getByTestId('tile-PL_VARIANCE').waitFor();
    await page.getByTestId('tile-BUDGET_INPUT').getByRole('link').click();
    await page.getByTestId('form-grid').waitFor();
    const sales = page.locator('[data-testid^="cell-NET_SALES-"]').first();
    await expect.poll(async () => /\d/.test((await sales.textContent()) ?? '')).toBe(true);
    await shot(page, 'model-packages-demo-form-ja');
    expect(consoleErrors).toEqual([]);
  });
});

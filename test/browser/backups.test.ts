// @vitest-environment node
/**
 * The operator's Backups page in Chromium: run a backup of the control database, run a restore
 * drill, and see the facts (generations, replica age, drill outcome) in Japanese.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium, setUpOperatorJa } from '../support/browser.js';
import { startTestServer } from '../support/server.js';

const shots = path.resolve(import.meta.dirname, '../../docs/handbook/screenshots');

async function until(page: Page, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await check()) return;
    await page.getByRole('button', { name: '更新' }).click();
    await page.waitForTimeout(500);
  }
  throw new Error('condition not met in time');
}

describe('operator backups page', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer();
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('runs a backup and a restore drill from the console and shows the outcome', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'ja-JP' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await setUpOperatorJa(page, server.setupUrl!);
    await page.getByTestId('nav-backups').click();
    await page.getByTestId('backup-scope-control').waitFor();
    expect(await page.getByTestId('backup-facts-control-drill').textContent()).toContain(
      '復元テストはまだありません',
    );
    await page.getByTestId('backup-run-control').click();
    await page.getByRole('status').waitFor();
    await until(page, async () =>
      (await page.getByTestId('backup-facts-control-weekly').textContent())!.includes('第 2 拠点1'),
    );
    await page.getByTestId('backup-drill-control').click();
    await until(page, async () =>
      (await page.getByTestId('backup-facts-control-drill').textContent())!.includes('合格'),
    );
    expect(await page.getByTestId('backup-facts-control-daily').textContent()).toMatch(
      /日次第 1 拠点1\d{4}-\d{2}-\d{2}/,
    );
    await page.screenshot({ path: path.join(shots, 'operator-backups.png'), fullPage: true });
    await context.close();
  });
});

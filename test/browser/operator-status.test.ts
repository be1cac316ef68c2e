// @vitest-environment node
/**
 * The operator's status page in Chromium: the server clock (time in the installation zone, whether it
 * is NTP-synchronised and what was read to say so) and the log checkpoints' signing key.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium, setUpOperatorJa } from '../support/browser.js';
import { startTestServer } from '../support/server.js';

describe('operator status page', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer();
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the clock source, synchronisation and the checkpoint key, in Japanese', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'ja-JP' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await setUpOperatorJa(page, server.setupUrl!);
    await page.getByTestId('nav-status').click();
    await page.getByTestId('status-clock').waitFor();
    expect(await page.getByTestId('status-server-time').textContent()).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/,
    );
    expect(await page.getByTestId('status-synchronised').textContent()).toMatch(/同期済み|未同期|不明/);
    expect((await page.getByTestId('status-source').textContent())?.length).toBeGreaterThan(0);
    expect(await page.getByTestId('status-probes').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('status-integrity').textContent()).toContain('Ed25519');
    await context.close();
  });
});

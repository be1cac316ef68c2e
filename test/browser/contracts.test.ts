// @vitest-environment node
/**
 * Contract end and customer export in Chromium: an org admin prepares an export of the whole
 * organisation and downloads the zip; the operator sets a contract end date and cancels the
 * termination by typing the tenant's URL name (a wrong name is refused). Screenshots for the
 * Handbook (export, contract-end).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import { unzip } from '../support/contracts.js';
import { OPERATOR, setUpOperator, tenantBody } from '../support/flows.js';
import { freePort } from '../support/ports.js';
import { startTestServer } from '../support/server.js';
import { TestSmtp } from '../support/smtp.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'owari';
const ADMIN = { email: 'admin@owari.example', password: 'maple river lantern quiet 2026' };
type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('contract end and export in a real browser', () => {
  let smtp: TestSmtp;
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tenantId = '';
  const consoleErrors: string[] = [];
  const go = (to: string) => page.goto(`${server.url}${to}`);
  const shot = (name: string) => page.screenshot({ path: `${shotsDir}${name}.png` });

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuilt();
    smtp = new TestSmtp(await freePort());
    await smtp.start();
    server = await startTestServer({ env: { SMTP_URL: smtp.url } });
    const op = await setUpOperator(server);
    const res = await op.post<{ tenant: { id: string } }>('/api/operator/tenants', tenantBody(SLUG));
    if (res.status !== 201) throw new Error(`tenant: ${res.status} ${res.text}`);
    tenantId = res.json.tenant.id;
    const link = await smtp.linkTo(ADMIN.email, `/t/${SLUG}/invite`);
    const c = server.client();
    await c.primeCsrf();
    const accepted = await c.post(`/t/${SLUG}/api/invitations/accept`, {
      token: link.hash.replace('#token=', ''),
      password: ADMIN.password,
    });
    if (accepted.status !== 204) throw new Error(`accept: ${accepted.status}`);
    browser = await launchChromium();
    context = await browser.newContext({
      ignoreHTTPSErrors: true,
      locale: 'en-US',
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  }, 60_000);

  it('lets an org admin prepare an export and download the archive', async () => {
    await go(`/t/${SLUG}/sign-in`);
    await page.getByTestId('sign-in-form').waitFor();
    await page.getByTestId('field-email').locator('input').fill(ADMIN.email);
    await page.getByTestId('field-password').locator('input').fill(ADMIN.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('nav-export').click();
    consoleErrors.length = 0; // the sign-in page's session probe answers 401 by design
    await page.getByTestId('exports-empty').waitFor();
    await page.getByTestId('export-request').click();
    await page.locator('[data-testid="export-row"][data-status="ready"]').waitFor();
    await shot('export-ready');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-download').click();
    const file = await (await download).path();
    const files = await unzip(readFileSync(file));
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as { format: string };
    expect(manifest.format).toBe('yosan-export');
    expect(files.get('directory/users.jsonl')!.toString()).toContain(ADMIN.email);
    expect(consoleErrors).toEqual([]);
  });

  it('lets the operator set an end date and cancel the termination by typing the URL name', async () => {
    await go('/operator/sign-in');
    await page.getByTestId('sign-in-form').waitFor();
    await page.getByTestId('sign-in-form').locator('input[type="email"]').fill(OPERATOR.email);
    await page.getByTestId('sign-in-form').locator('input[type="password"]').fill(OPERATOR.password);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(/\/operator$/);
    await go(`/operator/tenants/${tenantId}`);
    await page.getByTestId('contract-card').waitFor();
    await page.getByTestId('contract-end').fill('2027-06-30');
    await page.getByTestId('contract-save').click();
    await expect.poll(() => page.getByTestId('closing-day').textContent()).toContain('2027-07-01');
    const dialog = page.getByTestId('contract-card').getByTestId('confirm-dialog');
    consoleErrors.length = 0;
    await page.getByTestId('cancel-termination').click();
    await page.getByTestId('confirm-slug').fill('owar');
    await dialog.getByTestId('confirm-dialog-confirm').click();
    await expect.poll(() => dialog.getByTestId('error-alert').textContent()).toContain('owari');
    await page.getByTestId('confirm-slug').fill(SLUG);
    await shot('contract-cancel-termination');
    await dialog.getByTestId('confirm-dialog-confirm').click();
    await page.getByTestId('termination-cancelled').waitFor();
    await shot('contract-card');
    const op = server.client();
    await op.primeCsrf();
    await op.post('/api/operator/session', { email: OPERATOR.email, password: OPERATOR.password });
    const c = await op.get<{ contract: { contractEnd: string; cancelled: unknown } }>(
      `/api/operator/tenants/${tenantId}/contract`,
    );
    expect(c.json.contract.contractEnd).toBe('2027-06-30');
    expect(c.json.contract.cancelled).not.toBeNull();
    await go('/operator/terminations');
    await page.getByTestId('terminations-empty').waitFor();
    // The one refused confirmation (400) is the only error the console saw.
    expect(consoleErrors.filter((e) => !e.includes('status of 400'))).toEqual([]);
  });
});

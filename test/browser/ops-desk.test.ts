// @vitest-environment node
/**
 * Provider operations in Chromium against a real server and a real SMTP server in this process:
 * an org admin opens a support ticket with an attachment that the operator answers (both sides
 * get the e-mail); the operator declares an incident and the org admin gets the e-mail and sees
 * the banner and the incident page; a scheduled maintenance window shows a banner ahead of time
 * and, once in force (the server's clock is moved), a user gets the ja/en notice page with 503.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR, setUpOperator, tenantBody } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { freePort } from '../support/ports.js';
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import { startTestServer } from '../support/server.js';
import { TestSmtp } from '../support/smtp.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'unyou';
const ADMIN = { email: 'admin@unyou.example', password: 'harbour lantern violet 2026' };
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('support desk, incidents and maintenance in a real browser', () => {
  let smtp: TestSmtp;
  let server: Server;
  let op: HttpsClient;
  let browser: Browser;
  let adminCtx: BrowserContext;
  let opCtx: BrowserContext;
  let admin: Page;
  let operator: Page;
  let tmp: string;
  let offset = 0;
  const consoleErrors: string[] = [];

  const origin = () => server.url.replace(/\/$/, '');
  const go = (p: Page, to: string) => p.goto(`${origin()}${to}`);
  const shot = (name: string, p: Page) => p.screenshot({ path: `${shotsDir}${name}.png` });
  const mailTo = (to: string, subject: string) =>
    expect
      .poll(
        () => smtp.received.find((r) => r.rcptTo.includes(to) && (r.mail.subject ?? '').includes(subject)),
        {
          timeout: 20_000,
        },
      )
      .toBeTruthy();

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    tmp = mkdtempSync(path.join(os.tmpdir(), 'yosan-ops-'));
    await ensureWebBuilt();
    smtp = new TestSmtp(await freePort());
    await smtp.start();
    server = await startTestServer({
      env: { SMTP_URL: smtp.url },
      clock: () => new Date(Date.now() + offset),
    });
    op = await setUpOperator(server);
    const res = await op.post(
      '/api/operator/tenants',
      tenantBody(SLUG, { displayName: '運用株式会社', firstAdminEmail: ADMIN.email }),
    );
    if (res.status !== 201) throw new Error(`tenant: ${res.status} ${res.text}`);
    const link = await smtp.linkTo(ADMIN.email, `/t/${SLUG}/invite`);
    const c = server.client();
    await c.primeCsrf();
    const accepted = await c.post(`/t/${SLUG}/api/invitations/accept`, {
      token: link.hash.replace('#token=', ''),
      password: ADMIN.password,
    });
    if (accepted.status !== 204) throw new Error(`accept: ${accepted.status} ${accepted.text}`);

    browser = await launchChromium();
    const options = { ignoreHTTPSErrors: true, locale: 'en-US', viewport: { width: 1280, height: 900 } };
    adminCtx = await browser.newContext(options);
    opCtx = await browser.newContext(options);
    admin = await adminCtx.newPage();
    operator = await opCtx.newPage();
    for (const p of [admin, operator]) {
      p.setDefaultTimeout(15_000);
      p.on('pageerror', (error) => consoleErrors.push(String(error)));
    }
    await go(admin, `/t/${SLUG}/sign-in`);
    await admin.getByTestId('field-email').locator('input').fill(ADMIN.email);
    await admin.getByTestId('field-password').locator('input').fill(ADMIN.password);
    await admin.getByTestId('sign-in-submit').click();
    await admin.getByTestId('nav-me').waitFor();
    await go(operator, '/operator/sign-in');
    await operator.getByLabel('E-mail address').fill(OPERATOR.email);
    await operator.getByLabel('Password').fill(OPERATOR.password);
    await operator.getByTestId('sign-in-submit').click();
    await operator.waitForURL(/\/operator$/);
  }, 180_000);

  afterAll(async () => {
    await adminCtx?.close();
    await opCtx?.close();
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('an org admin opens a ticket with an attachment; the operator answers; both get the e-mail', async () => {
    const file = path.join(tmp, 'screen.png');
    writeFileSync(file, PNG);
    await admin.getByTestId('nav-support').click();
    const form = admin.getByTestId('ticket-form');
    await form.getByLabel('Category').selectOption('incident_report');
    await form.getByLabel('Subject').fill('CSV export stops half-way');
    await form.getByLabel('Description').fill('Since this morning the export of the plan stops at 50 %.');
    await form.getByLabel('Attachments').setInputFiles(file);
    await shot('support-new-ticket', admin);
    await admin.getByTestId('ticket-submit').click();
    await admin.getByTestId('ticket-thread').waitFor();
    expect(await admin.getByTestId('attachments').textContent()).toContain('screen.png');
    await mailTo(OPERATOR.email, '#1');

    await operator.getByTestId('nav-support').click();
    await operator.getByRole('link', { name: 'CSV export stops half-way' }).click();
    await operator.getByTestId('operator-reply-form').waitFor();
    expect(await operator.getByTestId('attachments').textContent()).toContain('screen.png');
    await operator
      .getByTestId('operator-reply-form')
      .getByRole('textbox', { name: 'Reply' })
      .fill('We found the cause and fixed it. Please try again.');
    await operator.getByTestId('operator-reply-submit').click();
    await expect.poll(() => operator.getByTestId('ticket-status').textContent()).toBe('Answered');
    await shot('support-operator-answer', operator);
    await mailTo(ADMIN.email, 'Support replied to #1');

    await admin.reload();
    await expect.poll(() => admin.getByTestId('ticket-status').textContent()).toBe('Answered');
    expect(await admin.getByTestId('message-operator').textContent()).toContain('We found the cause');
    await shot('support-ticket-answered', admin);

    // The operator lets every user of this tenant open tickets (a per-tenant setting).
    const tenants = await op.get<{ items: { id: string; slug: string }[] }>('/api/operator/tenants');
    const tenantId = tenants.json.items.find((x) => x.slug === SLUG)!.id;
    await go(operator, `/operator/tenants/${tenantId}`);
    await operator.getByTestId('support-access-tenant').locator('input').click();
    await expect
      .poll(async () => (await op.get<{ tenants: unknown[] }>('/api/operator/support/access')).json.tenants)
      .toEqual([{ tenantId, anyUser: true }]);
  }, 90_000);

  it('an operator declares an incident; the org admin gets the e-mail and sees the banner and the page', async () => {
    await operator.getByTestId('nav-incidents').click();
    const form = operator.getByTestId('incident-form');
    await form.getByLabel('Severity').selectOption('major');
    await form.getByLabel('Title (Japanese)').fill('計画値の保存ができない');
    await form.getByLabel('Title (English)').fill('Plan values cannot be saved');
    await form.getByLabel('Description (Japanese)').fill('原因を調査しています。');
    await form.getByLabel('Description (English)').fill('We are investigating.');
    await shot('incident-declare', operator);
    await operator.getByTestId('incident-submit').click();
    await operator.getByTestId('incident').first().waitFor();
    await mailTo(ADMIN.email, 'Plan values cannot be saved');

    await go(admin, `/t/${SLUG}/`);
    const banner = admin.getByTestId('incident-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Plan values cannot be saved');
    await shot('incident-banner', admin);
    await banner.getByRole('link').click();
    await expect.poll(() => admin.getByTestId('incident-state').textContent()).toBe('Ongoing');
  }, 90_000);

  it('announces maintenance ahead, then answers 503 with the notice page in the user’s language', async () => {
    const start = new Date(Date.now() + offset + 10 * 60_000);
    const end = new Date(start.getTime() + 2 * 3_600_000);
    const res = await op.post('/api/operator/maintenance', {
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      noticeJa: '月例の OS 更新を行います。',
      noticeEn: 'Monthly operating-system update.',
    });
    expect(res.status).toBe(201);
    await mailTo(ADMIN.email, 'Scheduled maintenance');
    await go(admin, `/t/${SLUG}/`);
    await admin.getByTestId('maintenance-banner').waitFor();
    expect(await admin.getByTestId('maintenance-banner').textContent()).toContain(
      'Monthly operating-system update.',
    );
    await shot('maintenance-banner', admin);

    offset += 15 * 60_000; // now inside the window
    const answer = await go(admin, `/t/${SLUG}/support`);
    expect(answer?.status()).toBe(503);
    expect(Number(answer?.headers()['retry-after'])).toBeGreaterThan(60 * 60);
    expect(await admin.getByTestId('maintenance-heading').textContent()).toBe(
      'Yosan is under scheduled maintenance',
    );
    expect(await admin.getByTestId('maintenance-notice').textContent()).toBe(
      'Monthly operating-system update.',
    );
    await shot('maintenance-notice-en', admin);
    const jaCtx = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'ja-JP' });
    const ja = await jaCtx.newPage();
    const jaAnswer = await ja.goto(`${origin()}/t/${SLUG}/`);
    expect(jaAnswer?.status()).toBe(503);
    expect(await ja.getByTestId('maintenance-heading').textContent()).toBe('Yosan は計画メンテナンス中です');
    await shot('maintenance-notice-ja', ja);
    await jaCtx.close();

    // The operator console keeps working and ends the window early.
    await operator.getByTestId('nav-maintenance').click();
    await operator.getByTestId('maintenance-end').first().click();
    await expect.poll(async () => (await go(admin, `/t/${SLUG}/`))?.status()).toBe(200);
    await operator.getByTestId('availability-table').waitFor();
    // The monthly OS update: the third Sunday night of December 2026 in JST.
    await operator.getByTestId('third-sunday-month').fill('2026-12');
    await operator.getByTestId('third-sunday-fill').click();
    await expect.poll(() => operator.locator('#field-startsAt').inputValue()).toBe('2026-12-20T22:00');
    expect(await operator.locator('#field-endsAt').inputValue()).toBe('2026-12-21T02:00');
    await shot('maintenance-console', operator);
    expect(consoleErrors).toEqual([]);
  }, 90_000);
});

// @vitest-environment node
/**
 * End-to-end for issue 3 in Chromium against a real server, with a real SMTP server in this
 * process (smtp-server + mailparser): invitation and reset links are read from delivered mail.
 * First admin: invitation → password → sign in twice → My page shows the previous sign-in →
 * security settings require two-step verification → enrolment at sign-in → turn off and set up again
 * on My page (QR, code, recovery codes) → sign in with a code and with a recovery code; forgot / reset. Screenshots go to docs/handbook/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOperator, tenantBody } from '../support/flows.js';
import { movableClock } from '../support/identity.js';
import { freePort } from '../support/ports.js';
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import { startTestServer } from '../support/server.js';
import { TestSmtp } from '../support/smtp.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'acme';
const ADMIN = { email: 'admin@acme.example', password: 'maple river lantern quiet 2026' };
const NEW_PASSWORD = 'harbour violet kettle morning 2027';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const JST_TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2} \((JST|UTC[^)]*)\)/;

describe('identity screens in a real browser', () => {
  const clock = movableClock();
  let smtp: TestSmtp;
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let secret = '';
  let recoveryCodes: string[] = [];
  let adminPassword = ADMIN.password;
  const consoleErrors: string[] = [];

  const origin = () => server.url.replace(/\/$/, '');
  const open = (p: Page, link: URL) => p.goto(`${origin()}${link.pathname}${link.hash}`);
  const shot = (name: string, p: Page = page) => p.screenshot({ path: `${shotsDir}${name}.png` });
  /** A code for the server's clock; the clock moves a minute first so no code is used twice. */
  const nextCode = () => {
    clock.advance(60_000);
    return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
      timestamp: clock.now().getTime(),
    });
  };
  const signIn = async (p: Page, email: string, password: string) => {
    await p.goto(`${origin()}/t/${SLUG}/sign-in`);
    await p.getByTestId('sign-in-form').waitFor();
    await p.getByLabel('E-mail address').fill(email);
    await p.getByLabel('Password').fill(password);
    await p.getByTestId('sign-in-submit').click();
  };
  const signOut = async (p: Page) => {
    await p.getByTestId('sign-out').click();
    await p.waitForURL(/\/sign-in$/);
  };

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuilt();
    smtp = new TestSmtp(await freePort());
    await smtp.start();
    server = await startTestServer({ env: { SMTP_URL: smtp.url }, clock: clock.now });
    const op = await setUpOperator(server);
    const res = await op.post(
      '/api/operator/tenants',
      tenantBody(SLUG, { displayName: 'Acme 株式会社', firstAdminEmail: ADMIN.email }),
    );
    if (res.status !== 201) throw new Error(`tenant: ${res.status} ${res.text}`);
    browser = await launchChromium();
    context = await browser.newContext({
      ignoreHTTPSErrors: true,
      locale: 'en-US',
      viewport: { width: 1280, height: 800 },
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
  });

  it('first admin: invitation from SMTP, previous sign-in on My page, two-step set-up and sign-in', async () => {
    try {
      // --- The invitation arrives by SMTP; the admin sets a password and signs in ---
      await open(page, await smtp.linkTo(ADMIN.email, `/t/${SLUG}/invite`));
      await page.getByTestId('invite-form').waitFor();
      await page.getByLabel('New password').fill(ADMIN.password);
      await page.getByLabel('Confirm password').fill(ADMIN.password);
      await page.getByTestId('invite-submit').click();
      await page.waitForURL(/\/sign-in$/);
      await page.getByLabel('E-mail address').fill(ADMIN.email);
      await page.getByLabel('Password').fill(ADMIN.password);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('tenant-welcome').waitFor();
      // Admin navigation is there for an org admin.
      for (const id of ['nav-home', 'nav-me', 'nav-users', 'nav-groups', 'nav-admins', 'nav-security']) {
        await page.getByTestId(id).waitFor();
      }

      // --- Sign out and in again: My page shows the previous sign-in (JST, IP, browser) ---
      await signOut(page);
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.getByTestId('tenant-welcome').waitFor();
      await page.getByTestId('nav-me').click();
      await page.waitForURL(/\/t\/acme\/me$/);
      await page.getByTestId('me-previous-at').waitFor();
      expect(await page.getByTestId('me-previous-at').textContent()).toMatch(JST_TIME);
      expect(await page.getByTestId('me-previous-ip').textContent()).toMatch(/\d|:/);
      expect(await page.getByTestId('me-previous-browser').textContent()).toContain('Chrome');
      expect(await page.getByTestId('me-previous-sign-in').textContent()).toContain('contact your');
      const results = await page
        .getByTestId('me-event')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-result')));
      expect(results.filter((r) => r === 'success').length).toBeGreaterThanOrEqual(2);
      expect(await page.locator('[data-testid="me-session"][data-current="true"]').count()).toBe(1);
      await shot('my-page-en');

      // --- The organisation requires two-step verification for administrators ---
      await page.getByTestId('nav-security').click();
      await page.getByTestId('security-form').waitFor();
      expect(await page.getByTestId('require2fa-none').isChecked()).toBe(true);
      await page.getByTestId('require2fa-admins').check();
      await page.getByTestId('security-save').click();
      await page.getByTestId('notice').waitFor();
      await shot('security-settings');

      // --- …so the next sign-in enrols: QR as an <img> data URL, a code, recovery codes, signed in ---
      await signOut(page);
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.getByTestId('enrol-form').waitFor();
      expect(await page.getByTestId('totp-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(await page.getByTestId('totp-setup').locator('svg').count()).toBe(0); // never inline markup
      secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
      await page.getByLabel('Verification code').fill(nextCode());
      await shot('sign-in-enrolment');
      await page.getByTestId('enrol-submit').click();
      await page.getByTestId('recovery-codes').waitFor();
      expect(await page.getByTestId('recovery-code').count()).toBe(10);
      await page.getByTestId('recovery-done').click();
      await page.getByTestId('nav-me').click();
      await expect.poll(() => page.getByTestId('me-totp-state').textContent()).toBe('On');
      await page.getByTestId('totp-required').waitFor(); // cannot be turned off while required

      // --- Policy back to none; turn it off with the password, then set it up again on My page ---
      await page.getByTestId('nav-security').click();
      await page.getByTestId('require2fa-none').check();
      await page.getByTestId('security-save').click();
      await page.getByTestId('notice').waitFor();
      await page.getByTestId('nav-me').click();
      await page.getByTestId('totp-disable-open').click();
      await page.getByTestId('totp-disable-form').getByLabel('Password').fill(ADMIN.password);
      await page.getByTestId('totp-disable').click();
      await expect.poll(() => page.getByTestId('me-totp-state').textContent()).toBe('Off');

      await page.getByTestId('totp-setup-start').click();
      await page.getByTestId('totp-qr').waitFor();
      secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
      await page.getByLabel('Verification code').fill('000');
      await page.getByTestId('totp-enable').click();
      await page.getByTestId('error-code').waitFor(); // caught in the browser: not six digits
      await page.getByLabel('Verification code').fill(nextCode());
      await shot('my-page-two-step-setup');
      await page.getByTestId('totp-enable').click();
      await page.getByTestId('recovery-codes').waitFor();
      recoveryCodes = (await page.getByTestId('recovery-code').allTextContents()).map((c) => c.trim());
      expect(recoveryCodes).toHaveLength(10);
      const download = page.waitForEvent('download');
      await page.getByTestId('recovery-download').click();
      expect((await download).suggestedFilename()).toBe('yosan-recovery-codes-acme.txt');
      await shot('my-page-recovery-codes');
      await page.getByTestId('recovery-done').click();
      await expect.poll(() => page.getByTestId('me-totp-state').textContent()).toBe('On');

      // --- Next sign-in asks for the code ---
      await signOut(page);
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.getByTestId('mfa-form').waitFor();
      await page.getByLabel('Verification code').fill(nextCode());
      await shot('sign-in-two-step');
      await page.getByTestId('mfa-submit').click();
      await page.getByTestId('nav-me').waitFor(); // signed in (back on the page the user left)

      // --- …or a recovery code, once ---
      await signOut(page);
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.getByTestId('mfa-toggle').click();
      await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
      await page.getByTestId('mfa-submit').click();
      await page.getByTestId('nav-me').waitFor();

      // --- My page in Japanese ---
      await page.getByTestId('lang-ja').click();
      await page.getByTestId('nav-me').click();
      await page.getByRole('heading', { name: '前回のサインイン' }).waitFor();
      expect(await page.getByTestId('me-previous-sign-in').textContent()).toContain('管理者に連絡');
      await shot('my-page-ja');
      await page.getByTestId('lang-en').click();

      expect(consoleErrors.filter((e) => !/status of 40[01]/.test(e))).toEqual([]);
    } catch (error) {
      await shot('failure-identity').catch(() => undefined);
      throw error;
    }
  }, 240_000);

  it('forgot password: the same answer for any address, a reset link by SMTP, then the new password', async () => {
    const other = await browser.newContext({
      ignoreHTTPSErrors: true,
      locale: 'en-US',
      viewport: { width: 1280, height: 800 },
    });
    const p = await other.newPage();
    p.setDefaultTimeout(15_000);
    try {
      await p.goto(`${origin()}/t/${SLUG}/sign-in`);
      await p.getByTestId('forgot-link').click();
      await p.waitForURL(/\/forgot-password$/);
      await p.getByLabel('E-mail address').fill('nobody@acme.example');
      await p.getByTestId('forgot-submit').click();
      const unknown = await p.getByTestId('forgot-sent').textContent();
      await p.reload();
      await p.getByLabel('E-mail address').fill(ADMIN.email);
      await p.getByTestId('forgot-submit').click();
      expect(await p.getByTestId('forgot-sent').textContent()).toBe(unknown);
      await shot('forgot-password-sent', p);

      await open(p, await smtp.linkTo(ADMIN.email, `/t/${SLUG}/reset-password`));
      await p.getByTestId('reset-form').waitFor();
      expect(await p.getByTestId('reset-account').textContent()).toContain(ADMIN.email);
      await p.getByLabel('New password').fill(NEW_PASSWORD);
      await p.getByLabel('Confirm password').fill(NEW_PASSWORD);
      await shot('reset-password', p);
      await p.getByTestId('reset-submit').click();
      await p.waitForURL(/\/sign-in$/);
      await p.getByTestId('notice').waitFor();
      adminPassword = NEW_PASSWORD;
      await p.getByLabel('Password').fill(adminPassword);
      await p.getByTestId('sign-in-submit').click();
      // Two-step verification is still required after a reset.
      await p.getByTestId('mfa-form').waitFor();
      await p.getByLabel('Verification code').fill(nextCode());
      await p.getByTestId('mfa-submit').click();
      await p.getByTestId('tenant-welcome').waitFor();

      // The used link no longer works.
      await open(p, await smtp.linkTo(ADMIN.email, `/t/${SLUG}/reset-password`));
      await p.getByTestId('error-alert').waitFor();
      expect(await p.getByTestId('reset-form').count()).toBe(0);
    } finally {
      await other.close();
    }
  }, 90_000);
});

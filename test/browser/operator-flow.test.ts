// @vitest-environment node
/**
 * End-to-end: a real Yosan server (HTTPS, temporary data folder) driven by headless Chromium.
 * First-run set-up → console → create tenant → invitation in the outbox → accept invitation →
 * tenant sign-in → tenant home (previous sign-in in JST) → language switch. Also checks that a
 * protected page sends a stranger to sign-in, that a wrong password shows the server's message, and
 * that a further operator can set a password from a set-password link.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteOperator } from '../../src/modules/operators/service.js';
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import { startTestServer } from '../support/server.js';

const shotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

const OPERATOR = {
  email: 'ops@example.test',
  name: 'Operator Sato',
  password: 'correct horse battery staple 2026',
};
const ADMIN = { email: 'admin@acme.example', password: 'maple river lantern quiet 2026' };

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('operator and tenant flow in a real browser', () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];

  const shot = async (name: string) => {
    await page.screenshot({ path: `${shotsDir}${name}.png`, fullPage: true });
  };

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuilt();
    server = await startTestServer();
    browser = await launchChromium();
    context = await browser.newContext({
      ignoreHTTPSErrors: true,
      locale: 'en-US',
      viewport: { width: 1280, height: 860 },
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
  }, 60_000);

  it('sets up the first operator, creates a tenant and lets its admin in', async () => {
    try {
      // --- First-run set-up from the URL the server printed (token in the fragment) ---
      expect(server.setupUrl, 'startTestServer should return the first-run setup URL').toBeTruthy();
      const first = await page.goto(server.setupUrl!);
      // The shell runs under the server's strict CSP (any violation would show up as a console error).
      expect(first?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.getByTestId('setup-form').waitFor();
      await expect.poll(() => page.getByTestId('footer-version').textContent()).toMatch(/^Yosan v\d+\.\d+/);
      await page.getByLabel('E-mail address').fill(OPERATOR.email);
      await page.getByLabel('Name').fill(OPERATOR.name);
      await page.getByLabel('New password').fill(OPERATOR.password);
      await page.getByLabel('Confirm password').fill(OPERATOR.password);
      await shot('01-operator-setup');
      await page.getByTestId('setup-submit').click();

      // --- Console home, signed in ---
      await page.waitForURL(/\/operator$/);
      await expect.poll(() => page.getByTestId('header-person').textContent()).toBe(OPERATOR.name);
      await page.getByTestId('tenants-empty').or(page.getByTestId('tenants-table')).waitFor();

      // --- Create tenant "acme" ---
      await page.getByTestId('create-tenant').click();
      await page.getByTestId('tenant-form').waitFor();
      await page.getByLabel('Organisation name').fill('Acme 株式会社');
      await page.getByLabel('URL name').fill('acme');
      await page.getByLabel('Contract start').fill('2026-04-01');
      await page.getByLabel('Contract end').fill('2027-03-31');
      await page.getByLabel('First administrator’s e-mail address').fill(ADMIN.email);
      await page.getByLabel('Language of the invitation').selectOption('en');
      await shot('02-tenant-new');
      await page.getByTestId('tenant-submit').click();
      await expect.poll(() => page.getByTestId('tenant-name').textContent()).toContain('Acme 株式会社');
      expect(await page.getByTestId('tenant-url').textContent()).toMatch(/\/t\/acme\/?$/);

      // --- It is in the list, active ---
      await page.getByTestId('nav-tenants').click();
      const row = page.locator('[data-testid="tenant-row"][data-slug="acme"]');
      await row.waitFor();
      expect(await row.getByTestId('status-badge').getAttribute('data-status')).toBe('active');
      await shot('03-operator-tenants');

      // --- The invitation mail reaches the outbox (written by a background job) ---
      await page.getByTestId('nav-outbox').click();
      const invitation = page.getByTestId('outbox-item').filter({ hasText: ADMIN.email }).first();
      await expect
        .poll(
          async () => {
            if ((await invitation.count()) > 0) return true;
            await page.reload();
            await page.getByTestId('outbox-list').or(page.getByTestId('outbox-empty')).waitFor();
            return (await invitation.count()) > 0;
          },
          { timeout: 45_000, interval: 1_000 },
        )
        .toBe(true);
      await invitation.click();
      const link = page.getByTestId('outbox-message').locator('a[href*="/t/acme/invite#token="]').first();
      await link.waitFor();
      const href = (await link.getAttribute('href'))!;
      await shot('04-operator-outbox');

      // --- The mail job shows up as done in the jobs view, filtered by status ---
      await page.getByTestId('nav-jobs').click();
      await page.getByTestId('job-filter-done').click();
      await page.waitForURL(/\/operator\/jobs\?status=done$/);
      await page.getByTestId('jobs-table').waitFor();
      const statuses = await page
        .getByTestId('job-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
      expect(statuses.length).toBeGreaterThan(0);
      expect(new Set(statuses)).toEqual(new Set(['done']));

      // --- Follow the link on this server's origin (the mail may name a configured public host) ---
      const target = new URL(href);
      await page.goto(`${server.url.replace(/\/$/, '')}${target.pathname}${target.hash}`);
      await page.getByTestId('invite-form').waitFor();
      expect(await page.getByTestId('invite-account').textContent()).toContain(ADMIN.email);
      const adminName = (await page.getByTestId('invite-account').locator('strong').textContent())!.trim();
      await page.getByLabel('New password').fill(ADMIN.password);
      await page.getByLabel('Confirm password').fill(ADMIN.password);
      await shot('05-tenant-invite');
      await page.getByTestId('invite-submit').click();

      // --- Sign in at /t/acme/sign-in ---
      await page.waitForURL(/\/t\/acme\/sign-in$/);
      await page.getByTestId('notice').waitFor();
      await page.getByLabel('E-mail address').fill(ADMIN.email);
      await page.getByLabel('Password').fill(ADMIN.password);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('tenant-welcome').waitFor();
      expect(await page.getByTestId('user-name').textContent()).toBe(adminName);
      expect(await page.getByTestId('tenant-welcome').textContent()).toContain(adminName);
      expect(await page.getByTestId('header-context').textContent()).toBe('Acme 株式会社');

      // --- Sign out and in again: the previous sign-in is shown in the tenant's zone ---
      await page.getByTestId('sign-out').click();
      await page.waitForURL(/\/t\/acme\/sign-in$/);
      await page.getByLabel('E-mail address').fill(ADMIN.email);
      await page.getByLabel('Password').fill(ADMIN.password);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('tenant-welcome').waitFor();
      const previous = (await page.getByTestId('previous-sign-in').textContent()) ?? '';
      expect(previous).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} \((JST|UTC[^)]*)\)/);
      expect(previous).toMatch(/Chrome/);
      await shot('06-tenant-home-en');

      // --- Language switch: Japanese labels, <html lang>, remembered across reloads ---
      await page.getByTestId('lang-ja').click();
      await page.getByRole('heading', { name: 'マイページ' }).waitFor();
      expect(await page.getByTestId('previous-sign-in').textContent()).toContain('前回のサインイン');
      expect(await page.getAttribute('html', 'lang')).toBe('ja');
      await page.reload();
      await page.getByRole('heading', { name: 'マイページ' }).waitFor();
      expect(await page.getByTestId('sign-out').textContent()).toBe('サインアウト');
      await shot('07-tenant-home-ja');

      // --- Back in the console (still signed in, now in Japanese): suspend and resume with confirmation ---
      await page.goto(`${server.url.replace(/\/$/, '')}/operator`);
      await page.getByRole('heading', { name: 'テナント', exact: true }).waitFor();
      await page.locator('[data-testid="tenant-row"][data-slug="acme"] a').click();
      await page.getByTestId('tenant-suspend').click();
      const dialog = page.getByTestId('confirm-dialog');
      await dialog.getByRole('heading', { name: '「Acme 株式会社」を停止しますか？' }).waitFor();
      await shot('09-operator-suspend-dialog-ja');
      await dialog.getByTestId('confirm-dialog-confirm').click();
      await page.getByTestId('tenant-resume').waitFor();
      expect(
        await page.getByTestId('tenant-name').getByTestId('status-badge').getAttribute('data-status'),
      ).toBe('suspended');
      // The tenant's users now see the server's (Japanese) explanation instead of the sign-in form.
      const tenantPage = await context.newPage();
      await tenantPage.goto(`${server.url.replace(/\/$/, '')}/t/acme/sign-in`);
      await tenantPage.getByTestId('error-alert').waitFor();
      expect(await tenantPage.getByTestId('error-message').textContent()).toMatch(
        /[\u3040-\u30ff\u4e00-\u9fff]/,
      );
      await tenantPage.close();
      await page.getByTestId('tenant-resume').click();
      await dialog.getByTestId('confirm-dialog-confirm').click();
      await page.getByTestId('tenant-suspend').waitFor();
      expect(
        await page.getByTestId('tenant-name').getByTestId('status-badge').getAttribute('data-status'),
      ).toBe('active');

      expect(consoleErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    } catch (error) {
      await shot('failure').catch(() => undefined);
      throw error;
    }
  }, 240_000);

  it('sends a stranger to sign-in and shows the server’s message for a wrong password', async () => {
    const stranger = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'ja-JP' });
    const p = await stranger.newPage();
    try {
      await p.goto(`${server.url.replace(/\/$/, '')}/operator/jobs`);
      await p.waitForURL(/\/operator\/sign-in$/);
      // Browser prefers Japanese, nothing stored yet: the UI starts in Japanese.
      await p.getByRole('heading', { name: '運用者サインイン' }).waitFor();
      await p.getByLabel('メールアドレス').fill(OPERATOR.email);
      await p.getByLabel('パスワード').fill('not the password at all');
      await p.getByTestId('sign-in-submit').click();
      const message = p.getByTestId('error-message');
      await message.waitFor();
      // Localised by the server from our Accept-Language: ja.
      expect(await message.textContent()).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      await p.screenshot({ path: `${shotsDir}08-operator-sign-in-error-ja.png`, fullPage: true });
      // An unknown organisation: the server's message in place of the page.
      await p.goto(`${server.url.replace(/\/$/, '')}/t/no-such-org/sign-in`);
      await p.getByTestId('error-alert').waitFor();
      expect(await p.getByTestId('error-alert').textContent()).toContain('この組織は利用できません');
      expect(await p.getByTestId('sign-in-form').count()).toBe(0);
      await p.screenshot({ path: `${shotsDir}10-tenant-not-found-ja.png`, fullPage: true });
      // A forged or mistyped invitation link: the server's reason, and what to do next.
      await p.goto(`${server.url.replace(/\/$/, '')}/t/acme/invite#token=not-a-real-token`);
      await p.getByTestId('error-alert').waitFor();
      expect(await p.getByTestId('error-alert').textContent()).toContain('この招待リンクは使用できません');
      expect(await p.getByTestId('error-alert').textContent()).toContain(
        '管理者に招待メールの再送を依頼してください',
      );
      expect(await p.getByTestId('invite-form').count()).toBe(0);
      await p.screenshot({ path: `${shotsDir}11-tenant-invite-invalid-ja.png`, fullPage: true });
    } finally {
      await stranger.close();
    }
  }, 60_000);

  it('lets a further operator set a password from the set-password link and sign in', async () => {
    const second = {
      email: 'second-ops@example.test',
      name: 'Operator Suzuki',
      password: 'quiet orchard copper mountain 2026',
    };
    const { link } = await inviteOperator(server.server.runtime.deps, {
      email: second.email,
      displayName: second.name,
      locale: 'en',
    });
    const target = new URL(link);
    const other = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'en-GB' });
    const p = await other.newPage();
    try {
      // A link without its token explains itself instead of showing a form.
      await p.goto(`${server.url.replace(/\/$/, '')}/operator/set-password`);
      await p.getByRole('alert').waitFor();
      expect(await p.getByTestId('set-password-form').count()).toBe(0);

      await p.goto(`${server.url.replace(/\/$/, '')}${target.pathname}${target.hash}`);
      await p.getByTestId('set-password-form').waitFor();
      await p.getByLabel('New password').fill(second.password);
      await p.getByLabel('Confirm password').fill(`${second.password} typo`);
      await p.getByTestId('set-password-submit').click();
      await p.getByTestId('error-passwordConfirm').waitFor(); // caught in the browser, nothing sent
      await p.getByLabel('Confirm password').fill(second.password);
      await p.getByTestId('set-password-submit').click();
      await p.waitForURL(/\/operator\/sign-in$/);
      await p.getByTestId('notice').waitFor();
      await p.getByLabel('E-mail address').fill(second.email);
      await p.getByLabel('Password').fill(second.password);
      await p.getByTestId('sign-in-submit').click();
      await p.waitForURL(/\/operator$/);
      await expect.poll(() => p.getByTestId('header-person').textContent()).toBe(second.name);
      await p.locator('[data-testid="tenant-row"][data-slug="acme"]').waitFor();
    } finally {
      await other.close();
    }
  }, 60_000);
});

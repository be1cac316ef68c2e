// @vitest-environment node
/**
 * Provider operations in Chromium against a real server: an org admin opens the Handbook from a
 * screen's help icon and searches it in Japanese; a user does not see administrators' pages (and
 * the server refuses them); the operator publishes release notes and a user sees the "what's new"
 * notice once; the trust page shows this connection's TLS version; the terms are linked from the
 * footer. Screenshots for the Handbook.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium } from '../support/browser.js';
import { OPERATOR, setUpOperator } from '../support/flows.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { acceptAndSignIn, PASSWORD, registerUser, tenantWithAdmin } from '../support/tenant-admin.js';

const shotsDir = fileURLToPath(new URL('../../docs/handbook/screenshots/', import.meta.url));
const SLUG = 'tebiki';
const ADMIN = `admin@${SLUG}.example`;
const USER = 'yamada@tebiki.example';

describe('Handbook, release notes, trust page and terms in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  const origin = () => server.url.replace(/\/$/, '');
  const shot = (p: Page, name: string) => p.screenshot({ path: `${shotsDir}${name}.png` });
  const open = async (locale: string): Promise<Page> => {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      locale,
      viewport: { width: 1280, height: 900 },
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of (401|403|404|409)/.test(m.text())) consoleErrors.push(m.text());
    });
    return page;
  };
  const signIn = async (p: Page, path: string, email: string, password: string, ready: string) => {
    await p.goto(`${origin()}${path}`);
    await p.getByTestId('sign-in-form').waitFor();
    await p.getByTestId('field-email').locator('input').fill(email);
    await p.getByTestId('field-password').locator('input').fill(password);
    await p.getByTestId('sign-in-submit').click();
    await p.getByTestId(ready).waitFor();
  };

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuilt();
    server = await startTestServer({
      env: { YOSAN_DATA_REGION: '日本 / 東京', YOSAN_BACKUP_REGION: '日本 / 大阪' },
    });
    const op = await setUpOperator(server);
    const admin = await tenantWithAdmin(server, op, SLUG);
    await registerUser(admin, SLUG, USER);
    await acceptAndSignIn(server, SLUG, USER);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('the operator publishes release notes and terms; a user sees the notice once and reads the terms', async () => {
    const ops = await open('ja-JP');
    await signIn(ops, '/operator/sign-in', OPERATOR.email, OPERATOR.password, 'nav-releases');
    await ops.getByTestId('nav-releases').click();
    await ops.getByTestId('release-form').waitFor();
    const version = server.server.runtime.deps.version;
    await ops.getByTestId('field-version').locator('input').fill(version);
    await ops.getByTestId('field-releasedOn').locator('input').fill('2026-11-26');
    await ops.getByTestId('field-category-0').locator('select').selectOption('feature');
    await ops
      .getByTestId('field-ja-0')
      .locator('textarea')
      .fill('ハンドブックを画面から開いて検索できるようになりました');
    await ops
      .getByTestId('field-en-0')
      .locator('textarea')
      .fill('The Handbook opens from each screen and can be searched');
    await ops.getByTestId('add-change').click();
    await ops.getByTestId('field-category-1').locator('select').selectOption('security');
    await ops.getByTestId('field-ja-1').locator('textarea').fill('依存パッケージを更新しました');
    await ops.getByTestId('field-en-1').locator('textarea').fill('Dependencies were updated');
    await ops.getByTestId('publish-release').click();
    await ops.getByTestId('notice').waitFor();
    await shot(ops, 'operator-release-notes');
    // A second publish of the same version is refused with the server's message.
    await ops.getByTestId('field-version').locator('input').fill(version);
    await ops.getByTestId('field-ja-0').locator('textarea').fill('二重公開');
    await ops.getByTestId('field-en-0').locator('textarea').fill('Twice');
    await ops.getByTestId('publish-release').click();
    expect(await ops.getByTestId('error-message').textContent()).toContain('公開済み');

    await ops.getByTestId('nav-terms').click();
    await ops.getByTestId('terms-form').waitFor();
    await ops.getByTestId('field-lawJa').locator('input').fill('日本法');
    await ops.getByTestId('field-lawEn').locator('input').fill('The laws of Japan');
    await ops.getByTestId('field-contact').locator('input').fill('support@yosan.example');
    await ops
      .getByTestId('field-textJa')
      .locator('textarea')
      .fill('第1条（目的）本規約は、Yosan の利用条件を定めます。');
    await ops
      .getByTestId('field-textEn')
      .locator('textarea')
      .fill('Article 1 (Purpose) These terms set out how Yosan may be used.');
    await ops.getByTestId('field-effectiveOn').locator('input').fill('2026-12-01');
    await ops.getByTestId('publish-terms').click();
    await ops.getByTestId('notice').waitFor();

    await ops.getByTestId('nav-dependencies').click();
    await ops.getByTestId('deps-table').or(ops.getByRole('alert')).first().waitFor();

    const user = await open('ja-JP');
    await signIn(user, `/t/${SLUG}/sign-in`, USER, PASSWORD, 'nav-me');
    await user.getByTestId('whats-new').waitFor();
    expect(await user.getByTestId('whats-new').textContent()).toContain('ハンドブックを画面から開いて検索');
    await shot(user, 'whats-new');
    await user.getByTestId('whats-new-close').click();
    await user.reload();
    await user.getByTestId('nav-me').waitFor();
    await user.waitForLoadState('networkidle');
    expect(await user.getByTestId('whats-new').count()).toBe(0);

    await user.getByTestId('footer-terms').click();
    await user.getByTestId('terms-page').locator('[data-testid="terms-law"]').waitFor();
    expect(await user.getByTestId('terms-law').textContent()).toBe('日本法');
    expect(await user.getByTestId('terms-text').textContent()).toContain('第1条');
    await shot(user, 'terms-of-service');
  });

  it('an org admin opens the Handbook from a help icon and searches it in Japanese', async () => {
    const page = await open('ja-JP');
    await signIn(page, `/t/${SLUG}/sign-in`, ADMIN, PASSWORD, 'nav-groups');
    await page.getByTestId('nav-groups').click();
    await page.getByTestId('help-group-create').click();
    await page.waitForURL(`**/t/${SLUG}/handbook/ja/group-create`);
    await page.getByTestId('handbook-page').locator('h1').waitFor();
    expect(await page.getByTestId('handbook-page').locator('h1').textContent()).toBe('グループを作成する');
    expect(await page.getByTestId('handbook-toc-admin').count()).toBe(1);
    await page.getByTestId('handbook-search').fill('リカバリーコード');
    await page.getByTestId('handbook-search-submit').click();
    await page.getByTestId('handbook-result-user-two-step').waitFor();
    await shot(page, 'handbook-search');
    await page.getByTestId('handbook-result-user-two-step').click();
    await expect
      .poll(() => page.getByTestId('handbook-page').locator('h1').textContent())
      .toBe('2段階認証を有効にする');
    // The screenshot inside the page loads with the reader's session.
    const img = page.getByTestId('handbook-page').locator('img').first();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await page.getByTestId('handbook-other-language').click();
    await expect
      .poll(() => page.getByTestId('handbook-page').locator('h1').textContent())
      .toBe('Turn on two-step verification');
  });

  it('a user does not see administrators’ pages, and the server refuses them', async () => {
    const page = await open('ja-JP');
    await signIn(page, `/t/${SLUG}/sign-in`, USER, PASSWORD, 'nav-me');
    await page.getByTestId('nav-handbook').click();
    await page.waitForURL(`**/t/${SLUG}/handbook/ja/handbook`);
    await expect
      .poll(() => page.getByTestId('handbook-page').locator('h1').textContent())
      .toBe('ハンドブックを読む');
    await page.getByTestId('lang-en').click();
    await expect
      .poll(() => page.getByTestId('handbook-page').locator('h1').textContent())
      .toBe('Read the Handbook');
    await page.getByTestId('lang-ja').click();
    await page.getByTestId('handbook-toc-user').waitFor();
    expect(await page.getByTestId('handbook-toc-admin').count()).toBe(0);
    expect(await page.getByTestId('handbook-toc-group-create').count()).toBe(0);
    await page.goto(`${origin()}/t/${SLUG}/handbook/ja/group-create`);
    await page.getByTestId('error-alert').waitFor();
    expect(await page.getByTestId('error-message').textContent()).toContain('権限');
    const status = await page.evaluate(
      (slug) => fetch(`/t/${slug}/api/handbook/pages/ja/group-create`).then((r) => r.status),
      SLUG,
    );
    expect(status).toBe(403);
    await page.getByTestId('handbook-search').fill('グループ');
    await page.getByTestId('handbook-search-submit').click();
    await page.getByTestId('handbook-results').waitFor();
    expect(await page.getByTestId('handbook-result-group-create').count()).toBe(0);
  });

  it('the trust page shows the TLS version of this connection', async () => {
    const page = await open('ja-JP');
    await signIn(page, `/t/${SLUG}/sign-in`, ADMIN, PASSWORD, 'nav-trust');
    await page.getByTestId('nav-trust').click();
    await page.getByTestId('fact-tls.protocol').waitFor();
    expect(await page.getByTestId('fact-tls.protocol').textContent()).toContain('TLSv1.3');
    expect(await page.getByTestId('fact-region.primary').textContent()).toContain('日本 / 東京');
    // The contract section (modules/contracts): the end date and the deletion dates that follow from it.
    expect(await page.getByTestId('fact-contract.end').textContent()).toContain('2027-03-31');
    expect(await page.getByTestId('fact-contract.liveDataDeletedOn').textContent()).toContain('2027-04-01');
    expect(await page.getByTestId('fact-contract.backupsDeletedBy').textContent()).toContain('2027-04-30');
    await page.getByTestId('trust-verify').click();
    await page.getByTestId('trust-verified').waitFor();
    await expect
      .poll(() => page.getByTestId('fact-logs.lastVerificationResult').textContent())
      .toContain('正常');
    await shot(page, 'trust-page');
    expect(consoleErrors).toEqual([]);
  });
});
